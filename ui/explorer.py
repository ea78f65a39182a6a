"""The explorer's controls (presets, sliders, settings; all in the link) and its result views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from opbouw import DataError, Scenario
from opbouw import format as fmt
from opbouw.export import Memo, excel_bytes, pdf_bytes
from opbouw.indicators import INDICATOR_KEYS, INDICATORS
from opbouw.links import (
    VASTE_VOET_STEPS,
    WEIGHT_STEPS,
    from_widget_values,
    parse_query,
    to_query,
    weight_param,
    widget_values,
)
from opbouw.maps import AREA_LAYER, COLOUR_BY, check_shapes
from opbouw.model import BASELINE_FTE
from opbouw.present import Headline, csv_bytes, headline
from opbouw.settings import (
    BASELINES,
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
from opbouw.text import md

from . import compare, data, notices, scenarios, views
from .views import View

DEFAULTS = Settings()
KEEP = "session"  # settings survive a switch to another page and back


def current() -> Settings:
    """The settings the widgets show now."""
    return from_widget_values({k: st.session_state[k] for k in widget_values(DEFAULTS)})


def _show(settings: Settings) -> None:
    st.session_state.update(widget_values(settings))


def show_saved(saved) -> None:
    """Show a saved scenario's settings (on the next run of the explorer) and link to it while unchanged."""
    st.session_state.ex_saved = saved
    _show(saved.settings)


def _load_preset(key: str) -> None:
    """Callback: apply a preset to the current settings and remember the result for 'Terug naar preset'."""
    loaded = PRESETS[key].apply(current())
    loaded = replace(loaded, total_fte=snap_total(loaded.total_fte, loaded.unit))
    st.session_state.ex_preset = (key, loaded)
    _show(loaded)


def _back_to_preset() -> None:
    """Callback: show the loaded preset again, exactly as it was loaded."""
    _show(st.session_state.ex_preset[1])


def _snap_total_to_unit() -> None:
    """When the rounding unit changes, move the total onto the new grid (a callback only moves a value)."""
    st.session_state.total_fte = snap_total(st.session_state.total_fte, st.session_state.unit)


def _open_link() -> list[str]:
    """First run of a session: the settings come from the link (defaults where it says nothing).

    A link ``?scenario=<id>`` opens that saved scenario. Returns, in Dutch, what
    in the link could not be used (only on that first run).
    """
    if "ex_opened" in st.session_state:
        return []
    st.session_state.ex_opened = True
    query = st.query_params.to_dict()
    problems: list[str] = []
    if compare.PARAM in query:  # for the compare page (not a setting)
        st.session_state.cmp_link = query.pop(compare.PARAM)
    scenario_id = query.pop("scenario", None)
    saved = None
    if scenario_id is not None:
        saved, problem = scenarios.find(scenario_id)
        if saved is None:
            problems.append(f"{problem} De overige instellingen in de link zijn gebruikt.")
        elif query:
            problems.append("De link noemt ook losse instellingen; die zijn genegeerd voor het bewaarde scenario.")
    if saved is not None:
        st.session_state.ex_saved = saved
        settings, more = saved.settings, list(saved.problems)
    else:
        settings, more = parse_query(query)
    for key, value in widget_values(settings).items():
        st.session_state.setdefault(key, value)
    return problems + more


def _open_link_with_notice() -> None:
    notices.link_problems(_open_link())


def link_query(settings: Settings) -> dict[str, str]:
    """The link's parameters: ``scenario=<id>`` while a saved scenario is shown unchanged, else the settings."""
    saved = st.session_state.get("ex_saved")
    if saved is not None and saved.settings == settings:
        return {"scenario": saved.id}
    return to_query(settings)


def _write_link(settings: Settings) -> None:
    """The link always shows exactly these settings (defaults left out, anything else dropped)."""
    st.query_params.from_dict(link_query(settings))


