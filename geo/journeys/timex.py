"""Time expressions of journeys: found as written, normalised to ISO 8601 against a document date.

Values are a day (`2023-09-05`), an ISO week (`2023-W35`), a month (`2023-09`) or a year (`2019`).
A relative expression ("le mois précédent", "last week") needs the document date; a month or a
weekday without a year is placed before the date for a past journey and after it for a planned
one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

_MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan.": 1,
    "feb.": 2,
    "aug.": 8,
    "sept.": 9,
    "sep.": 9,
    "oct.": 10,
    "nov.": 11,
    "dec.": 12,
}
_WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "quelques": 3,
    "few": 3,
    "several": 3,
    "plusieurs": 3,
}
_UNITS = {
    "jour": "day",
    "jours": "day",
    "day": "day",
    "days": "day",
    "semaine": "week",
    "semaines": "week",
    "week": "week",
    "weeks": "week",
    "mois": "month",
    "month": "month",
    "months": "month",
    "an": "year",
    "ans": "year",
    "année": "year",
    "années": "year",
    "year": "year",
    "years": "year",
    "mois-ci": "month",
    "week-end": "week",
    "weekend": "week",
}
_LAST = {
    "dernier",
    "dernière",
    "passé",
    "passée",
    "précédent",
    "précédente",
    "last",
    "past",
    "previous",
}
_NEXT = {"prochain", "prochaine", "suivant", "suivante", "next", "coming"}

_M = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_W = "|".join(_WEEKDAYS)
_N = r"\d{1,2}|" + "|".join(_NUMBERS)
_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_REL = "|".join(sorted(_LAST | _NEXT, key=len, reverse=True))
_PERIOD = r"semaine|mois|année|an|week|month|year"
_MONTH_CUE = r"en|in|début|fin|mi-|early|late|mid-|au mois de|le mois de|this|last|next"
_YEAR_CUE = r"en|in|depuis|since|dès|début|fin|early|late|until|jusqu'en|au printemps|à l'automne"


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression of the text: where it is, its words, and its ISO value if known."""

    start: int
    end: int
    text: str
    value: str | None
    certain: bool  # False when the year (or week) of the value was guessed
    tense: int = 0  # 1 after the document date, -1 before it, 0 unknown or around it


Resolver = Callable[[re.Match, date | None, int], tuple[str | None, bool]]


