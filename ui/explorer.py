"""The explorer's controls (sliders and settings) and its result views (figures, map, charts, table)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from opbouw import DataError, Scenario
from opbouw import format as fmt
from opbouw.charts import per_10k_vs_need, stacked_fte
from opbouw.indicators import INDICATOR_KEYS, INDICATORS
from opbouw.maps import COLOUR_BY, allocation_map, legend_html
from opbouw.model import BASELINE_FTE
from opbouw.present import assumption_note, csv_bytes, headline, table
from opbouw.settings import (
    BASIS_LABELS,
    LEVEL_LABELS,
    PRESETS,
    UNITS,
    YEAR_LABELS,
    Settings,
    snap_total,
    total_grid,
    total_label,
)

from . import data

DEFAULTS = Settings()


def _state(settings: Settings) -> dict:
    """The widget values (session-state keys) that show these settings."""
    return {
        "ex_level": settings.level,
        "ex_year": settings.year,
        "ex_total": settings.total_fte,
        "ex_presence": settings.presence_pct,
        "ex_min": settings.min_fte_per_area,
        "ex_unit": settings.unit,
        "ex_basis": settings.need_basis,
        "ex_cost": settings.cost_per_fte_eur,
        "ex_focus": settings.focus,
        "ex_focus_n": settings.focus_areas,
        **{f"ex_w_{key}": w for key, w in zip(INDICATOR_KEYS, settings.weights)},
    }


def current() -> Settings:
    """The settings the widgets show now."""
    s = st.session_state
    return Settings(
        level=s.ex_level,
        year=s.ex_year,
        total_fte=s.ex_total,
        presence_pct=s.ex_presence,
        min_fte_per_area=s.ex_min,
        unit=s.ex_unit,
        need_basis=s.ex_basis,
        cost_per_fte_eur=s.ex_cost,
        focus=s.ex_focus,
        focus_areas=s.ex_focus_n,
        weights=tuple(s[f"ex_w_{key}"] for key in INDICATOR_KEYS),
    )


def _show(settings: Settings) -> None:
    st.session_state.update(_state(settings))


def _load_preset(key: str) -> None:
    """Callback: apply a preset to the current settings and remember the result for 'Terug naar preset'."""
    loaded = PRESETS[key].apply(current())
    loaded = replace(loaded, total_fte=snap_total(loaded.total_fte, loaded.unit))
    st.session_state.ex_preset = (key, loaded)
    _show(loaded)


def _back_to_preset() -> None:
    """Callback: show the loaded preset again, exactly as it was loaded."""
    _show(st.session_state.ex_preset[1])


def presets() -> None:
    """One button per preset, and 'Terug naar preset' once one is loaded and changed."""
    st.session_state.setdefault("ex_preset", None)
    row = st.container(horizontal=True)
    for preset in PRESETS.values():
        row.button(preset.label, key=f"ex_preset_{preset.key}", on_click=_load_preset, args=(preset.key,))
    loaded = st.session_state.ex_preset
    row.button(
        "Terug naar preset",
        key="ex_preset_back",
        on_click=_back_to_preset,
        disabled=loaded is None or loaded[1] == current(),
        help=f"Terug naar '{PRESETS[loaded[0]].label}' zoals geladen" if loaded else "Laad eerst een preset.",
    )


def _snap_total_to_unit() -> None:
    """When the rounding unit changes, move the total onto the new grid (a callback only moves a value)."""
    st.session_state.ex_total = snap_total(st.session_state.ex_total, st.session_state.ex_unit)


def controls() -> Settings:
    """The presets, the two main sliders and the settings expander; returns what they are set to."""
    for key, value in {**_state(DEFAULTS), "ex_colour_by": "fte_per_10k"}.items():
        st.session_state.setdefault(key, value)
    s = st.session_state
    presets()

    slider_total, slider_share = st.columns(2)
    unit = s.ex_unit
    slider_total.select_slider(
        "Totaal aantal fte opbouwwerk",
        options=total_grid(unit),
        format_func=lambda v: total_label(v, unit),
        key="ex_total",
        help=f"Nu {fmt.fte(BASELINE_FTE, 0)} (informatienota 2018); Travers adviseert 10 fte, twee per stadsdeel.",
    )
    slider_share.slider(
        "Aandeel presentie-inzet (de rest is opgavegericht)",
        min_value=0,
        max_value=100,
        step=5,
        format="%d %%",
        key="ex_presence",
        help="Presentie-inzet wordt verdeeld naar inwonertal, opgavegerichte inzet naar inwoners × behoefte.",
    )

    with st.expander("Meer instellingen: niveau, jaar, vaste voet, afronding, indicatoren, kosten"):
        c1, c2, c3 = st.columns(3)
        c1.radio("Verdelen over", list(LEVEL_LABELS), format_func=LEVEL_LABELS.get, key="ex_level", horizontal=True)
        c1.radio("Inwonertal van", list(YEAR_LABELS), format_func=YEAR_LABELS.get, key="ex_year", horizontal=True)
        c1.number_input(
            "Vaste voet per gebied (fte, uit de presentie-inzet)",
            min_value=0.0,
            max_value=5.0,
            step=0.1,
            format="%.1f",
            key="ex_min",
        )
        c2.selectbox(
            "Afronden op", list(UNITS), format_func=lambda k: UNITS[k][1], key="ex_unit", on_change=_snap_total_to_unit
        )
        c2.radio("Opgavegerichte inzet verdelen naar", list(BASIS_LABELS), format_func=BASIS_LABELS.get, key="ex_basis")
        c2.number_input(
            "Kosten per fte (euro per jaar)",
            min_value=0.0,
            max_value=250_000.0,
            step=1_000.0,
            format="%.0f",
            key="ex_cost",
            help="€ 85.000: 2 fte kosten € 170.000 per jaar (informatienota 2018, schaal 8 cao Welzijn).",
        )
        c3.toggle("Opgavegerichte inzet alleen naar de gebieden met de hoogste behoefte", key="ex_focus")
        c3.number_input("Aantal gebieden", min_value=1, max_value=15, step=1, key="ex_focus_n", disabled=not s.ex_focus)
        st.markdown("**Gewicht van de indicatoren in de behoefte-index** (0 = telt niet mee)")
        weight_cols = st.columns(4)
        for i, key in enumerate(INDICATOR_KEYS):
            ind = INDICATORS[key]
            weight_cols[i % 4].slider(
                ind.label + (" (indicatief, 2014)" if ind.indicative else ""),
                min_value=0.0,
                max_value=3.0,
                step=0.5,
                key=f"ex_w_{key}",
                help=f"Bron: {ind.source}. {'Hoger' if ind.more_need_when_higher else 'Lager'} = meer behoefte.",
            )

    return current()


def headline_figures(result: pd.DataFrame, scenario: Scenario) -> None:
    head = headline(result, scenario)
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Totaal opbouwwerk",
        head.total_fte,
        f"{head.delta_fte} t.o.v. nu ({head.baseline})",
        delta_color="off",
        delta_arrow=head.direction,
    )
    m2.metric("Kosten", head.cost, f"{head.delta_cost} t.o.v. nu", delta_color="off", delta_arrow=head.direction)
    m3.metric("Uren per week", head.hours, "bij een 36-urige werkweek", delta_color="off", delta_arrow="off")
    for warning in result.attrs["warnings"]:
        st.warning(warning)


def area_map(result: pd.DataFrame, level: str) -> None:
    colour_by = st.radio(
        "Kleur op de kaart", list(COLOUR_BY), format_func=COLOUR_BY.get, key="ex_colour_by", horizontal=True
    )
    try:
        deck, legend = allocation_map(result, data.shapes(level, data.data_dir()), colour_by)
    except DataError as exc:
        st.info(str(exc))
        return
    st.pydeck_chart(
        deck,
        height=520,
        alt=(
            f"Kaart van Zwolle met de {LEVEL_LABELS[level].split()[0].lower()}, gekleurd naar "
            f"{COLOUR_BY[colour_by]}; de tabel hieronder geeft dezelfde cijfers."
        ),
    )
    st.markdown(legend_html(legend, COLOUR_BY[colour_by].capitalize()), unsafe_allow_html=True)


def charts(result: pd.DataFrame) -> None:
    st.altair_chart(
        stacked_fte(result),
        width="stretch",
        alt="Staafdiagram: per gebied de presentie-inzet en de opgavegerichte inzet in fte.",
    )
    st.altair_chart(
        per_10k_vs_need(result),
        width="stretch",
        alt="Spreidingsdiagram: per gebied fte per 10.000 inwoners tegen de behoefte-index.",
    )


def results(result: pd.DataFrame, scenario: Scenario, level: str) -> None:
    """Everything below the controls: figures, warnings, map, charts, table, download, sources."""
    headline_figures(result, scenario)
    map_col, chart_col = st.columns(2)
    with map_col:
        area_map(result, level)
    with chart_col:
        charts(result)
    note = assumption_note(result)
    if note:
        st.caption(note.replace("*", "\\*"))  # a literal asterisk, not a Markdown bullet
    st.subheader("Verdeling per gebied")
    st.table(table(result), hide_index=True)
    st.download_button(
        "Download de verdeling (CSV)",
        csv_bytes(result),
        file_name="opbouwwerk_verdeling.csv",
        mime="text/csv",
        on_click="ignore",
    )
    st.caption(
        "Bronnen: inwoners, inkomen, arbeidsparticipatie en huurwoningen: Bron: CBS, Kerncijfers wijken en buurten "
        "2022/2024 (CC BY 4.0). Leefbaarheid, sociale cohesie, overlast en verloedering: Buurt-voor-Buurt-onderzoek "
        "gemeente Zwolle 2014 (indicatief). Fte en kosten: informatienota opbouwwerk, gemeente Zwolle, 28 mei 2018. "
        "Zie data/SOURCES.md."
    )
