"""Time expressions of journeys: found as written, normalised to ISO 8601 against a document date.

Values are a day (`2023-09-05`), an ISO week (`2023-W35`), a month (`2023-09`) or a year (`2019`).
The words are those of the text's language pack (`geo.lang.Times`); the rules, here, are shared.
A relative expression ("le mois précédent", "last week") needs the document date; a month or a
weekday without a year is placed before the date for a past journey and after it for a planned
one. A clock time is a time of the day next to it ("mardi à 0h50", "at 3 p.m. Wednesday"); alone
("à 0h50"), of the document's day, a guess (the night before is as likely).

The values are computed here, not by dateparser (issue 14): on the dev sets' expressions it gives
the same values where it reads them, reads none of the French shapes news write most ("lundi
prochain", "en mars dernier", "le mois précédent", "ce week-end") and moves the document's own
weekday a week away, so every rule here would stay for what it misses (test_timex lists them).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from geo.lang import Times, pack


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


def _direction_of(word: str | None, words: Times) -> int:
    word = (word or "").lower()
    return -1 if word in words.last else 1 if word in words.next else 0


def _year_for(month: int, day: int, ref: date, direction: int) -> int:
    """The year of a month/day given without one: before `ref` if past, after it if planned."""
    if direction < 0 and (month, day) > (ref.month, ref.day):
        return ref.year - 1
    if direction > 0 and (month, day) < (ref.month, ref.day):
        return ref.year + 1
    return ref.year


def _full_date(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    month, day = words.months[m["month"].lower()], int(m["day"])
    if m.groupdict().get("year"):
        year, certain = int(m["year"]), True
    elif ref is not None:
        year, certain = _year_for(month, day, ref, direction), False
    else:
        return None, False
    if (month, day) == (2, 29) and not certain:  # the 29th of the leap year before, or after
        while not calendar.isleap(year):
            year += 1 if direction > 0 else -1
    try:
        return _day(date(year, month, day)), certain
    except ValueError:
        return None, False


def _month_expr(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    month = words.months[m["month"].lower()]
    if m.groupdict().get("year"):
        return _month(int(m["year"]), month), True
    if ref is None:
        return None, False
    cue = (m.groupdict().get("cue") or "").lower()
    stated = _direction_of(m.groupdict().get("rel") or cue, words)
    year = _year_for(month, 1, ref.replace(day=1), stated or direction)  # months only
    return _month(year, month), bool(stated) or cue in words.this


def _year(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    return m["year"], True


def _shifted(
    m: re.Match,
    ref: date | None,
    direction: int,
    *,
    words: Times,
    sign: int = 0,
    counted: bool = False,
) -> tuple[str | None, bool]:
    """A period `sign` units away from ref ("ce mois-ci", "le mois dernier", "2 weeks ago")."""
    if ref is None:
        return None, False
    steps = sign
    if counted:
        word = m["n"].lower()
        steps = sign * (int(word) if word.isdigit() else words.numbers[word])
    elif "rel" in m.re.groupindex:
        steps = _direction_of(m["rel"], words)
    return _period(words.units[m["unit"].lower()], ref, steps), True


def _deictic(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    steps = words.deictic[m["deictic"].lower().replace("’", "'")]
    return (_period("day", ref, steps), True) if ref else (None, False)


def _weekday(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    if ref is None:
        return None, False
    wanted = words.weekdays[m["weekday"].lower()]
    stated = _direction_of(m.groupdict().get("rel") or m.groupdict().get("rel2"), words)
    direction = stated or direction or -1  # news tell mostly what happened
    delta = (wanted - ref.weekday()) % 7 if direction > 0 else -((ref.weekday() - wanted) % 7)
    if stated and delta == 0:
        delta = 7 * stated
    return _day(ref + timedelta(days=delta)), bool(stated)


def _weekend(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    """The week of a weekend: "ce week-end" of a past journey told on a weekday is the last one."""
    if ref is None:
        return None, False
    stated, weekday = _direction_of(m["rel"], words), ref.weekday() >= 5
    steps = stated or (-1 if direction < 0 and not weekday else 0)
    return _week(ref + timedelta(weeks=steps)), bool(stated) or weekday


def _clock(
    m: re.Match, ref: date | None, direction: int, *, words: Times
) -> tuple[str | None, bool]:
    """A clock time alone: the document's day, a guess."""
    return (_day(ref), False) if ref else (None, False)


