"""Markers that would cover each other are spread apart on screen, so that each can be clicked.

Russia drawn at Moscow, Moscow and the Kremlin are one point at any zoom a reader sees them
together: only the top circle could be clicked. After each zoom, the script here pushes the
place circles that touch on screen apart, each by half of what they overlap, until none
touches: each moves as little as it must, and once they are apart (zoomed in), each is back
on its own point. The selection ring follows its place. Only the circles move: routes still
end at the places' points.
"""

from __future__ import annotations

import json

import folium
from folium.template import Template

from geo.maps.inert import Inert

GAP = 3  # pixels between two spread circles

_SCRIPT = """(function (options) {
  "use strict";
  if (window.geoSpread) return;
  var GAP = options.gap;

  function layers(map, className) {
    var found = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.CircleMarker && layer._map
          && (" " + (layer.options.className || "") + " ").indexOf(" " + className + " ") >= 0) {
        if (!layer._geoHome) layer._geoHome = layer.getLatLng();
        found.push(layer);
      }
    });
    return found;
  }

  // circles that touch are pushed apart, each by half the overlap, until none touches (or
  // enough rounds); circles on one point start on a small ring, in the order they are drawn
  function layout(markers, home) {
    var at = home.map(function (p) { return L.point(p.x, p.y); });
    for (var i = 0; i < at.length; i++) {
      var same = [];
      for (var j = 0; j < i; j++) if (home[j].distanceTo(home[i]) < 0.5) same.push(j);
      if (same.length) {
        var angle = -Math.PI / 2 + same.length * 2.4;  // the golden angle: no two alike
        at[i] = at[i].add(L.point(Math.cos(angle), Math.sin(angle)));
      }
    }
    for (var round = 0; round < 60; round++) {
      var moved = false;
      for (var a = 0; a < at.length; a++) {
        for (var b = a + 1; b < at.length; b++) {
          var need = markers[a].getRadius() + markers[b].getRadius() + GAP;
          var apart = at[b].subtract(at[a]), distance = apart.distanceTo(L.point(0, 0));
          if (distance >= need) continue;
          if (distance < 1e-6) { apart = L.point(0, 1); distance = 1; }
          var push = apart.multiplyBy((need - distance) / distance / 2 + 0.01);
          at[a] = at[a].subtract(push);
          at[b] = at[b].add(push);
          moved = true;
        }
      }
      if (!moved) break;
    }
    return at;
  }

  function spread(map) {
    var markers = layers(map, "geo-place");
    var home = markers.map(function (m) { return map.latLngToLayerPoint(m._geoHome); });
    var at = layout(markers, home);
    markers.forEach(function (m, i) {
      var point = at[i].equals(home[i]) ? m._geoHome : map.layerPointToLatLng(at[i]);
      if (!point.equals(m.getLatLng())) m.setLatLng(point);
    });
    layers(map, "geo-selected").forEach(function (ring) {
      markers.forEach(function (m) {
        if (m._geoHome.equals(ring._geoHome) && !ring.getLatLng().equals(m.getLatLng())) {
          ring.setLatLng(m.getLatLng());
        }
      });
    });
  }

  function watch(map) {
    if (map._geoSpread) return;
    map._geoSpread = true;
    var queued = false;
    function later() {
      if (queued) return;
      queued = true;
      setTimeout(function () { queued = false; if (map._loaded) spread(map); }, 0);
    }
    map.on("zoomend viewreset layeradd", later);
    later();
  }

  window.geoSpread = {watch: watch};
})"""


class SpreadMarkers(Inert):
    """The script that spreads touching place circles apart (see the module)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.code }}geoSpread.watch({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "SpreadMarkers"
        self.code = f"{_SCRIPT}({json.dumps({'gap': GAP})});"


def spread_markers(m: folium.Map) -> None:
    """Give the map the script that spreads its touching place circles apart."""
    SpreadMarkers().add_to(m)