PRESENTATION_HELP = "Verbergt de knoppen en maakt de cijfers groot, voor de beamer. Zet uit om weer te schuiven."
# Presentation mode: larger headline figures, table and text, no sidebar (Streamlit's own test ids).
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.2rem;}
[data-testid="stTable"] table {font-size: 1.2rem;}
[data-testid="stMetricValue"] p {font-size: 3.6rem !important; line-height: 1.1; font-weight: 600;}
[data-testid="stMetricValue"] p,
[data-testid="stMetricValue"] > div {white-space: normal !important; overflow: visible;}
[data-testid="stMetricLabel"] p {font-size: 1.5rem !important;}
[data-testid="stMetricDelta"] p {font-size: 1.4rem !important;}
</style>
"""


def presentation() -> Settings:
    """Presentation mode: the settings as they are (the controls hidden), a one-line summary, large type."""
    settings = settings_from_link()
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    st.markdown(
        f"**{fmt.fte(settings.total_fte, 1)}**, waarvan **{settings.presence_pct} %** presentie-inzet, "
        f"verdeeld over de {LEVEL_LABELS[settings.level].split()[0].lower()}"
        + (f", vaste voet {fmt.fte(settings.min_fte_per_area, 1)} per gebied" if settings.min_fte_per_area else "")
        + "."
    )
    return settings


def settings_from_link() -> Settings:
    """For pages without the controls: the explorer's settings (from the link on a first visit),
    with the same notice about a bad link, and the link kept in step."""
    _open_link_with_notice()
    data.own_data_badge()
    settings = current()
    _write_link(settings)
    return settings


def _baseline_options() -> dict[str, str]:
    """The fixed baselines and every saved scenario; a saved baseline that is gone falls back to 'nu'."""
    options = {key: label for key, (_, label) in BASELINES.items()}
    options.update({scenarios.baseline_key(s): f"Bewaard: {s.label}" for s in scenarios.saved_list()})
    if st.session_state.get("baseline") not in options:
        st.session_state.baseline = DEFAULTS.baseline
    return options


def presets(row) -> None:
    """One button per preset, and 'Terug naar preset' once one is loaded and changed."""
    st.session_state.setdefault("ex_preset", None)
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


def _more_settings(more) -> None:
    """The settings under 'Meer instellingen'."""
    with more:
        c1, c2, c3 = st.columns(3)
        c1.radio(
            "Verdelen over",
            list(LEVEL_LABELS),
            format_func=LEVEL_LABELS.get,
            key="level",
            persist_state=KEEP,
            horizontal=True,
        )
        c1.radio(
            "Inwonertal van",
            list(YEAR_LABELS),
            format_func=YEAR_LABELS.get,
            key="year",
            persist_state=KEEP,
            horizontal=True,
        )
        c1.select_slider(
            "Vaste voet per gebied (uit de presentie-inzet)",
            options=VASTE_VOET_STEPS,
            format_func=lambda v: fmt.fte(v, 1),
            key="min_fte",
            persist_state=KEEP,
        )
        c2.selectbox(
            "Afronden op",
            list(UNITS),
            format_func=lambda k: UNITS[k][1],
            key="unit",
            persist_state=KEEP,
            on_change=_snap_total_to_unit,
        )
        c2.radio(
            "Opgavegerichte inzet verdelen naar",
            list(BASIS_LABELS),
            format_func=BASIS_LABELS.get,
            key="basis",
            persist_state=KEEP,
        )
        c2.number_input(
            "Kosten per fte (euro per jaar)",
            min_value=0.0,
            max_value=250_000.0,
            step=1_000.0,
            format="%.0f",
            key="cost_eur",
            persist_state=KEEP,
            help="€ 85.000: 2 fte kosten € 170.000 per jaar (informatienota 2018, schaal 8 cao Welzijn).",
        )
        # Streamlit's number input cannot print Dutch thousands separators; say the amount once more.
        c2.caption(f"= {fmt.eur(st.session_state.cost_eur)} per fte per jaar")
        focus = c3.toggle(
            "Opgavegerichte inzet alleen naar de gebieden met de hoogste behoefte",
            key="focus",
            persist_state=KEEP,
        )
        c3.number_input(
            "Aantal gebieden",
            min_value=1,
            max_value=15,
            step=1,
            key="focus_areas",
            persist_state=KEEP,
            disabled=not focus,
        )
        baselines = _baseline_options()
        c3.selectbox(
            "Vergelijk de kopcijfers met",
            list(baselines),
            format_func=baselines.get,
            key="baseline",
            persist_state=KEEP,
        )
        st.markdown("**Gewicht van de indicatoren in de behoefte-index** (0 = telt niet mee)")
        weight_cols = st.columns(4)
        for i, key in enumerate(INDICATOR_KEYS):
            ind = INDICATORS[key]
            weight_cols[i % 4].select_slider(
                ind.label + (" (indicatief, 2014)" if ind.indicative else ""),
                options=WEIGHT_STEPS,
                format_func=lambda v: fmt.number(v, 1),
                key=weight_param(key),
                persist_state=KEEP,
                help=f"Bron: {ind.source}. {'Hoger' if ind.more_need_when_higher else 'Lager'} = meer behoefte.",
            )


def controls() -> Settings:
    """The presets, the two main sliders and the settings expander; returns what they are set to.

    The settings come from the link on a session's first run and are written back
    to it on every run, so the address bar always reproduces what is on screen.
    """
    _open_link_with_notice()
    data.own_data_badge()
    preset_row = st.container(horizontal=True)
    unit = st.session_state.unit
    slider_total, slider_share = st.columns(2)
    slider_total.select_slider(
        "Totaal aantal fte opbouwwerk",
        options=total_grid(unit),
        format_func=lambda v: total_label(v, unit),
        key="total_fte",
        persist_state=KEEP,
        help=f"Nu {fmt.fte(BASELINE_FTE, 0)} (informatienota 2018); Travers adviseert 10 fte, twee per stadsdeel.",
    )
    slider_share.slider(
        "Aandeel presentie-inzet (de rest is opgavegericht)",
        min_value=0,
        max_value=100,
        step=5,
        format="%d %%",
        key="presence_pct",
        persist_state=KEEP,
        help="Presentie-inzet wordt verdeeld naar inwonertal, opgavegerichte inzet naar inwoners × behoefte.",
    )

    # Rendered only while open (the widgets keep their values when closed: persist_state), so a slider move
    # does not resend some twenty settings nobody is looking at.
    more = st.expander(
        "Meer instellingen: niveau, jaar, vaste voet, afronding, indicatoren, kosten", key="ex_more", on_change="rerun"
    )
    if more.open:
        _more_settings(more)
    settings = current()
    presets(preset_row)
    _write_link(settings)
    return settings


def share_link(settings: Settings) -> None:
    """'Bewaar scenario' and 'Kopieer link' side by side, and which saved scenario is on screen."""
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        saved = scenarios.save_form(settings)
        if saved is not None:
            st.session_state.ex_saved = saved
            _write_link(settings)
        copy_link(full_link(settings), "Wie deze link opent, ziet precies dezelfde cijfers.")
    shown = st.session_state.get("ex_saved")
    if saved is not None:
        st.success(
            f"Bewaard als '{md(saved.label)}' op {scenarios.when(saved)}. "
            f"De link naar dit scenario eindigt op {md('?scenario=' + saved.id)}."
        )
    elif shown is not None:
        label = md(shown.label)
        if shown.settings == settings:
            note = f" Toelichting: {md(shown.note)}" if shown.note else ""
            st.caption(f"Bewaard scenario '{label}', bewaard op {scenarios.when(shown)}.{note}")
        else:
            st.caption(f"Gewijzigd ten opzichte van het bewaarde scenario '{label}'.")


def copy_link(link: str, what_it_shows: str) -> None:
    """'Kopieer link': the full address to copy, and what whoever opens it will see."""
    with st.popover("Kopieer link"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(what_it_shows)


def _headline(result: pd.DataFrame, scenario: Scenario, settings: Settings):
    baseline = scenarios.baseline_of(settings) or BASELINES.get(settings.baseline, BASELINES[DEFAULTS.baseline])
    return headline(result, scenario, *baseline)


def full_link(settings: Settings, extra: dict[str, str] | None = None) -> str:
    """The address that reproduces these settings (or the saved scenario on screen) on this page, with
    the page's own ``extra`` parameters."""
    query = "&".join(f"{k}={v}" for k, v in {**link_query(settings), **(extra or {})}.items())
    base = st.context.url.split("?")[0] if st.context.url else ""
    return f"{base}?{query}" if query else base


