"""Labels shown only where they fit: an arc's name along it, a reading step's number on it.

Leaflet.TextPath draws a label longer than its arc detached from it (in the map's corner) or
cut short, and labels near a city pile up. The script here (`FitLabels`, once in a layer; it
defines itself once per page) goes through a map's labels after each zoom, move or change of
layers, in the order they were made, and hides one that is longer than its arc on screen, that
lies outside its arc's box, or that overlaps a label already shown (the arc's tooltip still
names it). It manages the TextPath labels made with the option `fit: true`, and the step badges
`StepBadge` puts at the middle of a line: a number and an arrow turned the way the line goes.

No text of an article reaches this script: labels are set by Leaflet.TextPath as text nodes,
a badge shows a number (JSON) as a text node.
"""

from __future__ import annotations

import json

import folium
from folium.template import Template

from geo.maps.inert import Inert

# px of arc a label leaves free, in all, at its two ends (the places' circles are there)
ARC_MARGIN = 16
# px of arc a step badge needs: shorter steps have only their tooltip
BADGE_ARC = 48
# px a label may stand out of its arc's box beyond its offset and its font's size
SLACK = 4

# called with the sizes above, as JSON
_SCRIPT = """
(function (sizes) {
  "use strict";
  if (window.geoLabels) return;
  var ARC_MARGIN = sizes.margin, BADGE_ARC = sizes.badge, SLACK = sizes.slack;
  var SPOTS = [0.5, 0.3, 0.7, 0.2, 0.8];  // where along its line a badge may stand

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function free(box, taken) {
    for (var i = 0; i < taken.length; i++) if (overlaps(box, taken[i])) return false;
    return true;
  }
  function within(box, outer, slack) {
    return box.width > 0 && box.left >= outer.left - slack && box.right <= outer.right + slack
      && box.top >= outer.top - slack && box.bottom <= outer.bottom + slack;
  }

  // a TextPath label: as long as its arc less the margin, inside its box, over no other
  function fitLabel(line, taken) {
    var node = line._textNode, path = line._path, options = line._textOptions || {};
    node.removeAttribute("visibility");
    var size = parseFloat((options.attributes || {})["font-size"]) || 12;
    var slack = Math.abs(parseFloat(options.offset) || 0) + size + SLACK;
    var box = node.getBoundingClientRect();
    var shown = node.getComputedTextLength() + ARC_MARGIN <= path.getTotalLength()
      && within(box, path.getBoundingClientRect(), slack) && free(box, taken);
    if (shown) taken.push(box); else node.setAttribute("visibility", "hidden");
  }

  // a step badge: at the middle of its line on screen, or else a bit before or after it,
  // where it covers no label, no other badge and no place; turned the way the line goes
  function fitBadge(line, taken) {
    var badge = line._geoBadge, path = line._path, style = badge.element.style;
    var length = path && line._map ? path.getTotalLength() : 0;
    style.visibility = "hidden";
    if (length < BADGE_ARC) return;
    for (var i = 0; i < SPOTS.length; i++) {
      var along = length * SPOTS[i];
      if (Math.min(along, length - along) < BADGE_ARC / 2) continue;
      var at = path.getPointAtLength(along);
      var a = path.getPointAtLength(along - 2), b = path.getPointAtLength(along + 2);
      badge.marker.setLatLng(line._map.layerPointToLatLng([at.x, at.y]));
      badge.arrow.style.transform = "rotate(" + Math.atan2(b.y - a.y, b.x - a.x) + "rad)";
      var box = badge.element.getBoundingClientRect();
      if (free(box, taken)) {
        style.visibility = "";
        taken.push(box);
        return;
      }
    }
  }

  function fit(map) {
    var labels = [], badges = [], places = [];
    map.eachLayer(function (layer) {
      var options = layer._textOptions;
      if (layer._textNode && layer._path && options && options.fit) labels.push(layer);
      if (layer._geoBadge) badges.push(layer);
      if (layer._path && layer._path.classList.contains("geo-place")) {
        places.push(layer._path.getBoundingClientRect());
      }
    });
    var taken = [];
    labels.forEach(function (line) { fitLabel(line, taken); });
    taken = taken.concat(places);  // a badge drawn over a place would hide it
    badges.forEach(function (line) { fitBadge(line, taken); });
  }

  // once per change: every label is drawn anew first (TextPath redraws on each zoom and move)
  function schedule(map) {
    if (map._geoFitting) return;
    map._geoFitting = true;
    Promise.resolve().then(function () { map._geoFitting = false; fit(map); });
  }
  function watch(map) {
    if (!map._geoLabels) {
      map._geoLabels = true;
      map.on("zoomend moveend viewreset resize layeradd layerremove", function () {
        schedule(map);
      });
    }
    schedule(map);
  }

  // a label drawn anew (a route brought to the front, say) is fitted again
  var setText = L.Polyline.prototype.setText;
  if (setText) {
    L.Polyline.prototype.setText = function (text, options) {
      var done = setText.call(this, text, options);
      if (text && options && options.fit && this._map) watch(this._map);
      return done;
    };
  }

  function badge(line, number) {
    var element = document.createElement("div"), svg = "http://www.w3.org/2000/svg";
    element.className = "geo-step";
    element.style.cssText = "position:absolute;transform:translate(-50%,-50%);"
      + "font:bold 11px/14px sans-serif;color:#333;background:rgba(255,255,255,.9);"
      + "border:1px solid #333;border-radius:7px;padding:0 3px 0 4px;white-space:nowrap";
    element.appendChild(document.createTextNode(String(number)));
    // an arrow pointing right (shaft and head: a glyph like U+25BA is near equilateral and,
    // turned, does not say which way), which fitBadge turns the way the line goes
    var arrow = document.createElementNS(svg, "svg");
    var shape = document.createElementNS(svg, "path");
    arrow.setAttribute("width", "14");
    arrow.setAttribute("height", "10");
    arrow.setAttribute("viewBox", "0 0 14 10");
    arrow.style.cssText = "vertical-align:-1px;margin-left:2px";
    shape.setAttribute("d", "M1 5H9M8 1.5L13 5L8 8.5Z");
    shape.setAttribute("stroke", "#333");
    shape.setAttribute("stroke-width", "1.6");
    shape.setAttribute("fill", "#333");
    arrow.appendChild(shape);
    element.appendChild(arrow);
    var icon = L.divIcon({className: "geo-step-icon", html: element, iconSize: null});
    var marker = L.marker(line.getLatLngs()[0], {icon: icon, interactive: false,
                                                 keyboard: false});
    line._geoBadge = {marker: marker, element: element, arrow: arrow};
    line.on("add", function () { marker.addTo(line._map); watch(line._map); });
    line.on("remove", function () { marker.remove(); });
    if (line._map) { marker.addTo(line._map); watch(line._map); }
  }

  window.geoLabels = {watch: watch, badge: badge};
})"""


class FitLabels(Inert):
    """The script that shows labels and step badges only where they fit (see the module)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "FitLabels"
        sizes = {"margin": ARC_MARGIN, "badge": BADGE_ARC, "slack": SLACK}
        self.code = f"{_SCRIPT}({json.dumps(sizes)});"


class StepBadge(Inert):
    """A reading step's number and an arrow at the middle of its line, shown where it fits."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "geoLabels.badge({{ this.line.get_name() }}, {{ this.number|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, line: folium.PolyLine, number: int) -> None:
        super().__init__()
        self._name = "StepBadge"
        self.line = line
        self.number = number


def fit_labels(layer: folium.FeatureGroup) -> None:
    """Give the layer the script that fits its labels, unless it has it (before its labels)."""
    if not any(isinstance(child, FitLabels) for child in layer._children.values()):
        FitLabels().add_to(layer)
