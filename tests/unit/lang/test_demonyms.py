"""Each pack's demonyms (geo/lang/<code>/demonyms.tsv): the country of an adjective or a name of
its people, in the words of that language."""

from __future__ import annotations

import csv
from importlib import resources

import pycountry
import pytest

from geo.lang import pack
from geo.names import normalize

UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE
DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB
LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG
MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM
ZW
""".split()


def rows(code: str) -> list[list[str]]:
    path = resources.files(f"geo.lang.{code}") / "demonyms.tsv"
    with path.open(encoding="utf-8") as handle:
        return [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]


@pytest.mark.parametrize(
    ("language", "word", "code"),
    [
        ("fr", "nord-coréenne", "KP"),
        ("en", "Syrian", "SY"),
        ("fr", "néo-zélandais", "NZ"),
        ("fr", "ivoiriennes", "CI"),
        ("fr", "saoudien", "SA"),
        ("en", "Emirati", "AE"),
        ("fr", "émiriens", "AE"),
        ("fr", "britannique", "GB"),
        ("fr", "nigérien", "NE"),
        ("en", "Nigerian", "NG"),
        ("fr", "sud-africaine", "ZA"),
        ("en", "Salvadoran", "SV"),
        ("en", "North Korean", "KP"),
    ],
)
def test_demonyms(language, word, code):
    assert pack(language).demonym(word) == code


@pytest.mark.parametrize("language", ["fr", "en"])
def test_demonym_codes_are_iso_and_cover_the_un(language):
    codes = [row[0] for row in rows(language)]
    assert all(pycountry.countries.get(alpha_2=code) for code in codes)
    assert len(codes) == len(set(codes)) and not set(UN_MEMBERS) - set(codes)
    assert len(set(UN_MEMBERS)) == 193


def test_no_demonym_names_two_countries_in_any_language():
    owner: dict[str, str] = {}
    for language in ("fr", "en"):
        for code, *words in rows(language):
            for word in words:
                assert owner.setdefault(normalize(word), code) == code, (language, word)


def test_the_tables_are_those_the_packs_read():
    for language in ("fr", "en"):
        table = {normalize(w): code for code, *words in rows(language) for w in words}
        assert dict(pack(language).demonyms) == table