def downloads(shown: View, settings: Settings, head: Headline) -> None:
    """CSV, Excel and the PDF scenarionotitie; the files are made on click and the page does not rerun."""
    result, scenario = shown.result, shown.scenario
    row = st.container(horizontal=True)
    row.download_button(
        "Download de verdeling (CSV)",
        lambda: csv_bytes(result),
        file_name="opbouwwerk_verdeling.csv",
        mime="text/csv",
        on_click="ignore",
    )
    try:
        sources = data.sources_in_use()
    except DataError as exc:
        st.info(md(f"{exc} Excel en PDF zijn daarom niet beschikbaar; de CSV wel."))
        return
    shown_saved = st.session_state.get("ex_saved")
    own = data.own_data()
    memo = Memo(
        result=result,
        scenario=scenario,
        settings=settings,
        headline=head,
        link=full_link(settings),
        sources=sources,
        title=" · ".join(
            part
            for part in (
                shown_saved.label if shown_saved is not None and shown_saved.settings == settings else "",
                f"eigen gegevens ({own.label})" if own is not None else "",
            )
            if part
        ),
        warnings=shown.notes,
    )
    shapes = data.shapes_later(settings.level)  # read on click, like the files themselves
    row.download_button(
        "Download alles (Excel)",
        lambda: excel_bytes(memo),
        file_name="opbouwwerk_scenario.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        help="Verdeling, instellingen, bronnen en de link, elk op een eigen tabblad.",
    )
    row.download_button(
        "Download scenarionotitie (PDF)",
        lambda: pdf_bytes(memo, _fitting(result, shapes)),
        file_name="opbouwwerk_scenarionotitie.pdf",
        mime="application/pdf",
        on_click="ignore",
        help="Eén à twee A4'tjes voor bij een raadsmemo: cijfers, kaart, grafiek, tabel, methode, bronnen en link.",
    )


