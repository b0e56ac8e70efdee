"""What every registered language pack must provide, checked pack by pack."""

from __future__ import annotations

import dataclasses

import pytest

from geo.lang import Names, pack, supported
from geo.nlp.pipelines import _lemma_table, load

CODES = supported()
# the words of journeys that the stages need in every language (the others may be empty:
# English has no reflexive motion verb, French no possessive "'s")
MOTION = (
    "verb", "noun", "plural_letter", "leave", "to", "from", "frame", "with", "mode", "by", "article", "list",
    "planned", "hypothetical", "condition", "future_aux", "negation", "cancel", "speech",
    "mode_verb", "light", "holder", "singular", "pronoun", "relative",
)  # fmt: skip
NAMES = ("leading", "connectors", "locative", "where", "titles", "weapons", "media", "lists")
# the words around a name that say town or area (geo.resolve.cues), matched as written
CUES = ("town_before", "area_before")
UNITS = {"day", "week", "month", "year"}


@pytest.mark.parametrize("code", CODES)
def test_a_pack_names_its_language_and_a_pipeline_of_that_language(code):
    lang = pack(code)
    assert lang.code == code and lang.name
    assert lang.models or lang.missing is None  # a model to load, or a blank pipeline
    assert load(code).lang == code  # stages find a document's pack by its doc.lang_


@pytest.mark.parametrize("code", CODES)
def test_the_language_guess_has_common_words(code):
    common = pack(code).common
    assert len(common) >= 20 and all(w == w.lower() for w in common)
    others = [pack(other).common for other in CODES if other != code]
    assert all(len(common - other) >= 15 for other in others)  # enough of its own to tell


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("field", NAMES)
def test_recognition_has_its_words(code, field):
    words = getattr(pack(code).names, field)
    assert words and all(w == w.lower() for w in words)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("field", CUES)
def test_resolution_has_its_words_for_town_and_area(code, field):
    words = getattr(pack(code).names, field)
    # as written: a capitalised word is the form that starts a sentence ("Au Québec"), listed
    # beside the form inside one, or a word always written so ("l'État de")
    assert words and all(w[:1].lower() + w[1:] in words for w in words)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("category", MOTION)
def test_journeys_have_their_words(code, category):
    words = pack(code).motion.words(category)
    assert words and all(w == w.lower() for w in words)


@pytest.mark.parametrize("code", CODES)
def test_transport_words_name_modes(code):
    motion = pack(code).motion
    assert set(motion.pairs("mode")) == motion.words("mode")
    assert set(motion.pairs("mode").values()) >= {"train", "plane", "ship", "car"}


@pytest.mark.parametrize("code", CODES)
def test_time_words_cover_the_calendar(code):
    times = pack(code).times
    assert set(times.months.values()) == set(range(1, 13))
    assert set(times.weekdays.values()) == set(range(7))
    assert set(times.numbers.values()) >= set(range(1, 13))
    assert set(times.units.values()) == UNITS
    assert times.last and times.next and times.deictic and times.period
    # every word the rules read as a unit is one the resolvers can look up
    assert {*times.period, *times.this_unit, *times.weekend} <= set(times.units)


@pytest.mark.parametrize("code", CODES)
def test_demonyms_name_countries(code):
    demonyms = pack(code).demonyms
    assert len(set(demonyms.values())) >= 190  # every UN member but a few without a word
    assert all(len(c) == 2 and c.isupper() for c in demonyms.values())


@pytest.mark.parametrize("code", CODES)
def test_a_lemma_table_comes_with_the_parts_of_speech_it_is_keyed_by(code):
    lang = pack(code)
    if lang.lemmas is None:
        pytest.skip(f"{code}: lemmas from the model's own lemmatizer, if any")
    assert lang.lemma_pos and _lemma_table(lang)


def test_the_fields_a_pack_provides_are_those_this_test_checks():
    # a field added to Names must be checked here too (or said to be optional)
    # "Washington state" (none in French); sites, sites_after: French names a site after its
    # noun ("le pont Wilson"), English before it ("Wilson Bridge")
    optional = {"trailing", "possessive", "area_after", "sites", "sites_after"}
    assert {f.name for f in dataclasses.fields(Names)} == set(NAMES) | set(CUES) | optional
