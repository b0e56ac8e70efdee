"""What the app shows beside the map, as safe HTML or plain text.

A place's facts and passages, the journeys list with the passage of a chosen journey, and text
made safe for Streamlit's Markdown (`markdown_text`). No map library is imported here: the
page's sidebar and messages use it before the map's libraries are loaded.
"""

from __future__ import annotations

import html
import re

from geo.maps.passages import evidence_html, marked_passages
from geo.model import Place, Result, Route

# ASCII punctuation: CommonMark lets a backslash make any of them a plain character
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def markdown_text(text: str) -> str:
    r"""Text shown as itself where Streamlit reads Markdown (captions, labels, messages): line
    breaks and control characters become spaces, every punctuation mark is escaped, so that
    no link, image, colour, formula or emphasis in a file name or an article is rendered.

    >>> print(markdown_text("**b** ![p](x).txt"))
    \*\*b\*\* \!\[p\]\(x\)\.txt
    """
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", text))


def plural(count: int, noun: str) -> str:
    """ "1 place", "2 places"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def place_facts(place: Place) -> list[tuple[str, str]]:
    """Label/value pairs describing a place (plain text; the caller escapes or tabulates);
    its name is the panel's heading."""
    facts = [
        ("Kind", place.kind),
        ("Country", place.country_code or "—"),
        ("Coordinates", f"{place.lat:.4f}, {place.lon:.4f}"),
        ("Source", place.source),
        ("Identifier", place.id),
        ("Confidence", f"{place.confidence:.0%}"),
    ]
    if place.reason:
        facts.append(("Why", place.reason))
    return facts


def passages_html(result: Result, place: Place, labels: dict[int, str] | None = None) -> str:
    """Every passage that mentions the place, escaped, each mention in <mark>; with `labels`
    (passage id -> document name, for a corpus), each passage says which document it is from."""
    passages = {p.id: p for p in result.passages}
    ids = sorted({m.passage for m in place.mentions if m.passage in passages})
    items = marked_passages(place.mentions, passages)
    if not items:
        return "<p><em>Not named in the text (inferred as the origin of a journey).</em></p>"
    labels = labels or {}
    return "".join(
        (
            f'<p class="geo-doc"><small>{html.escape(labels[pid])}</small></p>'
            if pid in labels
            else ""
        )
        + f'<blockquote class="geo-passage">{item}</blockquote>'
        for pid, item in zip(ids, items, strict=False)
    )


_PAIRED = {"Kind", "Country", "Source", "Confidence"}  # short: two facts to a row


def facts_html(place: Place) -> str:
    """The facts of a place as a compact, escaped HTML table: short facts two to a row, so
    that the passages below show in the panel without scrolling."""
    cells: list[str] = []
    rows: list[str] = []
    for label, value in place_facts(place):
        cell = f"<th>{html.escape(label)}</th><td>{html.escape(value)}</td>"
        if label in _PAIRED:
            cells.append(cell)
            if len(cells) == 2:
                rows.append("".join(cells))
                cells = []
        else:
            rows.append(cell.replace("<td>", '<td colspan="3">', 1))
    if cells:
        rows.append(cells[0] + "<td></td><td></td>")
    return '<table class="geo-facts">' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def place_at(result: Result, lat: float, lon: float, *, name: str | None = None) -> Place | None:
    """The place drawn at a clicked point.

    Leaflet reports a circle's own position only up to 10 px of radius, and the mouse
    position for bigger ones: with the clicked marker's tooltip `name`, the nearest place of
    that name is taken; without it, only a place within 1e-3 degrees.
    """
    named = [p for p in result.places if name is not None and p.name == name.strip()]
    best = min(
        named or result.places, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2, default=None
    )
    if best is None or (not named and (abs(best.lat - lat) > 1e-3 or abs(best.lon - lon) > 1e-3)):
        return None
    return best


def journey_rows(result: Result) -> list[dict[str, str]]:
    """One row per route for the journeys list: traveler, from -> to, when, how, status."""
    return [journey_row(result, route) for route in result.routes]


def journey_row(result: Result, route: Route) -> dict[str, str]:
    """A route as plain text columns; an origin in brackets is inferred, not stated."""
    start, end = result.place(route.from_id or ""), result.place(route.to_id)
    origin = "?" if start is None else f"({start.name})" if route.origin_inferred else start.name
    when = route.when or ""
    if route.when_iso and route.when_iso != route.when:
        when = f"{when} ({route.when_iso})"
    destination = end.name if end else "?"
    return {
        "Traveler": route.traveler or "—",
        "From → To": f"{origin} → {destination}",
        "When": when,
        "How": journey_mode(route),
        "Status": route.status,
    }


def journey_mode(route: Route) -> str:
    """How a journey goes: as written, with its kind when the words do not say it ("flew
    (plane)", "train"), or the kind alone."""
    mode, kind = route.mode or "", route.mode_kind or ""
    if kind and kind.casefold() not in mode.casefold():
        return f"{mode} ({kind})" if mode else kind
    return mode


def journey_html(result: Result, route: Route) -> str:
    """What a chosen journey says, escaped: who, from where to where, how sure, and the passage
    with the sentence that tells it in <mark>."""
    passages = {p.id: p for p in result.passages}
    row = journey_row(result, route)
    facts = " · ".join(
        html.escape(v) for v in (row["From → To"], row["Status"], row["How"], row["When"]) if v
    )
    why = (
        f"<br><small>Origin inferred: {html.escape(route.origin_reason)}</small>"
        if route.origin_inferred and route.origin_reason
        else ""
    )
    return (
        f'<p class="geo-journey"><b>{html.escape(row["Traveler"])}</b> · {facts}{why}</p>'
        f'<blockquote class="geo-passage">{evidence_html(route, passages.get(route.passage))}'
        "</blockquote>"
    )
