"""Altair chart builders (plain functions; no Streamlit)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import format as fmt
from .present import display_name

# Okabe-Ito: distinguishable with every common form of colour blindness.
PRESENCE_COLOUR = "#0072B2"
ASSIGNMENT_COLOUR = "#E69F00"
POINT_COLOUR = "#009E73"
# Vega formats numbers the English way; these turn its labels Dutch.
DUTCH_LABEL = "replace(replace(replace(datum.label, ',', '_'), '.', ','), '_', '.')"
FONT_SIZE = 14


def _base(result: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "gebied": [display_name(r) for _, r in result.iterrows()],
            "fte": result["fte"].to_numpy(),
            "presentie": result["presence_fte"].to_numpy(),
            "opgave": result["assignment_fte"].to_numpy(),
            "per_10k": result["fte_per_10k"].to_numpy(),
            "need": result["need_index"].to_numpy(),
            "inwoners": result["population"].to_numpy(),
        }
    )
    frame["fte_txt"] = [fmt.fte(v) for v in frame["fte"]]
    frame["presentie_txt"] = [fmt.fte(v, 2) for v in frame["presentie"]]
    frame["opgave_txt"] = [fmt.fte(v, 2) for v in frame["opgave"]]
    frame["per_10k_txt"] = [fmt.fte(v, 2) for v in frame["per_10k"]]
    frame["need_txt"] = [fmt.number(v, 2) for v in frame["need"]]
    frame["inwoners_txt"] = [fmt.integer(v) for v in frame["inwoners"]]
    return frame


def stacked_fte(result: pd.DataFrame) -> alt.Chart:
    """Per area, presence and assignment FTE stacked, largest first, with the rounded total at the end."""
    base = _base(result)
    long = base.melt(
        id_vars=["gebied", "fte_txt", "presentie_txt", "opgave_txt"],
        value_vars=["presentie", "opgave"],
        var_name="soort",
        value_name="waarde",
    )
    long["soort"] = long["soort"].map({"presentie": "Presentie-inzet", "opgave": "Opgavegerichte inzet"})
    order = list(base.sort_values("fte", ascending=False)["gebied"])
    y = alt.Y("gebied:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT_SIZE, labelLimit=220))
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "sum(waarde):Q",
                title="fte (exact, vóór afronding)",
                axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
            ),
            color=alt.Color(
                "soort:N",
                title=None,
                scale=alt.Scale(
                    domain=["Presentie-inzet", "Opgavegerichte inzet"], range=[PRESENCE_COLOUR, ASSIGNMENT_COLOUR]
                ),
                legend=alt.Legend(orient="top", labelFontSize=FONT_SIZE),
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
        alt.Chart(base)
        .mark_text(align="left", dx=4, fontSize=FONT_SIZE, fontWeight="bold")
        .encode(y=alt.Y("gebied:N", sort=order), x=alt.X("fte:Q"), text="fte_txt:N")
    )
    # A step height: Streamlit's theme squeezes a fixed-height band scale.
    return (bars + labels).properties(
        height=alt.Step(34), title=alt.TitleParams("Fte per gebied: presentie en opgavegericht", fontSize=FONT_SIZE + 2)
    )


def per_10k_vs_need(result: pd.DataFrame) -> alt.Chart:
    """Per area, FTE per 10,000 inhabitants against the need index; the city average need is marked."""
    base = _base(result).dropna(subset=["per_10k"])
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
        scale=alt.Scale(zero=False, padding=20),
        axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
    )
    y = alt.Y(
        "per_10k:Q",
        title="fte per 10.000 inwoners",
        scale=alt.Scale(zero=True),
        axis=alt.Axis(labelExpr=DUTCH_LABEL, labelFontSize=FONT_SIZE - 2, titleFontSize=FONT_SIZE - 2),
    )
    points = (
        alt.Chart(base)
        .mark_circle(color=POINT_COLOUR, opacity=0.85, stroke="#1b1b1b", strokeWidth=0.5)
        .encode(
            x=x,
            y=y,
            size=alt.Size("inwoners:Q", title="Inwoners", legend=None, scale=alt.Scale(range=[60, 600])),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart(base).mark_text(align="left", dx=9, dy=-6, fontSize=FONT_SIZE - 1).encode(x=x, y=y, text="gebied:N")
    )
    average = alt.Chart(pd.DataFrame({"need": [1.0]})).mark_rule(strokeDash=[4, 4], color="#555").encode(x="need:Q")
    return (average + points + labels).properties(
        height=360,
        title=alt.TitleParams("Fte per 10.000 inwoners tegen de behoefte-index", fontSize=FONT_SIZE + 2),
    )
