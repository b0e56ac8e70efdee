"""The map of a corpus: every place of many results on one clustered map (`geo map OUT.jsonl`).

A place named in several documents is one marker: its popup tells in how many documents and
mentions it appears, and names a few of those documents. Thousands of markers stay usable
because Leaflet.markercluster groups them by zoom level, and the page stays small because each
place is one row of data (`FastMarkerCluster`) from which the browser makes the marker and,
only when it is opened, the popup. Text from the articles (names, document ids) reaches the
page as JSON (escaped by folium's `tojson`, never template source: `geo.maps.inert`) and is
HTML-escaped by `_CALLBACK` in the browser.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import folium
from branca.element import Element

from geo.errors import GeoError, InputError
from geo.maps.document import KIND_COLOURS, add_outlines
from geo.maps.inert import MarkerRows, figure_of
from geo.maps.offline import inline_assets
from geo.model import KINDS

DOCUMENTS_NAMED = 3  # document ids listed in a popup; the rest are counted
# a <script src> or stylesheet <link> that would still fetch something (as in geo.export.html)
_EXTERNAL = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_PAGE_CSS = "<style>path.leaflet-interactive:focus{outline:none}</style>"
_CLUSTER_OPTIONS = {"chunkedLoading": True, "showCoverageOnHover": False, "maxClusterRadius": 60}
# row: [lat, lon, name, kind index, country code, mentions, documents, [a few document ids]]
_CALLBACK = """function (row) {
  var kinds = %s, colours = %s;
  var esc = function (s) {
    return String(s == null ? '' : s).replace(/[&<>"'`]/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';'; });
  };
  var marker = L.circleMarker([row[0], row[1]], {
    radius: Math.min(6 + 3 * Math.log2(row[6]), 18), color: '#ffffff', weight: 1,
    fillColor: colours[row[3]], fillOpacity: 0.85, className: 'geo-place'});
  marker.bindTooltip(esc(row[2]));
  marker.bindPopup(function () {
    var facts = [kinds[row[3]], row[4], row[0].toFixed(4) + ', ' + row[1].toFixed(4)];
    var docs = row[7].map(function (d) { return '<li>' + esc(d) + '</li>'; }).join('');
    var more = row[6] > row[7].length ? '<li>and ' + (row[6] - row[7].length) + ' more</li>' : '';
    return '<div class="geo-popup"><b>' + esc(row[2]) + '</b><br><small>' +
      facts.filter(Boolean).map(esc).join(' · ') + '</small><br>' + row[5] + ' mention' +
      (row[5] === 1 ? '' : 's') + ' in ' + row[6] + ' document' + (row[6] === 1 ? '' : 's') +
      '<ul style="padding-left:1.1em;margin:.3em 0 0">' + docs + more + '</ul></div>';
  });
  return marker;
}"""


@dataclass(frozen=True, slots=True)
class CorpusPlace:
    """One place over a corpus: where it is, how often and in which documents it is named."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None
    mentions: int
    documents: tuple[str, ...]


def read_results(paths: Iterable[str]) -> Iterator[dict]:
    """The results in `geo batch` / `geo parse --jsonl` output files, one a line; a line that is
    not one refuses the map, in one line naming it."""
    from geo.ingest.documents import RESULT_LINE_BYTES, Problem, json_lines

    for path in paths:
        for number, result in json_lines(path, limit=RESULT_LINE_BYTES):
            if isinstance(result, Problem):
                raise InputError(f"{path} line {number} is not a geo result ({result.message})")
            if not isinstance(result, dict) or not isinstance(result.get("places"), list):
                raise InputError(f"{path} line {number} is not a geo result (no places)")
            if not all(map(_is_place, result["places"])):
                raise InputError(f"{path} line {number} is not a geo result (a bad place)")
            yield result


def _is_place(place: object) -> bool:
    """Whether `place` has what the corpus map reads from it, of the right types."""
    import math

    def number(value: object) -> bool:
        return isinstance(value, (int, float)) and math.isfinite(value)

    return (
        isinstance(place, dict)
        and isinstance(place.get("id"), str)
        and isinstance(place.get("name"), str)
        and number(place.get("lat"))
        and number(place.get("lon"))
        and isinstance(place.get("mentions") or [], list)
        and all(isinstance(place.get(k) or "", str) for k in ("kind", "country_code"))
    )


def corpus_places(results: Iterable[dict]) -> list[CorpusPlace]:
    """The places of all results, one per place id, most documents first."""
    found: dict[str, dict] = {}
    for result in results:
        doc = str(result.get("id", ""))
        for place in result["places"]:
            entry = found.setdefault(place["id"], {"place": place, "mentions": 0, "docs": {}})
            entry["mentions"] += len(place.get("mentions") or ())
            entry["docs"].setdefault(doc, None)
    places = [
        CorpusPlace(
            key,
            str(e["place"]["name"]),
            float(e["place"]["lat"]),
            float(e["place"]["lon"]),
            e["place"].get("kind") or "other",
            e["place"].get("country_code"),
            e["mentions"],
            tuple(e["docs"]),
        )
        for key, e in found.items()
    ]
    return sorted(places, key=lambda p: (-len(p.documents), -p.mentions, p.id))


def build_corpus_map(places: list[CorpusPlace], *, documents: int | None = None) -> folium.Map:
    """One map with every place as a clustered circle, framed on the places."""
    m = folium.Map(location=(20.0, 0.0), zoom_start=2, tiles=None, max_zoom=18)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", max_zoom=18).add_to(m)
    add_outlines(m)
    kinds = list(KINDS)
    colours = [KIND_COLOURS.get(kind, KIND_COLOURS["other"]) for kind in kinds]
    rows = [
        [
            round(p.lat, 5),
            round(p.lon, 5),
            p.name,
            kinds.index(p.kind) if p.kind in kinds else kinds.index("other"),
            p.country_code,
            p.mentions,
            len(p.documents),
            list(p.documents[:DOCUMENTS_NAMED]),
        ]
        for p in places
    ]
    callback = _CALLBACK % (json.dumps(kinds), json.dumps(colours))
    MarkerRows(rows, callback=callback, name="Places", **_CLUSTER_OPTIONS).add_to(m)
    count = documents if documents is not None else len({d for p in places for d in p.documents})
    figure_of(m).html.add_child(Element(_caption(len(places), count)), name="geo_caption")
    # Chromium draws a black focus square around a clicked SVG circle
    figure_of(m).header.add_child(Element(_PAGE_CSS), name="geo_css")
    if places:
        lats, lons = [p.lat for p in places], [p.lon for p in places]
        m.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=11
        )
    return m


def _caption(places: int, documents: int) -> str:
    text = html.escape(
        f"{places:,} place{'s' * (places != 1)} · {documents:,} document{'s' * (documents != 1)}"
    )
    return (
        '<div class="geo-caption" style="position:fixed;bottom:12px;left:12px;z-index:1000;'
        "background:#fff;padding:2px 8px;border-radius:4px;font:13px sans-serif;"
        f'box-shadow:0 0 4px #888">{text}</div>'
    )


def corpus_html(results: Iterable[dict], *, title: str = "geo corpus map") -> str:
    """The corpus map as one standalone HTML page (scripts and styles inline)."""
    results = list(results)
    m = inline_assets(build_corpus_map(corpus_places(results), documents=len(results)))
    figure = figure_of(m)
    figure.title = html.escape(title)
    page = figure.render()
    if found := _EXTERNAL.search(page):
        raise GeoError(f"the corpus map would load an external asset: {found.group(0)[:80]}")
    return page
