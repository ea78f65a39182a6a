"""Altair chart builders (plain functions; no Streamlit).

Every chart in the app is built here as an Altair chart; the pages draw its Vega-Lite spec, as
Altair writes it (``chart.to_dict()``), with ``st.vega_lite_chart``, and the PDF turns the same
chart into an image with vl-convert.

One file, over 300 lines, on purpose: every chart shares the theme, the Okabe-Ito colours, the font
sizes and the Dutch number labels set at the top, and a chart that looks different from the others
would be a second pipeline.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from . import format as fmt
from .labels import circle_radius_px, leader_dy, place_labels
from .model import Allocation
from .present import display_names

# Okabe-Ito: distinguishable with every common form of colour blindness.
PRESENCE_COLOUR = "#0072B2"
ASSIGNMENT_COLOUR = "#E69F00"
POINT_COLOUR = "#009E73"
# Vega formats numbers the English way; these turn its labels Dutch.
DUTCH_LABEL = "replace(replace(replace(datum.label, ',', '_'), '.', ','), '_', '.')"
FONT_SIZE = 14


# Vega describes every axis to screen readers in English ("X-axis titled ... for a linear scale with
# values from 0.0 to 2.4"), with English number formats. Every chart here has a Dutch text alternative
# and a table with the same figures beside it, so the axes stay silent. One theme, for every chart.
@alt.theme.register("opbouw", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    return {"config": {"axis": {"aria": False}}}


def _rows(result: Allocation) -> list[dict]:
    """One record per area with the values and Dutch labels the charts show."""
    table = result.table
    values = {
        key: [None if math.isnan(v) else v for v in table[column].to_numpy(dtype=float).tolist()]
        for key, column in (
            ("fte", "fte"),
            ("presentie", "presence_fte"),
            ("opgave", "assignment_fte"),
            ("per_10k", "fte_per_10k"),
            ("need", "need_index"),
            ("inwoners", "population"),
        )
    }
    labels = {
        "fte_txt": [fmt.fte(v) for v in values["fte"]],
        "presentie_txt": [fmt.fte(v, 2) for v in values["presentie"]],
        "opgave_txt": [fmt.fte(v, 2) for v in values["opgave"]],
        "per_10k_txt": [_or_unknown(fmt.fte, v, 2) for v in values["per_10k"]],
        "need_txt": [_or_unknown(fmt.number, v, 2) for v in values["need"]],
        "inwoners_txt": [fmt.integer(v) for v in values["inwoners"]],
    }
    columns = {"gebied": display_names(table), **values, **labels}
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def _or_unknown(format_, value, decimals: int) -> str:
    return "onbekend" if value is None else format_(value, decimals)


def stacked_fte(result: Allocation) -> alt.LayerChart:
    """Per area, presence and assignment FTE stacked, largest first, with the rounded total at the end."""
    rows = _rows(result)
    # Largest first; equal FTE by name, so the same settings always list the areas in the same order.
    rank = {
        row["gebied"]: i for i, row in enumerate(sorted(rows, key=lambda row: (-round(row["fte"], 6), row["gebied"])))
    }
    # Room right of the longest bar for its label (at the projector's larger type too).
    top = max([max(row["fte"], row["presentie"] + row["opgave"]) for row in rows] or [1.0]) * 1.25
    kinds = (("presentie", "Presentie-inzet"), ("opgave", "Opgavegerichte inzet"))
    long = [
        {
            "gebied": row["gebied"],
            "rang": rank[row["gebied"]],
            "fte_txt": row["fte_txt"],
            "presentie_txt": row["presentie_txt"],
            "opgave_txt": row["opgave_txt"],
            "soort": label,
            "waarde": row[key],
        }
        for key, label in kinds
        for row in rows
    ]
    totals = [
        {
            "gebied": row["gebied"],
            "rang": rank[row["gebied"]],
            "eind": max(row["fte"], row["presentie"] + row["opgave"]),  # the label right of the bar's end
            "fte_txt": row["fte_txt"],
        }
        for row in rows
    ]
    y = alt.Y("gebied:N", sort=BY_RANK, title=None, axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=220))
    bars = (
        alt.Chart(pd.DataFrame(long))
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "sum(waarde):Q",
                title="fte (exact, vóór afronding)",
                scale=alt.Scale(domain=[0, top], nice=False),
                axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
            ),
            color=alt.Color(
                "soort:N",
                title=None,
                scale=alt.Scale(
                    domain=["Presentie-inzet", "Opgavegerichte inzet"], range=[PRESENCE_COLOUR, ASSIGNMENT_COLOUR]
                ),
                legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE, labelLimit=0),
            ),
            order=alt.Order("soort:N", sort="descending"),
            tooltip=[
                alt.Tooltip("gebied:N", title="Gebied"),
                alt.Tooltip("presentie_txt:N", title="Presentie"),
                alt.Tooltip("opgave_txt:N", title="Opgavegericht"),
                alt.Tooltip("fte_txt:N", title="Toegekend (afgerond)"),
            ],
        )
    )
    labels = (
        alt.Chart(pd.DataFrame(totals))
        .mark_text(align="left", dx=4, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(y=alt.Y("gebied:N", sort=BY_RANK), x=alt.X("eind:Q"), text="fte_txt:N")
    )
    # A step height: Streamlit's theme squeezes a fixed-height band scale.
    return (bars + labels).properties(
        height=alt.Step(34),
        # Two short lines, as the scatter's: in half the page, at the projector's larger type, one long
        # title was cut off.
        title=alt.TitleParams(
            "Fte per gebied", subtitle="presentie en opgavegericht", fontSize=FONT_SIZE + 2, subtitleFontSize=FONT_SIZE
        ),
    )


# The areas from top to bottom by their rank (0 = most fte).
BY_RANK = alt.EncodingSortField(field="rang", op="min", order="ascending")

# The scatter's names are placed for a few plot widths; the chart picks the set made for the widest
# that fits (a Vega signal). The page shows it at full width: a plot of about 270 px on a phone, 650
# on a tablet, 800-850 on a laptop, 1100 and more on a wide screen.
LABEL_WIDTHS_PX = (260, 420, 620, 800)
SCATTER_HEIGHT_PX = 360
POINT_AREA_PX2 = (60, 600)  # circle area for 0 inhabitants and for the most populous area


def per_10k_vs_need(result: Allocation) -> alt.LayerChart:
    """Per area, FTE per 10,000 inhabitants against the need index; the city average need is marked.

    The axes' ranges are set here (a frame of two invisible corner points), so that the position of
    every point in pixels is known and each name can be placed where it covers no other name.
    """
    rows = [row for row in _rows(result) if row["per_10k"] is not None and row["need"] is not None]
    needs = [row["need"] for row in rows] + [1.0]  # the city average is always on the axis
    span = max(max(needs) - min(needs), 0.2)
    x_lo, x_hi = math.floor((min(needs) - 0.06 * span) * 20) / 20, math.ceil((max(needs) + 0.06 * span) * 20) / 20
    y_hi = max([row["per_10k"] for row in rows] + [0.0])
    step = 0.1 if y_hi <= 2 else 0.5
    y_hi = max(math.ceil(y_hi * 1.08 / step + 1e-9) * step, step)
    most = max([row["inwoners"] or 0.0 for row in rows] + [1.0])
    radii = [
        circle_radius_px(POINT_AREA_PX2[0] + (POINT_AREA_PX2[1] - POINT_AREA_PX2[0]) * (row["inwoners"] or 0.0) / most)
        for row in rows
    ]
    ys = [SCATTER_HEIGHT_PX * (1 - row["per_10k"] / y_hi) for row in rows]
    names = [row["gebied"] for row in rows]
    places = None
    for k, width in enumerate(LABEL_WIDTHS_PX):
        xs = [width * (row["need"] - x_lo) / (x_hi - x_lo) for row in rows]
        # A placement free at one width is usually free at the next, wider one: then it is kept as it is.
        # On a phone-sized plot most names cannot be placed anyway: there the cheaper first pass only.
        places = place_labels(
            xs, ys, radii, names, width, SCATTER_HEIGHT_PX, FONT_SIZE - 1, keep=places, together=k > 0
        )
        for row, place, radius in zip(rows, places, radii):
            row[f"dx{k}"], row[f"dy{k}"], row[f"al{k}"] = place.dx, place.dy, place.align
            row[f"tx{k}"] = row["gebied"] if place.shown else ""
            row[f"ly{k}"] = leader_dy(place, radius, FONT_SIZE - 1) if place.shown else 0.0
    frame = pd.DataFrame({"need": [x_lo, x_hi], "per_10k": [0.0, y_hi]})
    return _scatter(pd.DataFrame(rows), frame)


def _by_width(field: str) -> alt.ExprRef:
    """An expression for a name's placement made for the widest of LABEL_WIDTHS_PX that still fits the
    plot (a wider plot only moves points further apart)."""
    expr = f"datum.{field}{len(LABEL_WIDTHS_PX) - 1}"
    for k in reversed(range(len(LABEL_WIDTHS_PX) - 1)):
        expr = f"(width < {LABEL_WIDTHS_PX[k + 1]} ? datum.{field}{k} : {expr})"
    return alt.ExprRef(expr=expr)


def _scatter(rows: pd.DataFrame, frame: pd.DataFrame) -> alt.LayerChart:
    """The scatter's layers: the frame fixing the axes, the city average, leaders, points and names."""
    tooltip = [
        alt.Tooltip("gebied:N", title="Gebied"),
        alt.Tooltip("inwoners_txt:N", title="Inwoners"),
        alt.Tooltip("need_txt:N", title="Behoefte-index"),
        alt.Tooltip("per_10k_txt:N", title="Per 10.000 inwoners"),
        alt.Tooltip("fte_txt:N", title="Toegekend"),
    ]
    x = alt.X(
        "need:Q",
        title="Behoefte-index (stadsgemiddelde = 1,0)",
        scale=alt.Scale(zero=False, nice=False),
        # labelFlush off: the labels at the ends stay centred on their ticks instead of crowding the next.
        axis=alt.Axis(
            labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2, labelFlush=False
        ),
    )
    y = alt.Y(
        "per_10k:Q",
        title="fte per 10.000 inwoners",
        scale=alt.Scale(zero=True, nice=False),
        axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
    )
    corners = alt.Chart(frame).mark_point(opacity=0).encode(x=x, y=y)
    points = (
        alt.Chart(rows)
        .mark_circle(color=POINT_COLOUR, opacity=0.85, stroke="#1b1b1b", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            size=alt.Size(
                "inwoners:Q",
                title="Inwoners",
                legend=None,
                scale=alt.Scale(range=POINT_AREA_PX2, zero=True, nice=False),
            ),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(rows)
        .mark_text(
            baseline="middle",
            fontSize=FONT_SIZE - 1,
            dx=_by_width("dx"),
            dy=_by_width("dy"),
            align=_by_width("al"),
            text=_by_width("tx"),
        )
        .encode(x=x, y=y)
    )
    # From the centre of a point (under its circle) to a name that stands a line or more away.
    leaders = (
        alt.Chart(rows)
        .mark_rule(color="#777", strokeWidth=0.8, y2Offset=_by_width("ly"))
        .encode(x=x, y=y, x2="need:Q", y2="per_10k:Q")
    )
    average = alt.Chart(pd.DataFrame({"need": [1.0]})).mark_rule(strokeDash=[4, 4], color="#555").encode(x="need:Q")
    return (corners + average + leaders + points + labels).properties(
        height=SCATTER_HEIGHT_PX,
        # Two short lines rather than one long one: a phone's width cuts a long title off.
        title=alt.TitleParams(
            "Fte per 10.000 inwoners",
            subtitle="tegen de behoefte-index",
            fontSize=FONT_SIZE + 2,
            subtitleFontSize=FONT_SIZE,
        ),
        # Only the width follows the page (Streamlit's theme fits both): the names are placed for a plot
        # exactly SCATTER_HEIGHT_PX high.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def _long(sweep: pd.DataFrame, names: dict[str, str], x: str) -> pd.DataFrame:
    long = sweep.rename(columns=names).reset_index().melt(id_vars=sweep.index.name, var_name="gebied", value_name="fte")
    long = long.rename(columns={sweep.index.name: x})
    long["fte_txt"] = [fmt.fte(v, 2) for v in long["fte"]]
    return long


def fte_by_total_chart(sweep: pd.DataFrame, names: dict[str, str], current_total: float) -> alt.FacetChart:
    """One small panel per area: its FTE as the total runs from 0 to 20, in the rounded steps; the
    current total is the dashed line."""
    long = _long(sweep, names, "totaal")
    long["totaal_txt"] = [fmt.fte(v, 2) for v in long["totaal"]]
    long["nu"] = current_total
    order = list(names.values())
    lines = (
        alt.Chart()
        .mark_line(interpolate="step-after", color=PRESENCE_COLOUR, strokeWidth=2)
        .encode(
            x=alt.X("totaal:Q", title="totaal fte", axis=alt.Axis(labelExpr=DUTCH_LABEL)),
            y=alt.Y("fte:Q", title="fte voor dit gebied", axis=alt.Axis(labelExpr=DUTCH_LABEL)),
            tooltip=[
                alt.Tooltip("gebied:N", title="Gebied"),
                alt.Tooltip("totaal_txt:N", title="Totaal"),
                alt.Tooltip("fte_txt:N", title="Dit gebied"),
            ],
        )
    )
    now = alt.Chart().mark_rule(color=ASSIGNMENT_COLOUR, strokeDash=[5, 3], strokeWidth=2).encode(x="mean(nu):Q")
    return (
        alt.layer(lines, now, data=long)
        .properties(width=180, height=120)
        .facet(
            facet=alt.Facet("gebied:N", sort=order, title=None, header=alt.Header(labelFontSize=FONT_SIZE)), columns=4
        )
        .properties(title=alt.TitleParams("Fte per gebied bij een totaal van 0 tot 20 fte", fontSize=FONT_SIZE + 2))
    )


def share_heatmap(sweep: pd.DataFrame, names: dict[str, str], current_pct: int) -> alt.LayerChart:
    """Area x presence share, coloured by FTE at the current total; the current share is outlined."""
    long = _long(sweep, names, "aandeel")
    long["aandeel_txt"] = [f"{int(v)} %" for v in long["aandeel"]]
    order = list(names.values())
    base = alt.Chart(long).encode(
        x=alt.X("aandeel:O", title="aandeel presentie-inzet (%)", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("gebied:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT_SIZE - 1)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "fte:Q", title="fte", scale=alt.Scale(scheme="yellowgreenblue"), legend=alt.Legend(labelExpr=DUTCH_LABEL)
        ),
        tooltip=[
            alt.Tooltip("gebied:N", title="Gebied"),
            alt.Tooltip("aandeel_txt:N", title="Presentie-inzet"),
            alt.Tooltip("fte_txt:N", title="Fte"),
        ],
    )
    current = base.transform_filter(alt.datum.aandeel == current_pct).mark_rect(
        fill=None, stroke="#d55e00", strokeWidth=3
    )
    return (cells + current).properties(
        height=alt.Step(26),
        title=alt.TitleParams(
            "Fte per gebied bij elk aandeel presentie-inzet (omlijnd: de huidige keuze)", fontSize=FONT_SIZE + 2
        ),
    )


# ColorBrewer PuOr ends: a diverging pair that stays apart for colour-blind readers.
FEWER_COLOUR = "#E66101"
MORE_COLOUR = "#5E3C99"
# Two panels side by side, with their area names, fit the page beside the sidebar at 1280 px.
DIFFERENCE_PANEL_PX = 290


def difference_bars(per_area: pd.DataFrame, reference: str) -> alt.FacetChart:
    """Per area, the FTE of each other scenario minus the reference: bars left (fewer, orange) or
    right (more, purple) of zero, one panel per scenario, with the difference written at each bar."""
    diffs = per_area[per_area["scenario"] != reference].copy()
    diffs["richting"] = ["meer" if d > 1e-9 else "minder" if d < -1e-9 else "gelijk" for d in diffs["delta_fte"]]
    diffs["verschil_txt"] = [fmt.fte(v, 1, signed=True) for v in diffs["delta_fte"]]
    diffs["fte_txt"] = [fmt.fte(v, 1) for v in diffs["fte"]]
    order = list(dict.fromkeys(per_area["area"]))
    bound = max(float(diffs["delta_fte"].abs().max()) if len(diffs) else 0.0, 0.5) * 1.25
    y = alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT_SIZE - 1, labelLimit=220))
    x = alt.X(
        "delta_fte:Q",
        title=f"verschil in fte t.o.v. {reference}",
        scale=alt.Scale(domain=[-bound, bound]),
        axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
    )
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=y,
            x=x,
            color=alt.Color(
                "richting:N",
                title=None,
                scale=alt.Scale(domain=["minder", "gelijk", "meer"], range=[FEWER_COLOUR, "#999999", MORE_COLOUR]),
                legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE),
            ),
            tooltip=[
                alt.Tooltip("area:N", title="Gebied"),
                alt.Tooltip("fte_txt:N", title="Fte in dit scenario"),
                alt.Tooltip("verschil_txt:N", title="Verschil"),
            ],
        )
    )
    # The difference beside each bar: right of a bar that goes right, left of one that goes left.
    text_right, text_left = (
        alt.Chart()
        .transform_filter(keep)
        .mark_text(fontSize=FONT_SIZE - 1, fontWeight="bold", align=align, dx=dx)
        .encode(y=y, x=alt.X("delta_fte:Q"), text="verschil_txt:N")
        for keep, align, dx in ((alt.datum.delta_fte >= 0, "left", 4), (alt.datum.delta_fte < 0, "right", -4))
    )
    zero = alt.Chart().mark_rule(color="#333", aria=False).encode(x=alt.datum(0))
    return (
        alt.layer(bars, zero, text_right, text_left, data=diffs)
        .properties(width=DIFFERENCE_PANEL_PX, height=alt.Step(28))
        .facet(
            alt.Facet(
                "scenario:N",
                title=None,
                sort=list(dict.fromkeys(diffs["scenario"])),
                header=alt.Header(labelFontSize=FONT_SIZE, labelFontWeight="bold", labelLimit=DIFFERENCE_PANEL_PX),
            ),
            columns=2,  # three scenarios against the first wrap onto a second row instead of running off the page
        )
        .properties(title=alt.TitleParams(f"Verschil per gebied t.o.v. {reference}", fontSize=FONT_SIZE + 2))
    )


