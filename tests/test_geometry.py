"""Stadsdelen joined from wijk polygons (opbouw/geometry.py), for any assignment of the wijken."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, shape

from opbouw import load_shapes
from opbouw.data import read_wijken
from opbouw.geometry import stadsdelen_from

WIJK_SHAPES = load_shapes("wijk")
WIJKEN = read_wijken()
NAMES = ["Noord", "Oost", "Zuid", "West", "Midden"]


@settings(max_examples=30)
@given(st.lists(st.sampled_from(NAMES), min_size=len(WIJKEN), max_size=len(WIJKEN)))
def test_every_wijk_lies_in_the_stadsdeel_it_is_assigned_to_and_no_area_is_lost(assigned):
    rows = list(zip(WIJKEN.index, WIJKEN["name"], assigned))
    features = stadsdelen_from(WIJK_SHAPES, rows, "test")["features"]
    by_code = {f["properties"]["code"]: f for f in features}
    assert sorted(by_code) == sorted(set(assigned))
    wijk_geoms = {f["properties"]["code"]: f for f in WIJK_SHAPES["features"]}
    for code, name, stadsdeel in rows:
        props = wijk_geoms[code]["properties"]
        inside = Point(props["label_lon"], props["label_lat"])
        assert shape(by_code[stadsdeel]["geometry"]).contains(inside), f"{name} lies in {stadsdeel}"
        assert name in by_code[stadsdeel]["properties"]["wijken"].split(", ")
        label = by_code[stadsdeel]["properties"]
        assert shape(by_code[stadsdeel]["geometry"]).contains(Point(label["label_lon"], label["label_lat"]))
    # Joined borders close the seams between wijken and lose nothing else: the areas add up to within 1 %.
    total = sum(shape(f["geometry"]).area for f in WIJK_SHAPES["features"])
    assert sum(shape(f["geometry"]).area for f in features) == pytest.approx(total, rel=0.01)


def test_the_built_in_assignment_gives_the_built_in_stadsdelen():
    rows = zip(WIJKEN.index, WIJKEN["name"], WIJKEN["stadsdeel"])
    joined = {f["properties"]["code"]: f for f in stadsdelen_from(WIJK_SHAPES, rows, "test")["features"]}
    built = {f["properties"]["code"]: f for f in load_shapes("stadsdeel")["features"]}
    assert sorted(joined) == sorted(built)
    for code, f in built.items():
        assert joined[code]["properties"]["wijken"] == f["properties"]["wijken"]
        ours, theirs = shape(joined[code]["geometry"]), shape(f["geometry"])
        assert ours.symmetric_difference(theirs).area < 0.01 * theirs.area, code