@functools.cache  # per pack's words: a pack registered again gets its own
def _rules(words: Times) -> list[tuple[re.Pattern, Resolver]]:
    """The rules, in order, with a language's words; a rule needing words the language has
    none of is left out."""
    month, unit = _either(words.months, longest=True), _either(words.units, longest=True)
    rel, period = _either(words.last + words.next, longest=True), _either(words.period)
    weekday, cue, year_cue = (
        _either(words.weekdays),
        _either(words.month_cue),
        _either(words.year_cue),
    )
    this, this_unit, weekend = _either(words.this), _either(words.this_unit), _either(words.weekend)
    article, ago, ago_after = (
        _either(words.period_article),
        _either(words.ago_before),
        _either(words.ago_after),
    )
    within, clock, mark = (
        _either(words.within),
        _either(words.clock_before),
        _either(words.clock_mark, longest=True),
    )
    weekend_before = _optional("(?:(?:{}) )?", _either(words.weekend_before))
    n = r"(?P<n>\d{1,2}" + "".join(f"|{re.escape(w)}" for w in words.numbers) + ")"
    day = r"(?P<day>\d{1,2})" + _optional("(?:{})?", _either(words.ordinal))
    day_before = _optional("(?:(?:{}) )?", _either(words.day_before))  # "le 12 mai", "on Monday"
    # "mardi 5 septembre", "on Tuesday, Sept. 5": the date says the day
    lead = day_before + _optional("(?:(?:{}),? )?", weekday)
    then = _optional(r"(?: (?P<rel>{}))?", rel)  # "en mars dernier", "lundi prochain"
    part = _optional(r"(?: (?:{}))?", _either(words.part_of_day))  # "Wednesday evening"
    deictic = _either(
        [*words.deictic, *(w.replace("'", "’") for w in words.deictic if "'" in w)], longest=True
    )

    def bind(resolve: Callable, **options) -> Resolver:
        return partial(resolve, words=words, **options)

    rules = [
        (
            month and rf"\b{lead}{day} (?P<month>{month})(?: (?P<year>\d{{4}}))?\b",
            bind(_full_date),
        ),
        (
            month and rf"\b{lead}(?P<month>{month}) {day}(?:,? (?P<year>\d{{4}}))?\b(?!:)",
            bind(_full_date),
        ),
        (
            month
            and _optional(r"(?:\b(?P<cue>{}) ?)?", cue)
            + rf"\b(?P<month>{month}) (?P<year>(?:19|20)\d{{2}})\b",
            bind(_month_expr),
        ),
        (
            month
            and cue
            and rf"\b(?P<cue>{cue}) ?(?P<month>{month})\b" + _optional(r"(?: (?P<rel>{})\b)?", rel),
            bind(_month_expr),
        ),
        (year_cue and rf"\b(?:{year_cue}) (?P<shown>(?P<year>(?:19|20)\d{{2}}))\b", bind(_year)),
        # "ce mois-ci", "la fin de l'année": no space after an apostrophe
        (this and this_unit and rf"\b(?:{this}) ?(?P<unit>{this_unit})\b(?!-)", bind(_shifted)),
        (
            article and period and rel and rf"\b(?:{article}) ?(?P<unit>{period}) (?P<rel>{rel})\b",
            bind(_shifted),
        ),
        (period and rel and rf"\b(?P<rel>{rel}) (?P<unit>{period})\b", bind(_shifted)),
        (deictic and rf"\b(?P<deictic>{deictic})\b{part}", bind(_deictic)),
        (
            ago and unit and rf"\b(?:{ago}) {n} (?P<unit>{unit})\b",
            bind(_shifted, sign=-1, counted=True),
        ),
        (
            ago_after and unit and rf"\b{n} (?P<unit>{unit}) (?:{ago_after})\b",
            bind(_shifted, sign=-1, counted=True),
        ),
        (
            within and unit and rf"\b(?:{within}) {n} (?P<unit>{unit})\b",
            bind(_shifted, sign=1, counted=True),
        ),
        (weekend and rf"\b{weekend_before}(?:{weekend}){then}\b", bind(_weekend)),
        (
            weekday
            and rf"\b{day_before}"
            + _optional("(?:(?P<rel2>{}) )?", rel)
            + _optional("(?:(?:{}) )?", this)  # "ce dimanche": the weekday as the direction says
            + rf"(?P<weekday>{weekday}){then}\b{part}\b",
            bind(_weekday),
        ),
        (
            # "à 0h50", "at 10:30 a.m.": next to a day's expression, part of it (see _joined)
            clock
            and mark
            and rf"\b(?:{clock}) "
            + rf"(?P<clock>\d{{1,2}}(?::\d{{2}}(?: ?(?:{mark}))?| ?(?:{mark})(?: ?\d{{2}})?))(?!\w)",
            bind(_clock),
        ),
    ]
    return [(re.compile(pattern, re.IGNORECASE), resolve) for pattern, resolve in rules if pattern]