def waterfall(rows: pd.DataFrame, title: str) -> alt.LayerChart:
    """The steps from vaste voet to the rounded FTE as floating bars (rows from ``explain.waterfall_rows``)."""
    colours = alt.Scale(
        domain=[
            "Vaste voet",
            "Presentie naar inwoners",
            "Opgavegericht naar behoefte",
            "Exact",
            "Afronding",
            "Toegekend",
        ],
        range=["#56B4E9", PRESENCE_COLOUR, ASSIGNMENT_COLOUR, "#999999", "#CC79A7", "#1b1b1b"],
    )
    # Horizontal: the steps' names read whole beside their bars at any width (upright, six names under
    # six narrow bars collided at 1280 px and Vega dropped half of them).
    y = alt.Y("stap:N", sort=list(rows["stap"]), title=None, axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=0))
    ends = [*rows["start"], *rows["eind"]]
    low, high = min(0.0, *ends), max(0.1, *ends)
    bars = (
        alt.Chart(rows)
        .mark_bar(size=26)
        .encode(
            y=y,
            x=alt.X(
                "start:Q",
                title="fte",
                scale=alt.Scale(domain=[low, high * 1.3], nice=False),
                axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
            ),
            x2="eind:Q",
            color=alt.Color("stap:N", scale=colours, legend=None),
            tooltip=[alt.Tooltip("stap:N", title="Stap"), alt.Tooltip("waarde_txt:N", title="Fte")],
        )
    )
    labels = (
        alt.Chart(rows)
        .transform_calculate(right="max(datum.start, datum.eind)")
        .mark_text(align="left", dx=5, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(y=y, x="right:Q", text="waarde_txt:N")
    )
    return (bars + labels).properties(height=alt.Step(38), title=alt.TitleParams(title, fontSize=FONT_SIZE + 2))


def static_map(features: list[dict], legend: list[tuple[str, str]], title: str) -> alt.LayerChart:
    """The map as a static Altair chart (for the PDF): ``features`` are GeoJSON features whose
    properties carry ``klasse`` (a legend label), ``label`` and ``label_lon``/``label_lat``;
    ``legend`` is [(label, hex colour)] in order."""
    shapes = (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="#3c3c3c", strokeWidth=0.8)
        .encode(
            color=alt.Color(
                "properties.klasse:N",
                title=None,
                scale=alt.Scale(domain=[label for label, _ in legend], range=[colour for _, colour in legend]),
                legend=alt.Legend(orient="bottom", columns=3, labelFontSize=11, symbolStrokeColor="#444"),
            )
        )
        .project(type="mercator")
    )
    labels = (
        alt.Chart(alt.Data(values=[f["properties"] for f in features]))
        .mark_text(fontSize=10, fontWeight="bold", stroke="white", strokeWidth=3, strokeOpacity=0.8, lineBreak="\n")
        .encode(longitude="label_lon:Q", latitude="label_lat:Q", text="label:N")
        .project(type="mercator")
    )
    text = (
        alt.Chart(alt.Data(values=[f["properties"] for f in features]))
        .mark_text(fontSize=10, fontWeight="bold", lineBreak="\n")
        .encode(longitude="label_lon:Q", latitude="label_lat:Q", text="label:N")
        .project(type="mercator")
    )
    return (shapes + labels + text).properties(width=420, height=380, title=title)


