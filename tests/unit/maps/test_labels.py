"""geo.maps.labels: the script that shows labels only where they fit is in a map once per
layer that has labels, before them, and manages the route labels; badges name their line."""

from __future__ import annotations

import json
import re

import folium

from geo.app.livemap import layers_script
from geo.maps.document import build_map, reading_order_layer
from geo.maps.inert import TextPath
from geo.maps.labels import ARC_MARGIN, BADGE_ARC, SLACK, FitLabels, StepBadge, fit_labels
from tests.helpers import MOSCOW, TRIP, VLADIVOSTOK, WASHINGTON, make_result


def layer_named(m: folium.Map, name: str) -> folium.FeatureGroup:
    return next(c for c in m._children.values() if getattr(c, "layer_name", None) == name)


def test_the_script_is_added_to_a_layer_once():
    layer = folium.FeatureGroup(name="Labels")
    fit_labels(layer)
    fit_labels(layer)
    assert [type(c) for c in layer._children.values()] == [FitLabels]


def test_the_routes_layer_fits_its_labels_with_the_script_before_them():
    children = list(layer_named(build_map(TRIP), "Routes")._children.values())
    kinds = [type(c) for c in children]
    assert kinds.count(FitLabels) == 1 and kinds.index(FitLabels) < kinds.index(TextPath)
    labels = [c for c in children if isinstance(c, TextPath)]
    assert labels and all(label.options["fit"] is True for label in labels)


def test_no_script_without_a_label():
    result = make_result(["Moscow, then Vladivostok."], [MOSCOW, VLADIVOSTOK])  # no journey
    page = build_map(result).get_root().render()
    assert "geoLabels" not in page


def test_the_script_defines_itself_once_per_page_with_its_sizes():
    page = build_map(TRIP, reading_order=True).get_root().render()
    sizes = {"margin": ARC_MARGIN, "badge": BADGE_ARC, "slack": SLACK}
    assert page.count(f"}})({json.dumps(sizes)});") == 2  # the routes', the reading order's
    assert page.count("if (window.geoLabels) return;") == 2  # ... the second does nothing


def test_a_badge_names_its_own_line_in_the_page_and_in_the_app():
    result = make_result(["Moscow, Vladivostok, Washington."], [MOSCOW, VLADIVOSTOK, WASHINGTON])
    layer = reading_order_layer(result)
    m = folium.Map()
    layer.add_to(m)
    page = m.get_root().render()
    badges = [c for c in layer._children.values() if isinstance(c, StepBadge)]
    for badge in badges:
        assert f"geoLabels.badge({badge.line.get_name()}, {badge.number});" in page
    # in the app, st_folium renames the elements: each badge still names a line it declares
    script = layers_script([reading_order_layer(result)])
    assert script is not None
    named = re.findall(r"geoLabels\.badge\((\w+), (\d+)\);", script)
    assert [int(number) for _, number in named] == [1, 2, 2]
    for name, _ in named:
        assert re.search(rf"var {name} = L\.polyline\(", script), name
    assert script.index("window.geoLabels = ") < script.index("geoLabels.badge(")
