"""The pydeck map of the areas, coloured by FTE (no basemap service: works offline, needs no key).

Over 300 lines because the three maps share their colour classes, labels and geometry: the explorer's
map, the compare page's map of differences, and the PDF's still map (drawn by
:func:`opbouw.charts.static_map`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from shapely.geometry import Point, shape

from . import format as fmt
from .data import DataError
from .labels import Box, overlap_area
from .model import Allocation
from .present import columns, display_name, display_names
from .text import deck_text, html_text

# ColorBrewer YlGnBu, 5 classes: sequential and colour-blind safe.
PALETTE = [(255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148)]
NO_DATA = (200, 200, 200)
COLOUR_BY = {
    "fte_per_10k": "fte per 10.000 inwoners",
    "fte": "fte (totaal per gebied)",
}


@dataclass(frozen=True)
class LegendItem:
    colour: tuple[int, int, int]
    label: str

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.colour)


def classes(values: pd.Series, k: int = len(PALETTE)) -> tuple[list[int], list[LegendItem]]:
    """Equal-interval classes over the values' range: the class per value and the legend."""
    finite = values.dropna()
    if finite.empty:
        return [-1] * len(values), []
    lo, hi = float(finite.min()), float(finite.max())
    if math.isclose(lo, hi):
        idx = [(-1 if pd.isna(v) else 2) for v in values]
        return idx, [LegendItem(PALETTE[2], fmt.number(lo, 2))]
    width = (hi - lo) / k
    idx = [(-1 if pd.isna(v) else min(int((v - lo) / width), k - 1)) for v in values]
    legend = [
        LegendItem(PALETTE[i], f"{fmt.number(lo + i * width, 2)} – {fmt.number(lo + (i + 1) * width, 2)}")
        for i in range(k)
    ]
    return idx, legend


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _bounds(shapes: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for f in shapes["features"]:
        for polygon in _rings(f["geometry"]):
            for x, y in polygon[0]:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def view_for(shapes: dict, width_px: int = 700, height_px: int = 520) -> pdk.ViewState:
    """A view that fits all areas (deck.gl's world is 512 px wide at zoom 0)."""
    x0, y0, x1, y1 = _bounds(shapes)
    lat = (y0 + y1) / 2
    zoom_x = math.log2(width_px * 360 / (512 * max(x1 - x0, 1e-6)))
    zoom_y = math.log2(height_px * 360 * math.cos(math.radians(lat)) / (512 * max(y1 - y0, 1e-6)))
    return pdk.ViewState(longitude=(x0 + x1) / 2, latitude=lat, zoom=min(zoom_x, zoom_y) - 0.15, pitch=0, bearing=0)


def check_shapes(result: Allocation, shapes: dict) -> None:
    """Raise DataError when the shapes do not fit the areas (a stadsdeel corrected in wijken.csv
    without rebuilding stadsdelen.geojson, or areas without a polygon)."""
    table = result.table
    features = {f["properties"]["code"]: f["properties"] for f in shapes["features"]}
    missing = [str(table.loc[c, "name"]) for c in table.index if c not in features]
    if missing:
        raise DataError(f"Geen kaartvlak voor {fmt.names(missing)}; de kaart kan niet worden getoond.")
    stale = [
        str(table.loc[c, "name"])
        for c in table.index
        if "wijken" in features[c] and "wijken" in table.columns and features[c]["wijken"] != table.loc[c, "wijken"]
    ]
    if stale:
        raise DataError(
            f"De kaartgrenzen van {fmt.names(stale)} passen niet bij de indeling in wijken.csv; "
            "maak ze opnieuw met 'python scripts/build_data.py'. De cijfers hieronder kloppen wel."
        )


def map_rows(result: Allocation, shapes: dict, colour_by: str) -> tuple[list[dict], list[dict], list[LegendItem]]:
    """Polygon rows (with tooltip texts and fill colours), label rows and the legend."""
    table = result.table
    idx, legend = classes(table[colour_by])
    v = columns(table, ["population", "presence_fte", "assignment_fte", "fte", "fte_per_10k", "need_index", colour_by])
    names = display_names(table)
    position = {code: i for i, code in enumerate(table.index)}
    polygons, labels = [], []
    for feature in shapes["features"]:
        props = feature["properties"]
        code = props["code"]
        i = position.get(code)
        if i is None:
            continue
        info = {
            "code": code,
            "name": deck_text(names[i]),  # drawn as text by the label layer
            "tip_name": html_text(names[i]),  # the tooltip is HTML: uploaded names are escaped
            "inwoners": fmt.integer(v["population"][i]),
            "presentie": fmt.fte(v["presence_fte"][i], 2),
            "opgave": fmt.fte(v["assignment_fte"][i], 2),
            "totaal": fmt.fte(v["fte"][i]),
            "per10k": fmt.fte(v["fte_per_10k"][i], 2),
            "behoefte": fmt.number(v["need_index"][i], 2),
            "fill": [*(PALETTE[idx[i]] if idx[i] >= 0 else NO_DATA), 215],
        }
        for rings in _rings(feature["geometry"]):
            polygons.append({**info, "polygon": rings[0]})
        labels.append(
            {
                "code": code,
                "position": [props["label_lon"], props["label_lat"]],
                "text": f"{info['name']}\n{label_value(v[colour_by][i], colour_by)}",
                "priority": v["population"][i],
            }
        )
    return polygons, labels, legend


def label_value(value: float, colour_by: str) -> str:
    """The figure under an area's name on the map, with its unit: '0,64 per 10.000' or '1,9 fte'."""
    return f"{fmt.number(value, 2)} per 10.000" if colour_by == "fte_per_10k" else fmt.fte(value, 1)


TOOLTIP = {
    "html": (
        "<b>{tip_name}</b><br/>Inwoners: {inwoners}<br/>Presentie-inzet: {presentie}<br/>"
        "Opgavegerichte inzet: {opgave}<br/><b>Toegekend: {totaal}</b><br/>"
        "Per 10.000 inwoners: {per10k}<br/>Behoefte-index: {behoefte}"
    ),
    "style": {"backgroundColor": "#1b1b1b", "color": "white", "fontSize": "15px"},
}


def allocation_map(
    result: Allocation, shapes: dict, colour_by: str = "fte_per_10k"
) -> tuple[pdk.Deck, list[LegendItem]]:
    """The map and its legend. ``colour_by`` is ``fte_per_10k`` or ``fte``."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"Onbekende kleurkeuze '{colour_by}'.")
    check_shapes(result, shapes)
    polygons, labels, legend = map_rows(result, shapes, colour_by)
    return _deck(polygons, labels, shapes, TOOLTIP), legend


LABEL_SIZE_PX = 14
LABEL_CHAR_EM = 0.56  # a little wider than the average bold sans-serif character: the boxes err on the safe side
# The labels' font: the one the page itself uses (Streamlit serves it), then fonts any system has. Every one
# of them has the minus sign (U+2212) and the digits without a slash; deck.gl's default, Monaco/monospace,
# has slashed zeros.
MAP_FONT = "Source Sans, Source Sans Pro, DejaVu Sans, Arial, sans-serif"


# Printable ASCII, the minus sign and the letters of Dutch place names: the atlas stays the same from one
# slider move to the next (deck.gl builds it again when the set changes).
BASE_CHARACTERS = frozenset(map(chr, range(32, 127))) | frozenset("\u2212\u200b×àáäâèéëêïíîóöôúüûçñ")


def character_set(labels: list[dict]) -> str:
    """Every character the labels can use, as one string: deck.gl draws only the characters in its font
    atlas, which holds ASCII unless told otherwise, and silently leaves the rest out (a minus sign, a 'ë').
    The backtick is left out: it is the quote :func:`literal` needs (a name with one shows it without)."""
    return "".join(sorted(BASE_CHARACTERS.union(*(label["text"] for label in labels)) - {"\n", QUOTE}))


QUOTE = "`"


def literal(text: str) -> str:
    """``text`` as a literal string for a pydeck layer property: pydeck hands a bare string to deck.gl as
    an expression to evaluate, and a quoted one as itself, after removing every quote character from it."""
    return f"{QUOTE}{text.replace(QUOTE, '')}{QUOTE}"


def label_boxes(labels: list[dict], view: pdk.ViewState, size_px: float = LABEL_SIZE_PX) -> list[Box]:
    """Each label's box in pixels on the map as it first opens (Web Mercator at the view's zoom; deck.gl's
    world is 512 px wide at zoom 0): centred on its position plus its ``offset`` (if any), its widest
    line wide, with the outline."""
    scale = 512 * 2**view.zoom
    boxes = []
    for label in labels:
        lon, lat = label["position"]
        x, y = scale * (lon + 180) / 360, _mercator_y(lat, scale)
        dx, dy = label.get("offset", (0.0, 0.0))
        lines = label["text"].split("\n")
        w = max(len(line) for line in lines) * LABEL_CHAR_EM * size_px + 6
        h = len(lines) * size_px + 6
        boxes.append((x + dx - w / 2, y + dy - h / 2, x + dx + w / 2, y + dy + h / 2))
    return boxes


def readable_labels(
    labels: list[dict], view: pdk.ViewState, shapes: dict, size_px: float = LABEL_SIZE_PX
) -> list[dict]:
    """The labels that can be read, each with its ``offset`` in pixels.

    Labels go in order of inhabitants (``priority``), most first. A label that would cover one already
    placed tries a few shifts (up, down, left, right) that keep its centre inside its own area; if none
    is free it is left out (the small wijken in the centre): the tooltip and the table still name every
    area. The map opens at a fixed zoom, so this holds whatever its width.
    """
    boxes = label_boxes(labels, view, size_px)
    scale = 512 * 2**view.zoom
    areas = {f["properties"]["code"]: shape(f["geometry"]) for f in shapes["features"]}
    kept: dict[int, tuple[float, float]] = {}
    placed: list[Box] = []
    for i in sorted(range(len(labels)), key=lambda i: (-(labels[i].get("priority") or 0.0), i)):
        x0, y0, x1, y1 = boxes[i]
        w, h = x1 - x0, y1 - y0
        for dx, dy in ((0.0, 0.0), (0.0, -0.6 * h), (0.0, 0.6 * h), (-0.3 * w, 0.0), (0.3 * w, 0.0)):
            box = (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
            if any(overlap_area(box, other) > 0 for other in placed):
                continue
            lon, lat = labels[i]["position"]
            moved = Point(lon + dx / scale * 360, _lat_after(lat, dy, scale))
            if (dx, dy) != (0.0, 0.0) and not areas[labels[i]["code"]].contains(moved):
                continue
            kept[i] = (dx, dy)
            placed.append(box)
            break
    return [{**labels[i], "offset": list(kept[i])} for i in sorted(kept)]


def _mercator_y(lat: float, scale: float) -> float:
    """Web Mercator: pixels from the top of a world ``scale`` pixels high to latitude ``lat``."""
    return scale * (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2


def _lat_after(lat: float, dy_px: float, scale: float) -> float:
    """The latitude ``dy_px`` pixels below ``lat`` (Web Mercator, ``scale`` pixels for the world)."""
    y = _mercator_y(lat, scale) + dy_px
    return math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / scale))) - math.pi / 2)


def _deck(polygons: list[dict], labels: list[dict], shapes: dict, tooltip: dict) -> pdk.Deck:
    view = view_for(shapes)
    areas = pdk.Layer(
        "PolygonLayer",
        id=AREA_LAYER,
        data=polygons,
        get_polygon="polygon",
        get_fill_color="fill",
        get_line_color=[60, 60, 60, 255],
        line_width_min_pixels=1.5,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
    )
    readable = readable_labels(labels, view, shapes)
    text = pdk.Layer(
        "TextLayer",
        id=LABEL_LAYER,
        data=readable,
        character_set=literal(character_set(readable)),
        font_family=literal(MAP_FONT),
        get_pixel_offset="offset",
        get_position="position",
        get_text="text",
        get_size=14,
        get_color=[20, 20, 20, 255],
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        font_weight=700,
        font_settings={"sdf": True},
        outline_width=3,
        outline_color=[255, 255, 255, 255],
        pickable=False,
    )
    deck = pdk.Deck(
        layers=[areas, text],
        initial_view_state=view,
        # No basemap service. (map_style=None would make Streamlit fetch Carto's basemap for its theme;
        # pydeck's default style marker, with no provider, tells it to draw none.)
        map_provider=None,
        tooltip=tooltip,
    )
    return deck


AREA_LAYER = "areas"  # the layer whose polygons a click selects (their rows carry the area "code")
# Fixed layer ids (pydeck's default is a new random one per Deck): the browser's deck.gl then updates the
# layers it has when a slider moves, instead of throwing them away and building the labels' font atlas again.
LABEL_LAYER = "labels"


# ColorBrewer PuOr, 5 classes: diverging and colour-blind safe; orange = fewer, purple = more.
DIVERGING = [(230, 97, 1), (253, 184, 99), (247, 247, 247), (178, 171, 210), (94, 60, 153)]
DIFFERENCE_TOOLTIP = {
    "html": "<b>{tip_name}</b><br/>{first_label}: {first}<br/>{other_label}: {other}<br/><b>Verschil: {delta}</b>",
    "style": TOOLTIP["style"],
}


def difference_classes(deltas: pd.Series) -> tuple[list[int], list[LegendItem]]:
    """Five classes symmetric around zero: much fewer, fewer, equal, more, much more FTE.

    >>> difference_classes(pd.Series([-1.0, -0.2, 0.0, 0.3, 1.0]))[0]
    [0, 1, 2, 3, 4]
    """
    bound = float(deltas.abs().max()) if len(deltas) else 0.0
    half = bound / 2
    eps = 1e-9

    def cls(d: float) -> int:
        if d < -half - eps:
            return 0
        if d < -eps:
            return 1
        if d <= eps:
            return 2
        return 3 if d <= half + eps else 4

    h = fmt.fte(half, 2)
    legend = [
        LegendItem(DIVERGING[0], f"meer dan {h} minder"),
        LegendItem(DIVERGING[1], f"tot {h} minder"),
        LegendItem(DIVERGING[2], "gelijk"),
        LegendItem(DIVERGING[3], f"tot {h} meer"),
        LegendItem(DIVERGING[4], f"meer dan {h} meer"),
    ]
    return [cls(float(d)) for d in deltas], legend if bound > eps else [legend[2]]


def difference_map(
    first: Allocation, other: Allocation, shapes: dict, first_label: str, other_label: str
) -> tuple[pdk.Deck, list[LegendItem]]:
    """The areas coloured by ``other``'s FTE minus ``first``'s (same areas, same level), with a legend."""
    check_shapes(first, shapes)
    first, other = first.table, other.table
    deltas = (other["fte"] - first["fte"]).reindex(first.index)
    idx, legend = difference_classes(deltas)
    colour = dict(zip(first.index, (DIVERGING[i] for i in idx)))
    polygons, labels = [], []
    for feature in shapes["features"]:
        props = feature["properties"]
        code = props["code"]
        if code not in first.index:
            continue
        delta = fmt.fte(deltas[code], 1, signed=True)
        name = display_name(first.loc[code])
        info = {
            "code": code,
            "name": deck_text(name),
            # Area and scenario names are user input and the tooltip is HTML: escape them.
            "tip_name": html_text(name),
            "first_label": html_text(first_label),
            "other_label": html_text(other_label),
            "first": fmt.fte(first.loc[code, "fte"]),
            "other": fmt.fte(other.loc[code, "fte"]),
            "delta": delta,
            "fill": [*colour[code], 225],
        }
        polygons.extend({**info, "polygon": rings[0]} for rings in _rings(feature["geometry"]))
        labels.append(
            {
                "code": code,
                "position": [props["label_lon"], props["label_lat"]],
                "text": f"{info['name']}\n{delta}",
                "priority": float(first.loc[code, "population"]),
            }
        )
    return _deck(polygons, labels, shapes, DIFFERENCE_TOOLTIP), legend


def legend_html(legend: list[LegendItem]) -> str:
    """The map's legend as HTML swatches (the map itself has none). Its labels are the app's own class
    bounds; the title, which may name a scenario, is shown as Markdown-escaped text beside it."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="width:18px;height:18px;background:{item.hex};border:1px solid #444;'
        f'display:inline-block;margin-right:6px"></span>{html.escape(item.label)}</span>'
        for item in legend
    )
    return f'<div style="font-size:1rem">{items}</div>'


