"""What a language pack holds (`Pack`), and how a pack's data files are read."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType

from geo.names import normalize

_EMPTY: Mapping = MappingProxyType({})


def _empty() -> Mapping:
    return _EMPTY


# The categories of a pack's motion.tsv, as geo.journeys reads them (the file says what each
# holds). A pack may leave any of them empty; "verb", "noun" and "to" make journeys.
MOTION = frozenset(
    {
        "verb", "reflexive", "reflexive_pronoun", "noun", "plural_letter", "leave", "to",
        "from", "from_de", "destination", "provenance", "frame", "with", "mode", "by",
        "by_phrase", "article", "list", "planned", "hypothetical", "condition", "future_aux",
        "modal", "conditional", "future_stem", "stem_rule", "future_ending",
        "conditional_ending", "negation", "negation_with_ne", "ne", "cancel", "speech",
        "mode_verb", "at", "arrive", "light", "light_motion", "idiom", "holder", "holder_article",
        "singular", "pronoun", "relative", "form", "past_form", "exist", "path", "path_phrase",
        "conditional_suffix", "of", "plural_pronoun", "thing_pronoun",
        "progressive", "arrive_at", "for", "depart", "halt", "within", "place_noun",
        "definite",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Words by category (motion.tsv): `words("verb")`, and `pairs("mode")` where a category
    gives each word a value ("avion=plane")."""

    entries: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)
    _words: dict[str, frozenset[str]] = field(init=False, repr=False)
    _pairs: dict[str, Mapping[str, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if unknown := set(self.entries) - MOTION:
            raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}")
        words, pairs = {}, {}
        for category, found in self.entries.items():
            words[category] = frozenset(w.split("=")[0] for w in found)
            pairs[category] = MappingProxyType(dict(w.split("=", 1) for w in found if "=" in w))
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_pairs", pairs)

    def words(self, category: str) -> frozenset[str]:
        """The words of a category (a word's value left out); none if the pack has none."""
        if category not in MOTION:
            raise KeyError(category)  # a misspelt category, not an empty one
        return self._words.get(category, frozenset())

    def pairs(self, category: str) -> Mapping[str, str]:
        """{word: value} of a category whose words have values: {"avion": "plane"}."""
        if category not in MOTION:
            raise KeyError(category)
        return self._pairs.get(category, _EMPTY)


@dataclass(frozen=True, slots=True, eq=False)
class Names:
    """The words around names that recognition and resolution read (words.tsv says what each
    is): lower case, but for the words that say town or area, which are matched as written."""

    leading: frozenset[str] = frozenset()  # trimmed from the start of an entity: "la", "the"
    trailing: frozenset[str] = frozenset()  # trimmed from its end: "'s"
    connectors: frozenset[str] = frozenset()  # inside a name: "de", "upon"
    locative: frozenset[str] = frozenset()  # before a place: "à", "near"
    where: frozenset[str] = frozenset()  # before where things happen: "dans", "in"
    titles: frozenset[str] = frozenset()  # before a person: "président", "mr"
    weapons: frozenset[str] = frozenset()  # before a weapon's name: "missile"
    media: frozenset[str] = frozenset()  # after a place, a newspaper's name: "times", "monde"
    possessive: frozenset[str] = frozenset()  # after a name, its possessive: "'s"
    lists: frozenset[str] = frozenset()  # between the names of a list: "and", "et"
    town_before: frozenset[str] = frozenset()  # before a name, say a town: "à", "downtown"
    area_before: frozenset[str] = frozenset()  # before a name, say an area: "au", "central"
    area_after: frozenset[str] = frozenset()  # after a name, say an area: "state"
    sites: frozenset[str] = frozenset()  # before a name, what site it is: "pont", "place"
    sites_after: frozenset[str] = frozenset()  # after a name, what site it is: "Street"


@dataclass(frozen=True, slots=True, eq=False)
class Times:
    """The words of time expressions, lower case (times.tsv says what each is). The words of a
    tuple are tried in their order; a rule of geo.journeys.timex that needs a missing one is
    not used."""

    months: Mapping[str, int] = field(default_factory=_empty)
    weekdays: Mapping[str, int] = field(default_factory=_empty)
    numbers: Mapping[str, int] = field(default_factory=_empty)
    units: Mapping[str, str] = field(default_factory=_empty)  # "semaines": "week"
    last: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    deictic: Mapping[str, int] = field(default_factory=_empty)  # "hier": -1 (days from the date)
    period: tuple[str, ...] = ()
    period_article: tuple[str, ...] = ()
    this: tuple[str, ...] = ()
    this_unit: tuple[str, ...] = ()
    weekend: tuple[str, ...] = ()
    weekend_before: tuple[str, ...] = ()
    month_cue: tuple[str, ...] = ()
    year_cue: tuple[str, ...] = ()
    day_before: tuple[str, ...] = ()
    ordinal: tuple[str, ...] = ()
    ago_before: tuple[str, ...] = ()
    ago_after: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    bound: tuple[str, ...] = ()  # before a time, part of it: "by" (next Friday), "avant"
    part_of_day: tuple[str, ...] = ()  # after a day, part of it: "evening", "soir"
    clock_before: tuple[str, ...] = ()  # before a clock time: "at", "à"
    clock_mark: tuple[str, ...] = ()  # of a clock time's hour: "p.m.", "h"


@dataclass(frozen=True, slots=True, eq=False)
class Pack:
    """What geo knows of one language: its models, its words and its data files.

    Packs compare by identity: caches of what a pack's words make (compiled expressions, a
    loaded pipeline) are kept per pack.
    """

    code: str  # ISO 639-1, as spaCy's `Language.lang` and `Doc.lang_`
    name: str  # in English: "French"
    models: tuple[str, ...] = ()  # spaCy pipelines, best first; the first installed is used
    missing: str | None = None  # the error when none is installed; None: a blank pipeline
    common: frozenset[str] = frozenset()  # the commonest words: the language guess counts them
    names: Names = Names()
    motion: Lexicon = Lexicon()
    times: Times = Times()
    # normalised adjective or demonym -> ISO country code ("nord coreen" -> "KP")
    demonyms: Mapping[str, str] = field(default_factory=_empty)
    lemmas: Traversable | None = None  # forms of the lexicon's words and their lemmas
    lemma_pos: frozenset[str] = frozenset()  # parts of speech whose lemma depends on them

    def demonym(self, word: str) -> str | None:
        """The country of an adjective or demonym: "nord-coréen" -> "KP", "Russian" -> "RU"."""
        return self.demonyms.get(normalize(word))


def from_files(package: str, *, lemmas: str | None = None, **fields) -> Pack:
    """A pack whose words are the data files of its package: words.tsv (the language guess's
    and recognition's), motion.tsv, times.tsv, demonyms.tsv, and `lemmas` if it has a table;
    `fields` give the rest (code, name, models...)."""
    common, names = read_names(package)
    return Pack(
        common=common,
        names=names,
        motion=Lexicon(read_lexicon(package, "motion.tsv")),
        times=read_times(package),
        demonyms=read_demonyms(package),
        lemmas=resources.files(package) / lemmas if lemmas else None,
        **fields,
    )


def read_lexicon(package: str, name: str) -> dict[str, tuple[str, ...]]:
    """A pack's words file: category<TAB>words separated by spaces ("_" joins a phrase's words),
    lines starting with "#" aside; a category on several lines gets the words of each."""
    found: dict[str, tuple[str, ...]] = {}
    for row in _rows(resources.files(package) / name):
        words = tuple(w.replace("_", " ") for w in " ".join(row[1:]).split())
        found[row[0]] = found.get(row[0], ()) + words
    return found


def read_names(package: str) -> tuple[frozenset[str], Names]:
    """The common words and the recognition words of a pack's words.tsv."""
    found = read_lexicon(package, "words.tsv")
    common = frozenset(found.pop("common", ()))
    return common, Names(**{key: frozenset(words) for key, words in found.items()})


def read_times(package: str) -> Times:
    """A pack's times.tsv."""
    found = read_lexicon(package, "times.tsv")
    # the categories whose words have values ("janvier=1"); the others are Times' word tuples
    return Times(
        months=_pairs(found.pop("month", ()), int),
        weekdays=_pairs(found.pop("weekday", ()), int),
        numbers=_pairs(found.pop("number", ()), int),
        deictic=_pairs(found.pop("deictic", ()), int),
        units=_pairs(found.pop("unit", ()), str),
        **found,
    )


def read_demonyms(package: str) -> Mapping[str, str]:
    """A pack's demonyms.tsv (ISO code<TAB>words...), by normalised word."""
    table = {}
    for code, *words in _rows(resources.files(package) / "demonyms.tsv"):
        table.update({normalize(w): code for w in words})
    return MappingProxyType(table)


def _pairs(words: tuple[str, ...], kind: type) -> Mapping:
    return MappingProxyType({w.split("=")[0]: kind(w.split("=")[1]) for w in words})


def _rows(path: Traversable) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [
            row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")
        ]