def _day(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_months(ref: date, months: int) -> tuple[int, int]:
    index = ref.year * 12 + ref.month - 1 + months
    return index // 12, index % 12 + 1


def _period(unit: str, ref: date, steps: int) -> str:
    """The day, week, month or year `steps` units away from `ref`."""
    if unit == "day":
        return _day(ref + timedelta(days=steps))
    if unit == "week":
        return _week(ref + timedelta(weeks=steps))
    if unit == "month":
        return _month(*_shift_months(ref, steps))
    return f"{ref.year + steps:04d}"


def _direction_of(word: str | None) -> int:
    word = (word or "").lower()
    return -1 if word in _LAST else 1 if word in _NEXT else 0


def _year_for(month: int, day: int, ref: date, direction: int) -> int:
    """The year of a month/day given without one: before `ref` if past, after it if planned."""
    if direction < 0 and (month, day) > (ref.month, ref.day):
        return ref.year - 1
    if direction > 0 and (month, day) < (ref.month, ref.day):
        return ref.year + 1
    return ref.year


def _full_date(m: re.Match, ref: date | None, direction: int) -> tuple[str | None, bool]:
    month, day = _MONTHS[m["month"].lower()], int(m["day"])
    if m.groupdict().get("year"):
        year, certain = int(m["year"]), True
    elif ref is not None:
        year, certain = _year_for(month, day, ref, direction), False
    else:
        return None, False
    try:
        return _day(date(year, month, day)), certain
    except ValueError:
        return None, False


def _month_expr(m: re.Match, ref: date | None, direction: int) -> tuple[str | None, bool]:
    month = _MONTHS[m["month"].lower()]
    if m.groupdict().get("year"):
        return _month(int(m["year"]), month), True
    if ref is None:
        return None, False
    cue = (m["cue"] or "").lower()
    stated = _direction_of(m.groupdict().get("rel") or cue)
    year = _year_for(month, 1, ref.replace(day=1), stated or direction)  # months only
    return _month(year, month), bool(stated) or cue == "this"


def _year(m: re.Match, ref: date | None, direction: int) -> tuple[str | None, bool]:
    return m["year"], True


def _shifted(
    m: re.Match, ref: date | None, direction: int, *, sign: int = 0, counted: bool = False
) -> tuple[str | None, bool]:
    """A period `sign` units away from ref ("ce mois-ci", "le mois dernier", "2 weeks ago")."""
    if ref is None:
        return None, False
    steps = sign
    if counted:
        word = m["n"].lower()
        steps = sign * (int(word) if word.isdigit() else _NUMBERS[word])
    elif "rel" in m.re.groupindex:
        steps = _direction_of(m["rel"])
    return _period(_UNITS[m["unit"].lower()], ref, steps), True


def _deictic(m: re.Match, ref: date | None, direction: int) -> tuple[str | None, bool]:
    steps = _DEICTIC[m.group(0).lower().replace("’", "'")]
    return (_period("day", ref, steps), True) if ref else (None, False)


def _weekday(m: re.Match, ref: date | None, direction: int) -> tuple[str | None, bool]:
    if ref is None:
        return None, False
    wanted = _WEEKDAYS[m["weekday"].lower()]
    stated = _direction_of(m["rel"] or m["rel2"])
    direction = stated or direction or -1  # news tell mostly what happened
    delta = (wanted - ref.weekday()) % 7 if direction > 0 else -((ref.weekday() - wanted) % 7)
    if stated and delta == 0:
        delta = 7 * stated
    return _day(ref + timedelta(days=delta)), bool(stated)


_DEICTIC = {
    "aujourd'hui": 0,
    "today": 0,
    "tonight": 0,
    "ce matin": 0,
    "ce soir": 0,
    "cet après-midi": 0,
    "this morning": 0,
    "hier": -1,
    "yesterday": -1,
    "last night": -1,
    "avant-hier": -2,
    "demain": 1,
    "tomorrow": 1,
    "après-demain": 2,
}
_RULES: list[tuple[re.Pattern, Resolver]] = [
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (
            rf"\b(?:le |on |the )?(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)? (?P<month>{_M})"
            rf"(?: (?P<year>\d{{4}}))?\b",
            _full_date,
        ),
        (
            rf"\b(?P<month>{_M}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<year>\d{{4}}))?\b(?!:)",
            _full_date,
        ),
        (
            rf"(?:\b(?P<cue>{_MONTH_CUE}) ?)?\b(?P<month>{_M}) (?P<year>(?:19|20)\d{{2}})\b",
            _month_expr,
        ),
        (rf"\b(?P<cue>{_MONTH_CUE}) ?(?P<month>{_M})\b(?: (?P<rel>{_REL})\b)?", _month_expr),
        (rf"\b(?:{_YEAR_CUE}) (?P<shown>(?P<year>(?:19|20)\d{{2}}))\b", _year),
        (
            r"\b(?:ce|cette|this) (?P<unit>mois-ci|mois|month|semaine|week|année|year)\b(?!-)",
            _shifted,
        ),
        (rf"\b(?:le|la|l'|l’) ?(?P<unit>{_PERIOD}) (?P<rel>{_REL})\b", _shifted),
        (rf"\b(?P<rel>{_REL}) (?P<unit>{_PERIOD})\b", _shifted),
        ("|".join(rf"\b{re.escape(w)}\b" for w in _DEICTIC) + r"|\baujourd’hui\b", _deictic),
        (rf"\bil y a (?P<n>{_N}) (?P<unit>{_U})\b", partial(_shifted, sign=-1, counted=True)),
        (rf"\b(?P<n>{_N}) (?P<unit>{_U}) ago\b", partial(_shifted, sign=-1, counted=True)),
        (rf"\b(?:dans|in) (?P<n>{_N}) (?P<unit>{_U})\b", partial(_shifted, sign=1, counted=True)),
        (rf"\b(?:ce |le |this |the )?(?P<unit>week-end|weekend)(?: (?P<rel>{_REL}))?\b", _shifted),
        (rf"\b(?:(?P<rel2>{_REL}) )?(?P<weekday>{_W})(?: (?P<rel>{_REL}))?\b", _weekday),
    )
]


def find_times(text: str, ref: date | None = None, *, direction: int = 0) -> list[Timex]:
    """Every time expression of `text`, left to right, the longest where several overlap."""
    found: list[Timex] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            # a year is shown without its preposition: "2019", not "en 2019"
            start, end = m.span("shown") if "shown" in pattern.groupindex else m.span()
            if any(t.start < end and start < t.end for t in found):
                continue
            value, certain = resolve(m, ref, direction)
            found.append(
                Timex(
                    start,
                    end,
                    text[start:end],
                    value,
                    certain,
                    _tense(m, resolve, ref, value, certain),
                )
            )
    return sorted(found, key=lambda t: t.start)


def _tense(
    m: re.Match, resolve: Resolver, ref: date | None, value: str | None, certain: bool
) -> int:
    """Whether the expression is after or before the document date. Without a date, relative
    words still tell it ("next week", "hier"): they are resolved against any date."""
    if ref is None:
        if value is not None:  # an absolute date, say 2019: before or after, no one knows
            return 0
        ref = _PROBE
        value, certain = resolve(m, ref, 0)
    if not value or not certain:
        return 0
    after = is_future(value, ref)
    return 0 if after is None else (1 if after else -1)


_PROBE = date(2001, 6, 13)


def parse_date(value: str | date | None) -> date | None:
    """A document date from `date` or an ISO string (`2023-09-05`); None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        from geo.errors import InputError

        raise InputError(f"not a date: {value!r} (use YYYY-MM-DD)") from err


def is_future(value: str, ref: date) -> bool | None:
    """Whether an ISO value lies wholly after (True) or before (False) `ref`; None if it holds it."""
    first, last = _bounds(value)
    if first > ref:
        return True
    if last < ref:
        return False
    return None


def _bounds(value: str) -> tuple[date, date]:
    if "-W" in value:
        start = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return start, start + timedelta(days=6)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), nxt - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)