STATIC_MAP_PX = (420, 380)  # the PDF's map (opbouw.charts.static_map), in Vega's pixels
STATIC_LABEL_PX = 10


def static_features(result: Allocation, shapes: dict, colour_by: str) -> tuple[list[dict], list[tuple[str, str]]]:
    """The areas as GeoJSON features for a static map (the same classes and colours as the live map),
    each with its label where it can be read: labels that would pile on top of each other (the small
    wijken in the centre) move a little or are left out, as on the live map; the PDF's table names all."""
    check_shapes(result, shapes)
    table = result.table
    idx, legend = classes(table[colour_by])
    by_colour = {item.colour: item.label for item in legend}  # one item only when every area has one value
    label_of = dict(zip(table.index, [by_colour[PALETTE[i]] if i >= 0 else "onbekend" for i in idx]))
    view = view_for(shapes, *STATIC_MAP_PX)
    scale = 512 * 2**view.zoom
    wanted = [
        {
            "code": f["properties"]["code"],
            "position": [f["properties"]["label_lon"], f["properties"]["label_lat"]],
            "text": f"{display_name(table.loc[f['properties']['code']])}\n"
            f"{label_value(table.loc[f['properties']['code'], colour_by], colour_by)}",
            "priority": float(table.loc[f["properties"]["code"], "population"]),
        }
        for f in shapes["features"]
        if f["properties"]["code"] in table.index
    ]
    readable = {label["code"]: label for label in readable_labels(wanted, view, shapes, STATIC_LABEL_PX)}
    features = []
    for feature in shapes["features"]:
        code = feature["properties"]["code"]
        if code not in table.index:
            continue
        properties = {**feature["properties"], "klasse": label_of[code], "label": ""}
        if code in readable:
            (lon, lat), (dx, dy) = readable[code]["position"], readable[code]["offset"]
            properties.update(
                label=readable[code]["text"], label_lon=lon + dx / scale * 360, label_lat=_lat_after(lat, dy, scale)
            )
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
    pairs = [(item.label, item.hex) for item in legend]
    if "onbekend" in label_of.values():
        pairs.append(("onbekend", "#{:02x}{:02x}{:02x}".format(*NO_DATA)))
    return features, pairs