PATH_SELECTION = "gebied_gekozen"  # the name of the path chart's click selection (the page reads it back)


def path_chart(steps: pd.DataFrame, names: dict[str, str], columns: list[str]) -> alt.Chart:
    """The ingroeipad: per area a line from today to the target, one point per year (``steps`` has the
    area codes as index and one column per step; ``columns`` are their Dutch labels, 'Nu' first). A click
    on a line or its legend entry picks that area; the others fade."""
    rows = [
        {"gebied": names.get(code, code), "jaar": label, "fte": float(value), "fte_txt": fmt.fte(float(value))}
        for code, row in steps.iterrows()
        for label, value in zip(columns, row.to_numpy())
    ]
    pick = alt.selection_point(name=PATH_SELECTION, fields=["gebied"], bind="legend", on="click")
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(point=alt.OverlayMarkDef(size=60), strokeWidth=2.5)
        .encode(
            x=alt.X("jaar:O", sort=columns, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=FONT_SIZE - 1)),
            y=alt.Y(
                "fte:Q",
                title="fte",
                scale=alt.Scale(zero=True),
                axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
            ),
            color=alt.Color(
                "gebied:N",
                title="Gebied",
                legend=alt.Legend(labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2, symbolType="stroke"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("gebied:N", title="Gebied"),
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("fte_txt:N", title="Inzet"),
            ],
        )
        .add_params(pick)
        .properties(
            height=360,
            title=alt.TitleParams("Ingroeipad: inzet per gebied per jaar", fontSize=FONT_SIZE + 2),
        )
    )


ENLARGED_BY = 1.4
FONT_KEYS = {"fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize"}


def enlarged(spec: dict, factor: float = ENLARGED_BY) -> dict:
    """A copy of a Vega-Lite spec with every font size it names ``factor`` times larger and its axis and
    legend text near-black: the same chart for the projector (presentation mode)."""

    def grow(node):
        if isinstance(node, dict):
            return {
                k: round(v * factor, 1) if k in FONT_KEYS and isinstance(v, int | float) else grow(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [grow(v) for v in node]
        return node

    bigger = grow(spec)
    config = dict(bigger.get("config", {}))
    dark = {"labelColor": "#111111", "titleColor": "#111111"}
    config["axis"] = {**config.get("axis", {}), **dark, "labelFontSize": round(FONT_SIZE * factor, 1)}
    config["legend"] = {**config.get("legend", {}), **dark}
    config["legend"]["labelLimit"] = 0  # legend entries whole, however large
    bigger["config"] = config
    return bigger