def _fitting(result: pd.DataFrame, shapes: Callable[[], dict]) -> dict | None:
    """The polygons for the PDF's map, or None (the PDF then says the map is missing)."""
    try:
        polygons = shapes()
        check_shapes(result, polygons)
    except DataError:
        return None
    return polygons


def headline_figures(shown: View, head: Headline) -> None:
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Totaal opbouwwerk",
        head.total_fte,
        md(f"{head.delta_fte} t.o.v. {head.baseline}"),
        delta_color="off",
        delta_arrow=head.direction,
    )
    m2.metric(
        "Kosten",
        head.cost,
        md(f"{head.delta_cost} t.o.v. {head.baseline}"),
        delta_color="off",
        delta_arrow=head.direction,
    )
    m3.metric("Uren per week", head.hours, "bij een 36-urige werkweek", delta_color="off", delta_arrow="off")
    warnings_panel(shown.notes)


def warnings_panel(panel_notes: Sequence[str]) -> None:
    """Every conflict the model met, named in one panel (nothing is clamped silently)."""
    if panel_notes:
        notices.notice("warning", "", panel_notes, heading="Let op")


def area_map(shown: View) -> str | None:
    """The map, its colour choice and legend; returns the code of the area clicked on it, if any."""
    colour_by = st.radio(
        "Kleur op de kaart", list(COLOUR_BY), format_func=COLOUR_BY.get, key="ex_colour_by", horizontal=True
    )
    try:
        deck, legend = views.area_map(shown, colour_by)
    except DataError as exc:
        st.info(md(exc))
        return None
    event = st.pydeck_chart(
        deck,
        height=520,
        on_select="rerun",
        selection_mode="single-object",
        key="ex_map",
        alt=(
            f"Kaart van Zwolle met de {LEVEL_LABELS[shown.level].split()[0].lower()}, gekleurd naar "
            f"{COLOUR_BY[colour_by]}; de tabel hieronder geeft dezelfde cijfers."
        ),
    )
    st.markdown(f"**{md(COLOUR_BY[colour_by].capitalize())}**")
    st.markdown(legend, unsafe_allow_html=True)  # swatches and the app's own class bounds only
    st.caption("Klik op een gebied om hieronder te zien waarom het dit aantal fte krijgt.")
    picked = (event.selection.get("objects") or {}).get(AREA_LAYER) if event else None
    return picked[0].get("code") if picked else None


