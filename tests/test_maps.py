"""The map the page sends: every area, stable layer ids, and labels that can be read."""

from __future__ import annotations

import json

import pytest

from opbouw import Scenario, allocate, load_areas, load_shapes
from opbouw.maps import AREA_LAYER, LABEL_LAYER, allocation_map, difference_map


@pytest.mark.parametrize("level", ["stadsdeel", "wijk"])
def test_the_map_has_a_polygon_for_every_area_and_no_basemap(level):
    result = allocate(load_areas(level, 2024), Scenario())
    deck, legend = allocation_map(result, load_shapes(level))
    sent = json.loads(deck.to_json())
    layer = next(layer for layer in sent["layers"] if layer["id"] == AREA_LAYER)
    assert set(row["code"] for row in layer["data"]) == set(result.table.index)
    assert sent.get("mapProvider") is None and len(legend) == 5, "no basemap provider"


def test_every_map_layer_keeps_its_id_from_one_scenario_to_the_next():
    # deck.gl matches layers by id: the same ids let the browser update the map instead of rebuilding it.
    areas, shapes = load_areas("wijk", 2024), load_shapes("wijk")
    ids = [
        [
            layer["id"]
            for layer in json.loads(allocation_map(allocate(areas, Scenario(total_fte=t)), shapes)[0].to_json())[
                "layers"
            ]
        ]
        for t in (8.0, 8.1)
    ]
    assert ids[0] == ids[1] == [AREA_LAYER, LABEL_LAYER]
    first, other = allocate(areas, Scenario(total_fte=8.0)), allocate(areas, Scenario(total_fte=10.0))
    twice = [json.loads(difference_map(first, other, shapes, "a", "b")[0].to_json())["layers"] for _ in range(2)]
    assert [layer["id"] for layer in twice[0]] == [layer["id"] for layer in twice[1]]


def _label_layer(deck) -> list[dict]:
    return next(layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == LABEL_LAYER)["data"]


def test_the_map_names_only_areas_whose_labels_can_be_read():
    # In the centre of the wijk map the labels of Holtenbroek, Diezerpoort, Binnenstad, Kamperpoort-Veerallee,
    # Wipstrik and Assendorp covered each other. Where labels would meet, only that of the area with the most
    # inhabitants is drawn, shifted within its own area if that frees it (the tooltip and the table name
    # every area); the stadsdelen all keep theirs.
    from shapely.geometry import Point, shape

    from opbouw.maps import _lat_after, label_boxes, view_for

    for level, at_least in (("stadsdeel", 5), ("wijk", 10)):
        result = allocate(load_areas(level, 2024), Scenario(total_fte=10.0))
        shapes = load_shapes(level)
        deck, _ = allocation_map(result, shapes)
        shown = _label_layer(deck)
        assert len(shown) >= at_least
        boxes = label_boxes(shown, view_for(shapes))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), "labels overlap"
        names = [label["text"].split("\n")[0] for label in shown]
        table = result.table
        assert table.loc[table["population"].idxmax(), "name"] in names, "the most populous area is named"
        areas = {f["properties"]["code"]: shape(f["geometry"]) for f in shapes["features"]}
        scale = 512 * 2 ** view_for(shapes).zoom
        for label in shown:  # a shifted label stays over its own area
            if label["offset"] != [0, 0]:
                lon = label["position"][0] + label["offset"][0] / scale * 360
                assert areas[label["code"]].contains(
                    Point(lon, _lat_after(label["position"][1], label["offset"][1], scale))
                )
    assert len(shown) < len(result.table), "on the wijk map some labels give way"


def label_layer(deck) -> dict:
    return next(layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == LABEL_LAYER)


def test_a_stadsdeel_that_loses_fte_reads_with_its_minus_sign_on_the_compare_map():
    # Issue 18: "West 0,5 fte" for a loss of 0,5 fte, because deck.gl's font atlas held ASCII only and
    # dropped U+2212. Every character a label uses must be in the atlas the layer asks for.
    areas, shapes = load_areas("stadsdeel", 2024), load_shapes("stadsdeel")
    first = allocate(areas, Scenario(total_fte=8.0))
    fewer = allocate(areas, Scenario(total_fte=6.0))
    layer = label_layer(difference_map(first, fewer, shapes, "8 fte", "6 fte")[0])
    texts = [row["text"] for row in layer["data"]]
    assert all("\u2212" in text.split("\n")[1] for text in texts), texts
    atlas = set(layer["characterSet"])
    assert {ch for text in texts for ch in text if ch != "\n"} <= atlas
    # A proportional font the page has, not deck.gl's monospaced default with its slashed zeros.
    assert layer["fontFamily"].startswith("Source Sans,") and "monospace" not in layer["fontFamily"]


def test_an_uploaded_name_with_letters_outside_ascii_is_drawn_whole():
    areas, shapes = load_areas("stadsdeel", 2024), load_shapes("stadsdeel")
    areas = areas.copy()
    areas.loc[areas.index[0], "name"] = "Zwolle-Zuid ☂ Ørsted"
    result = allocate(areas, Scenario())
    layer = label_layer(allocation_map(result, shapes)[0])
    assert set("☂Ø") <= set(layer["characterSet"])


@pytest.mark.parametrize(("colour_by", "unit"), [("fte_per_10k", " per 10.000"), ("fte", " fte")])
def test_the_figure_under_each_name_says_its_unit(colour_by, unit):
    result = allocate(load_areas("stadsdeel", 2024), Scenario())
    layer = label_layer(allocation_map(result, load_shapes("stadsdeel"), colour_by)[0])
    assert all(row["text"].split("\n")[1].endswith(unit) for row in layer["data"])
