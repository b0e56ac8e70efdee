/* geo's offline base map (geo/maps/basemap.py): first-level borders, and the names of
   countries, capitals and towns, drawn only in the view and at the zooms where they matter.

   `data` holds three lists of [lat, lon, name, minZoom], most important first, and GeoJSON
   lines. After each move the names in the view are placed one by one, in that order: a
   country's name on its point, a town's name beside its dot (above, right, below or left:
   the first side free), each only where it overlaps nothing placed before it. A few hundred
   small elements at most, made anew. Names are text (textContent), never HTML. The panes
   take no pointer events: nothing here takes a click from the map's own markers. */
(function () {
  if (L.GeoBaseMap) {
    return;
  }
  // font, its size and letter spacing (px) of each kind; the CSS draws colours and halos, and
  // country names in capitals (measured so)
  var KINDS = {
    country: { font: "600 11px sans-serif", size: 11, spacing: 1.5, upper: true },
    capital: { font: "600 12px sans-serif", size: 12, spacing: 0, upper: false },
    city: { font: "11px sans-serif", size: 11, spacing: 0, upper: false },
  };
  var GAP = 3; // px kept free around each name
  var DOT = 4; // px: half a dot's box, and the space between a dot and its name
  // where a town's name goes, in order of preference: its box's corner from the dot, in
  // widths and heights of the box, and in DOTs away from the dot
  var SIDES = [
    [-0.5, -1, 0, -1], // above
    [0, -0.5, 1, 0], // right
    [-0.5, 0, 0, 1], // below
    [-1, -0.5, -1, 0], // left
  ];
  var measure = document.createElement("canvas").getContext("2d");

  function textWidth(text, kind) {
    var style = KINDS[kind];
    measure.font = style.font;
    var shown = style.upper ? text.toUpperCase() : text;
    return measure.measureText(shown).width + shown.length * style.spacing;
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  function free(box, taken) {
    for (var i = 0; i < taken.length; i++) {
      if (overlaps(box, taken[i])) {
        return false;
      }
    }
    return true;
  }

  // the box of a name w x h beside a dot at `at` on `side`, or on the point for a country
  function boxOf(at, w, h, side) {
    if (side === null) {
      return [at.x - w / 2, at.y - h / 2, at.x + w / 2, at.y + h / 2];
    }
    var x = at.x + side[0] * w + side[2] * DOT;
    var y = at.y + side[1] * h + side[3] * DOT;
    return [x, y, x + w, y + h];
  }

  L.GeoBaseMap = L.Layer.extend({
    options: { labelPane: "geo-basemap-labels", linePane: "geo-basemap-lines", maxLabels: 200 },

    initialize: function (data, options) {
      L.setOptions(this, options);
      this._data = data;
    },

    onAdd: function (map) {
      this._lines = L.geoJSON(this._data.lines, {
        pane: this.options.linePane,
        interactive: false,
        style: this._data.lineStyle,
      });
      this._box = L.DomUtil.create("div", "geo-base-labels", map.getPane(this.options.labelPane));
      map.on("zoomstart", this._hide, this);
      map.on("moveend resize", this._draw, this);
      this._draw();
    },

    onRemove: function (map) {
      map.off("zoomstart", this._hide, this);
      map.off("moveend resize", this._draw, this);
      this._lines.remove();
      L.DomUtil.remove(this._box);
    },

    // the names stay where they are while the map zooms: hidden until it settles
    _hide: function () {
      this._box.style.display = "none";
    },

    _draw: function () {
      var map = this._map;
      var data = this._data;
      var zoom = Math.round(map.getZoom());
      if (zoom >= data.linesFrom) {
        this._lines.addTo(map);
      } else {
        this._lines.remove();
      }
      var countries = ["country", data.countries, data.countriesUntil];
      var capitals = ["capital", data.capitals, Infinity];
      var cities = ["city", data.cities, Infinity];
      // zoomed out, countries come first; zoomed in, towns
      var groups =
        zoom <= data.countriesFirstUntil
          ? [countries, capitals, cities]
          : [capitals, cities, countries];
      var view = map.getBounds().pad(0.1);
      var taken = [];
      var shown = document.createDocumentFragment();
      var count = 0;
      for (var g = 0; g < groups.length; g++) {
        var kind = groups[g][0];
        var rows = groups[g][1];
        for (var i = 0; i < rows.length && zoom <= groups[g][2]; i++) {
          var row = rows[i];
          if (row[3] > zoom || !view.contains([row[0], row[1]])) {
            continue;
          }
          if (this._place(row, kind, map.latLngToLayerPoint([row[0], row[1]]), taken, shown)) {
            if (++count >= this.options.maxLabels) {
              break;
            }
          }
        }
      }
      this._box.textContent = "";
      this._box.appendChild(shown);
      this._box.style.display = "";
    },

    // the name of `row` where it is free, and its dot; false if there is no room for it
    _place: function (row, kind, at, taken, shown) {
      var w = textWidth(row[2], kind) + 2 * GAP;
      var h = KINDS[kind].size + 2 * GAP;
      if (kind === "country") {
        var box = boxOf(at, w, h, null);
        if (!free(box, taken)) {
          return false;
        }
        taken.push(box);
        shown.appendChild(this._label(row[2], kind, box));
        return true;
      }
      var dot = [at.x - DOT, at.y - DOT, at.x + DOT, at.y + DOT];
      if (!free(dot, taken)) {
        return false;
      }
      for (var s = 0; s < SIDES.length; s++) {
        var beside = boxOf(at, w, h, SIDES[s]);
        if (free(beside, taken)) {
          taken.push(dot, beside);
          shown.appendChild(this._label(row[2], kind, beside));
          shown.appendChild(this._element("geo-base-dot geo-base-" + kind, at.x, at.y));
          return true;
        }
      }
      return false;
    },

    // the name centred in its box (measured in its font: the text fills the box but its gaps)
    _label: function (text, kind, box) {
      var label = this._element("geo-base-label geo-base-" + kind, box[0], box[1]);
      label.style.font = KINDS[kind].font; // first: the shorthand resets the line height
      label.style.width = box[2] - box[0] + "px";
      label.style.height = label.style.lineHeight = box[3] - box[1] + "px";
      label.style.letterSpacing = KINDS[kind].spacing + "px";
      label.textContent = text;
      return label;
    },

    _element: function (className, x, y) {
      var element = document.createElement("div");
      element.className = className;
      element.style.left = x + "px";
      element.style.top = y + "px";
      return element;
    },
  });
})();