def explain(shown: View, clicked: str | None) -> None:
    """'Waarom dit aantal?': one area's FTE in parts, as a sentence and a waterfall, and its need index."""
    st.subheader("Waarom dit aantal?")
    names = shown.names
    if clicked in names and clicked != st.session_state.get("ex_clicked"):
        st.session_state.ex_explain = clicked  # a click on the map picks the area below
    st.session_state.ex_clicked = clicked
    if st.session_state.get("ex_explain") not in names:
        st.session_state.ex_explain = shown.result["fte"].idxmax()
    code = st.selectbox("Gebied", list(names), format_func=names.get, key="ex_explain")
    why = views.explanation(shown, code)
    st.markdown(f"#### {md(why.sentence)}")
    chart_col, need_col = st.columns([2, 3])
    chart_col.vega_lite_chart(
        why.waterfall,
        width="stretch",
        alt=f"Watervaldiagram: de opbouw van de fte van {why.name}; de zin erboven zegt hetzelfde.",
    )
    with need_col:
        st.markdown(f"**Behoefte-index van {md(why.name)}, per indicator**")
        st.table(why.need_table, hide_index=True)
        st.caption(
            "Bijdrage: de verhouding tot het stadsgemiddelde (omgedraaid waar lager meer behoefte betekent), "
            "gewogen; samen vormen de bijdragen de index. De index is een signaal, geen verklaring."
        )


def stacked_chart(shown: View) -> None:
    st.vega_lite_chart(
        shown.charts["stacked_fte"],
        width="stretch",
        alt="Staafdiagram: per gebied de presentie-inzet en de opgavegerichte inzet in fte.",
    )


def scatter_chart(shown: View) -> None:
    """Full width: with sixteen wijken the names need the room (opbouw/labels.py places them)."""
    st.vega_lite_chart(
        shown.charts["per_10k_vs_need"],
        width="stretch",
        alt="Spreidingsdiagram: per gebied fte per 10.000 inwoners tegen de behoefte-index.",
    )


def results(shown: View, settings: Settings) -> None:
    """Everything below the controls: figures, warnings, map, charts, table, download, sources."""
    head = _headline(shown.result, shown.scenario, settings)
    headline_figures(shown, head)
    map_col, chart_col = st.columns(2)
    with map_col:
        clicked = area_map(shown)
    with chart_col:
        stacked_chart(shown)
    scatter_chart(shown)
    if shown.assumption:
        st.caption(md(shown.assumption))
    st.subheader("Verdeling per gebied")
    st.table(shown.table, hide_index=True)
    downloads(shown, settings, head)
    explain(shown, clicked)
    st.caption(
        "Bronnen: inwoners, inkomen, arbeidsparticipatie en huurwoningen: Bron: CBS, Kerncijfers wijken en buurten "
        "2022/2024 (CC BY 4.0). Leefbaarheid, sociale cohesie, overlast en verloedering: Buurt-voor-Buurt-onderzoek "
        "gemeente Zwolle 2014 (indicatief). Fte en kosten: informatienota opbouwwerk, gemeente Zwolle, 28 mei 2018. "
        "Zie data/SOURCES.md."
    )
