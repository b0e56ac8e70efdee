"""Who speaks the text's language where: CLDR's territory data, through Babel."""

from __future__ import annotations

import functools

from babel.core import get_global

_OFFICIAL = frozenset({"official", "de_facto_official", "official_regional"})


@functools.cache
def speakers(country_code: str | None, language: str) -> float:
    """The share (0 to 1) of a country's people who speak `language`, counted only where it is
    an official language there: French in France 0.97, in Canada 0.29; English in Russia 0.
    Places of no one country ("Middle East", "Europe") are everyone's: 1."""
    if not country_code:
        return 1.0
    found = get_global("territory_languages").get(country_code.upper(), {}).get(language, {})
    if found.get("official_status") not in _OFFICIAL:
        return 0.0
    return min(1.0, float(found.get("population_percent", 0.0)) / 100)
