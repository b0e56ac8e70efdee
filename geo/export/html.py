"""Standalone HTML export: one file that draws the map with no network at all."""

from __future__ import annotations

import html
import re

from geo.errors import GeoError
from geo.maps.document import build_map
from geo.maps.inert import figure_of
from geo.maps.offline import inline_assets
from geo.model import Result

# a <script src> or stylesheet <link> that would still fetch something over the network
_EXTERNAL = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def to_html(result: Result) -> str:
    """The map of `result` as a self-contained HTML page (scripts and styles inline)."""
    m = inline_assets(build_map(result))
    figure = figure_of(m)
    figure.title = html.escape(result.id)  # branca puts the title in <title> unescaped
    page = figure.render()
    if found := _EXTERNAL.search(page):
        raise GeoError(f"export would load an external asset: {found.group(0)[:80]}")
    return page
