"""The map's legend: what the circles' colours, the routes' colours and dashes mean.

A Leaflet control whose HTML is built here from escaped text (travelers' names come from the
article) and handed to the page as a JSON string (folium's `tojson` escapes `<`, `>`, `&`), by
an element of `geo.maps.inert` (never rendered as a template a second time).
"""

from __future__ import annotations

import html

from folium.template import Template

from geo.maps.inert import Inert

_CSS = """<style>
.geo-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;font:12px/1.35
 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:40vh;overflow-y:auto;max-width:220px}
.geo-legend b{display:block;margin-top:3px}.geo-legend b:first-child{margin-top:0}
.geo-legend svg{vertical-align:middle;margin-right:4px}
.geo-legend-row{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.geo-legend summary{cursor:pointer;font-weight:bold}
</style>"""


class Legend(Inert):
    """A control in a corner of the map showing `html` (already escaped)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}"""
        + _CSS
        + """{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var legend = L.control({position: {{ this.position|tojson }}});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "geo-legend");
    div.innerHTML = {{ this.html|tojson }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  var map = {{ this._parent.get_name() }};
  legend.addTo(map);
  // a place drawn under the open legend at the first view: the legend folds (once the
  // circles are spread and the map framed)
  setTimeout(function () {
    var details = legend.getContainer().querySelector("details");
    if (!details || !details.open) return;
    var box = legend.getContainer().getBoundingClientRect();
    map.eachLayer(function (layer) {
      if (!layer._path || !layer._path.classList.contains("geo-place")) return;
      var at = layer._path.getBoundingClientRect();
      if (at.right > box.left && at.left < box.right && at.bottom > box.top
          && at.top < box.bottom) details.open = false;
    });
  }, 200);
})();
{% endmacro %}
"""
    )

    def __init__(self, markup: str, *, position: str = "bottomright", folded: bool = False) -> None:
        super().__init__()
        self._name = "Legend"
        # <details>: the reader folds and unfolds it with no script of ours
        self.html = (
            f"<details{'' if folded else ' open'}><summary>Legend</summary>{markup}</details>"
        )
        self.position = position


def legend_html(
    *,
    kinds: list[tuple[str, str]],
    countries: str | None,
    travelers: list[tuple[str, str]],
    dashes: list[tuple[str, str | None]],
    clustered: bool,
    undrawn: int = 0,
) -> str:
    """The legend's rows: place kinds (name, colour), the country shapes' colour, travelers
    (name, colour), route statuses (status, SVG dash array) and how many journeys are not
    drawn (no known origin: only in the journeys list). Every label is escaped."""
    rows = []
    if kinds:
        rows.append("<b>Places</b>")
        rows += [_row(_circle(colour), kind) for kind, colour in kinds]
        rows.append('<div class="geo-legend-row"><small>bigger: named more often</small></div>')
        if clustered:
            rows.append(_row(_circle("#8fd18b", "#6ecc39"), "a cluster of places (click it)"))
    if countries:
        rows += ["<b>Countries</b>", _row(_square(countries), "a country the text names")]
    if travelers:  # the few line styles first: many travelers make the legend scroll
        rows.append("<b>Journeys</b>")
        rows += [_row(_line("#555555", dash), status) for status, dash in dashes]
        rows.append("<b>Travelers</b>")
        rows += [_row(_line(colour, None), name) for name, colour in travelers]
    if undrawn:
        journeys = "1 journey" if undrawn == 1 else f"{undrawn} journeys"
        rows.append(
            f'<div class="geo-legend-row"><small>{journeys} with no origin: not drawn</small></div>'
        )
    return "".join(rows)


def _row(swatch: str, label: str) -> str:
    text = html.escape(label, quote=True)
    return f'<div class="geo-legend-row" title="{text}">{swatch}{text}</div>'


def _circle(fill: str, stroke: str = "#ffffff") -> str:
    return (
        f'<svg width="14" height="14"><circle cx="7" cy="7" r="5.5" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5"/></svg>'
    )


def _square(fill: str) -> str:
    return (
        f'<svg width="14" height="14"><rect x="1" y="2" width="12" height="10" '
        f'fill="{fill}" fill-opacity="0.25" stroke="{fill}"/></svg>'
    )


def _line(colour: str, dash: str | None) -> str:
    pattern = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="28" height="10"><line x1="1" y1="5" x2="27" y2="5" stroke="{colour}" '
        f'stroke-width="2.5"{pattern}/></svg>'
    )