def _either(words: Iterable[str], *, longest: bool = False) -> str | None:
    """An alternation of the words (escaped), in their order or the longest first; None if none."""
    found = [re.escape(w) for w in words]
    if longest:
        found.sort(key=len, reverse=True)
    return "|".join(found) or None


def _optional(template: str, alternation: str | None) -> str:
    """The template around the alternation, or nothing without one."""
    return template.format(alternation) if alternation else ""


def find_times(
    text: str, ref: date | None = None, *, language: str, direction: int = 0
) -> list[Timex]:
    """Every time expression of `text` in a language, left to right, the first rule's where several
    overlap; with the word that bounds it ("by next Friday", "avant jeudi") and the clock time
    next to a day ("mardi à 0h50")."""
    words = pack(language).times
    found: list[tuple[Timex, bool]] = []  # and whether it is a clock time
    for pattern, resolve in _rules(words):
        for m in pattern.finditer(text):
            start, end = _span(text, m, _bound(words))
            if any(t.start < end and start < t.end for t, _ in found):
                continue
            value, certain = resolve(m, ref, direction)
            tense = _tense(m, resolve, ref, value, certain)
            timex = Timex(start, end, text[start:end], value, certain, tense)
            found.append((timex, "clock" in pattern.groupindex))
    return _joined(text, sorted(found, key=lambda f: f[0].start))


def _span(text: str, m: re.Match, bound: re.Pattern | None) -> tuple[int, int]:
    """Where a match's expression is: a year without its preposition ("2019", not "en 2019"),
    else with the word that bounds it ("by next Friday")."""
    if "shown" in m.re.groupindex:
        return m.span("shown")
    word = bound.search(text, max(0, m.start() - 40), m.start()) if bound else None
    return (word.start() if word else m.start()), m.end()


@functools.cache
def _bound(words: Times) -> re.Pattern | None:
    """The words that bound a time, ending where it starts ("by " of "by next Friday")."""
    bound = _either(words.bound, longest=True)
    return re.compile(rf"\b(?:{bound}) $", re.IGNORECASE) if bound else None


def _joined(text: str, found: list[tuple[Timex, bool]]) -> list[Timex]:
    """The times, a clock time joined to the day's expression next to it ("mardi à 0h50", "at 3
    p.m. Wednesday"), whose value it takes."""
    times: list[tuple[Timex, bool]] = []
    for timex, clock in found:
        before, was_clock = times[-1] if times else (None, clock)
        if before and was_clock != clock and text[before.end : timex.start] in (" ", ", "):
            day, span = (timex if was_clock else before), text[before.start : timex.end]
            joined = Timex(before.start, timex.end, span, day.value, day.certain, day.tense)
            times[-1] = (joined, False)
        else:
            times.append((timex, clock))
    return [timex for timex, _ in times]


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
