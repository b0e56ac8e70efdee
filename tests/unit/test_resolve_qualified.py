"""Resolution on sentence shapes of issue 15: a name with its own qualifier ("Washington, D.C."
beside "central Washington"), and the names of geo/data (large areas, landmarks), each of which
is the place's own name whatever the entry's first name ("Middle East" is "Moyen-Orient").
Candidates are hand-made copies of the gazetteer's records."""

import re

import pytest

from geo.model import Candidate, Mention
from geo.names import normalize
from geo.resolve import resolve
from geo.resolve.context import qualifiers
from tests.conftest import WASHINGTON_DC

WASHINGTON_STATE = Candidate(
    "iso3166-2:US-WA", "Washington", 47.29, -120.21, "region", "US", 6544495, admin1="US-WA"
)
YAKIMA = Candidate("geonames:5816605", "Yakima", 46.6, -120.51, "city", "US", 93701, admin1="WA")
SPOKANE = Candidate(
    "geonames:5811696", "Spokane", 47.66, -117.43, "city", "US", 228989, admin1="WA"
)
MIDDLE_EAST = Candidate(
    "area:middle-east", "Moyen-Orient", 33.14, 35.86, "region", None, 10_000_000
)
MIDDLE_EAST_MD = Candidate(
    "geonames:11980025", "Middle East", 39.3, -76.59, "city", "US", 1872, admin1="MD"
)
BALTIMORE = Candidate(
    "geonames:4347778", "Baltimore", 39.29, -76.61, "city", "US", 585708, admin1="MD"
)
TEXAS = Candidate(
    "iso3166-2:US-TX", "Texas", 31.0, -100.0, "region", "US", 25145561, admin1="US-TX"
)
OKLAHOMA = Candidate(
    "iso3166-2:US-OK", "Oklahoma", 35.5, -97.5, "region", "US", 3751351, admin1="US-OK"
)
KANSAS = Candidate(
    "iso3166-2:US-KS", "Kansas", 38.5, -98.0, "region", "US", 2853118, admin1="US-KS"
)
WHITE_HOUSE = Candidate(
    "landmark:white-house", "Maison Blanche", 38.8977, -77.0365, "landmark", "US"
)
CASABLANCA = Candidate("geonames:2553604", "Casablanca", 33.59, -7.61, "city", "MA", 3665954)
WHITE_HOUSE_TN = Candidate(
    "geonames:4667282", "White House", 36.47, -86.65, "city", "US", 11226, admin1="TN"
)

CANDIDATES = {
    "washington": [WASHINGTON_STATE, WASHINGTON_DC],
    "D.C.": [WASHINGTON_DC],
    "Wash.": [WASHINGTON_STATE],
    "yakima": [YAKIMA],
    "spokane": [SPOKANE],
    "middle east": [MIDDLE_EAST, MIDDLE_EAST_MD],
    "baltimore": [BALTIMORE],
    "texas": [TEXAS],
    "oklahoma": [OKLAHOMA],
    "kansas": [KANSAS],
    "white house": [CASABLANCA, WHITE_HOUSE_TN, WHITE_HOUSE],
}
NAMES = re.compile(
    r"Washington|Yakima|Spokane|Middle East|Baltimore|Texas|Oklahoma|Kansas|White House"
)


def lookup(name):
    return CANDIDATES.get(name) or CANDIDATES.get(normalize(name), [])


def places(text, language="en"):
    """The place of each mention, by the mention's start."""
    found = [Mention(m.start(), m.end(), m.group(), 0) for m in NAMES.finditer(text)]
    return {m.start: p for p in resolve(found, lookup, text, language=language) for m in p.mentions}


def test_an_explicit_qualifier_decides_its_own_mention():
    text = (
        "The senator flew to Washington, D.C., on Monday. Farmers in central Washington, "
        "around Yakima and Spokane, fear the drought."
    )
    read = places(text)
    first, second = (m.start() for m in re.finditer("Washington", text))
    assert read[first].id == WASHINGTON_DC.id
    assert read[second].id == WASHINGTON_STATE.id


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Apple growers in Yakima and Spokane met in Washington, Wash., on Friday.",
            WASHINGTON_STATE,
        ),
        (
            "Apple growers in Yakima and Spokane lobbied in Washington, D.C., on Friday.",
            WASHINGTON_DC,
        ),
    ],
)
def test_an_abbreviation_after_a_name_qualifies_it(text, expected):
    assert places(text)[text.index("Washington")].id == expected.id


def test_bare_mentions_keep_one_sense_beside_a_qualified_one():
    text = "In Washington, D.C., the bill passed. Washington has been busy since."
    read = places(text)
    assert {p.id for p in read.values()} == {WASHINGTON_DC.id}


def test_qualifiers_reads_the_next_mention_or_an_abbreviation():
    text = "Paris, Texas and Washington, D.C. and Springfield, Ill. and Lyon."
    found = [
        Mention(m.start(), m.end(), m.group(), 0)
        for m in re.finditer(r"Paris|Texas|Washington|Springfield|Lyon", text)
    ]
    assert qualifiers(found, text) == {0: "Texas", 2: "D.C.", 3: "Ill."}
    assert qualifiers([], text) == {}
    # an abbreviation the gazetteer does not know qualifies nothing
    lyon = "Lyon, Mr. Smith said."
    assert qualifiers([Mention(0, 4, "Lyon", 0)], lyon, lambda q: q != "Mr.") == {}


@pytest.mark.parametrize(
    "text, name, expected",
    [
        # the US town of that very name, among the text's other US places, lost to the
        # area only when the area's English name counts as its own
        (
            "Soldiers from Texas, Oklahoma and Kansas served in the Middle East.",
            "Middle East",
            MIDDLE_EAST,
        ),
        ("The White House said on Tuesday that talks would go on.", "White House", WHITE_HOUSE),
        ("A White House dinner in Baltimore was cancelled.", "White House", WHITE_HOUSE),
    ],
)
def test_a_name_listed_in_geo_data_is_the_place_s_own(text, name, expected):
    assert places(text)[text.index(name)].id == expected.id
