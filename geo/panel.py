"""What the app shows beside the map for one place: its facts and its passages, as safe HTML."""
from __future__ import annotations

import html

from geo.mapview import marked_passages
from geo.model import Place, Result

def plural(count: int, noun: str) -> str:
    """ "1 place", "2 places"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def place_facts(place: Place) -> list[tuple[str, str]]:
    """Label/value pairs describing a place (plain text; the caller escapes or tabulates)."""
    facts = [("Name", place.name), ("Kind", place.kind), ("Country", place.country_code or "—"),
             ("Coordinates", f"{place.lat:.4f}, {place.lon:.4f}"), ("Source", place.source),
             ("Identifier", place.id), ("Confidence", f"{place.confidence:.0%}")]
    if place.reason:
        facts.append(("Why", place.reason))
    return facts


def passages_html(result: Result, place: Place) -> str:
    """Every passage that mentions the place, escaped, each mention in <mark>."""
    passages = {p.id: p for p in result.passages}
    items = marked_passages(place.mentions, passages)
    if not items:
        return "<p><em>Not named in the text (inferred as the origin of a journey).</em></p>"
    return "".join(f'<blockquote class="geo-passage">{item}</blockquote>' for item in items)


def facts_html(place: Place) -> str:
    """The facts of a place as an escaped HTML definition table."""
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                   for k, v in place_facts(place))
    return f'<table class="geo-facts">{rows}</table>'


def place_at(result: Result, lat: float, lon: float, *, name: str | None = None) -> Place | None:
    """The place drawn at a clicked point.

    Leaflet reports a circle's own position only up to 10 px of radius, and the mouse
    position for bigger ones: with the clicked marker's tooltip `name`, the nearest place of
    that name is taken; without it, only a place within 1e-3 degrees.
    """
    named = [p for p in result.places if name is not None and p.name == name.strip()]
    best = min(named or result.places, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2,
               default=None)
    if best is None or (not named and (abs(best.lat - lat) > 1e-3 or abs(best.lon - lon) > 1e-3)):
        return None
    return best
