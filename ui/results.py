"""Everything the explorer shows below its controls: the headline figures, 'Let op', the map, the charts,
the table, the downloads and 'Waarom dit aantal?'."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from opbouw import Allocation, DataError, charts, deployment, policy
from opbouw import format as fmt
from opbouw.maps import AREA_LAYER, COLOUR_BY, check_shapes
from opbouw.memo import Memo
from opbouw.present import Headline, csv_bytes, direction, headline
from opbouw.settings import BASELINES, LEVEL_LABELS, Settings
from opbouw.text import md

from . import data, notices, scenarios, state, views
from .views import View


def _headline(result: Allocation, settings: Settings) -> Headline:
    baseline = scenarios.baseline_of(settings) or BASELINES.get(settings.baseline, BASELINES[state.DEFAULTS.baseline])
    return headline(result, *baseline)


def memo(shown: View, settings: Settings, head: Headline, link: str) -> Memo | None:
    """What the Excel and PDF downloads show; None (and a Dutch notice) when the sources cannot be read."""
    try:
        sources = data.sources_in_use()
    except DataError as exc:
        st.info(md(f"{exc} Excel en PDF zijn daarom niet beschikbaar; de CSV wel."))
        return None
    saved = state.saved_on_screen(settings)
    own = data.own_data()
    title = " · ".join(
        part
        for part in (saved.label if saved is not None else "", f"eigen gegevens ({own.label})" if own else "")
        if part
    )
    panel = views.notes_of(shown).notes
    return Memo(shown.result, settings, head, link, sources, title, panel, own_data=own.label if own else "")


def with_path(contents: Memo, wijken) -> Memo:
    """The memo with its ingroeipad, computed when a file is asked for (outside this script run, and not
    on every rerun); ``wijken`` are read now, from the cache."""
    return replace(contents, path=deployment.report(wijken, contents.settings))


def downloads(shown: View, settings: Settings, head: Headline) -> None:
    """CSV, Excel and the PDF scenarionotitie; the files are made on click and the page does not rerun."""
    result = shown.result
    row = st.container(horizontal=True)
    row.download_button(
        "Download de verdeling (CSV)",
        lambda: csv_bytes(result),
        file_name="opbouwwerk_verdeling.csv",
        mime="text/csv",
        on_click="ignore",
    )
    contents = memo(shown, settings, head, state.full_link(settings))
    if contents is None:
        return
    shapes = data.shapes_later(settings.level)  # read on click, like the files themselves
    wijken = data.area_table("wijk", settings.year)
    row.download_button(
        "Download alles (Excel)",
        lambda: excel_file(with_path(contents, wijken)),
        file_name="opbouwwerk_scenario.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        help="Verdeling, instellingen, ingroeipad, bronnen en de link, elk op een eigen tabblad.",
    )
    row.download_button(
        "Download scenarionotitie (PDF)",
        lambda: pdf_file(with_path(contents, wijken), fitting(result, shapes)),
        file_name="opbouwwerk_scenarionotitie.pdf",
        mime="application/pdf",
        on_click="ignore",
        help="Twee à drie A4'tjes voor bij een raadsmemo: cijfers, kaart, grafiek, tabel, ingroeipad, methode, "
        "bronnen en link.",
    )


# The PDF and Excel libraries (fpdf2, openpyxl's writer, vl-convert) load when a file is first asked
# for, not with the first page after a server start: 0,26 s of the cold start (benchmarks/bench_browser.py).
def excel_file(contents: Memo) -> bytes:
    from opbouw.export import excel_bytes

    return excel_bytes(contents)


def pdf_file(contents: Memo, shapes: dict | None) -> bytes:
    from opbouw.export import pdf_bytes

    return pdf_bytes(contents, shapes)


def fitting(result: Allocation, shapes: Callable[[], dict]) -> dict | None:
    """The polygons for the PDF's map, or None (the PDF then says the map is missing)."""
    try:
        polygons = shapes()
        check_shapes(result, polygons)
    except DataError:
        return None
    return polygons


def headline_figures(head: Headline, settings: Settings) -> None:
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Totaal opbouwwerk",
        head.total_fte,
        md(f"{head.delta_fte} t.o.v. {head.baseline}"),
        delta_color="off",
        delta_arrow=head.direction,
    )
    m2.metric(
        "Kosten per jaar",
        head.cost,
        md(f"{head.delta_cost} t.o.v. {head.baseline}"),
        delta_color="off",
        delta_arrow=head.direction,
    )
    m3.metric("Uren per week", head.hours, policy.HOURS_NOTE, delta_color="off", delta_arrow="off")
    st.caption(
        f"Kosten in {policy.price_level(settings.price_year, settings.index_pct)}: "
        f"{fmt.eur(settings.scenario().cost_per_fte_eur)} per fte per jaar."
    )


AREAS_PER_ROW = {"stadsdeel": 5, "wijk": 8}


def area_figures(shown: View, change: pd.Series | None, assumed: bool) -> None:
    """Where the FTE go: one figure per area with its change against today (the question "where do the
    extra FTE go?" answered on the first screen)."""
    fte = shown.result.table["fte"]
    per_row = AREAS_PER_ROW[shown.level]
    with st.container(key="ex_area_figures"):
        codes = list(fte.index)
        for start in range(0, len(codes), per_row):
            for col, code in zip(st.columns(per_row), codes[start : start + per_row]):
                delta = None if change is None else float(change[code])
                col.metric(
                    md(shown.names[code]),
                    fmt.fte(fte[code]),
                    # Eight to a row leave no room for "t.o.v. nu"; the caption below says it.
                    None if delta is None else fmt.fte(delta, signed=True) + ("" if per_row > 5 else " t.o.v. nu"),
                    delta_color="off",
                    delta_arrow="off" if delta is None else direction(delta),
                )
    st.caption(change_note(change, assumed))


def change_note(change: pd.Series | None, assumed: bool) -> str:
    """What 'nu' means under the per-area figures and in the table's change column (under each area's
    figure: its change against today)."""
    if change is None:
        return (
            "De huidige inzet is per stadsdeel ingevuld (pagina Ingroeipad); het verschil per wijk is daarom onbekend."
        )
    if assumed:
        return (
            f"Onder elk gebied het verschil met nu: de huidige {fmt.fte(policy.BASELINE_FTE, 0)} naar inwonertal "
            "per stadsdeel. Dat is een aanname: waar de opbouwwerkers nu werken, staat in geen bron (zie de "
            "pagina Ingroeipad)."
        )
    return "Onder elk gebied het verschil met nu: de huidige inzet zoals ingevuld op de pagina Ingroeipad."


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
    st.html(legend)  # swatches and the app's own class bounds only (escaped; st.html sanitises and runs no script)
    st.caption("Klik op een gebied om hieronder te zien waarom het dit aantal fte krijgt.")
    picked = (event.selection.get("objects") or {}).get(AREA_LAYER) if event else None
    return picked[0].get("code") if picked else None


WHY_LABEL = "Waarom dit aantal? Per gebied de opbouw van de fte en de behoefte-index"


def explain(shown: View, clicked: str | None) -> None:
    """'Waarom dit aantal?': one area's FTE in parts, as a sentence and a waterfall, and its need index.
    Drawn only while open (a slider move does not wait for it); a click on the map opens it."""
    names = shown.names
    if clicked in names and clicked != st.session_state.get("ex_clicked"):
        st.session_state.ex_explain = clicked  # a click on the map picks the area below
        st.session_state.ex_why = True  # and opens the explanation
    st.session_state.ex_clicked = clicked
    box = st.expander(WHY_LABEL, key="ex_why", on_change="rerun")
    if not box.open:
        return
    with box:
        _explanation(shown)


def _explanation(shown: View) -> None:
    names = shown.names
    if st.session_state.get("ex_explain") not in names:
        st.session_state.ex_explain = shown.result.table["fte"].idxmax()
    code = st.selectbox("Gebied", list(names), format_func=names.get, key="ex_explain")
    why = views.explanation(shown, code)
    st.markdown(f"**{md(why.sentence)}**")
    # The waterfall beside the reading guide; the indicator table below at full width, so that every
    # column (value, average, deviation, weight, contribution, status) can be read on a projector.
    chart_col, guide_col = st.columns([3, 2])
    chart_col.vega_lite_chart(
        why.waterfall,
        width="stretch",
        alt=f"Watervaldiagram: de opbouw van de fte van {why.name}; de zin erboven zegt hetzelfde.",
    )
    guide_col.caption(
        "Afwijking: hoeveel standaardafwijkingen de waarde van het stadsgemiddelde af ligt (+ = meer behoefte, "
        "begrensd op 2). Gewicht: het aandeel van de indicator in de index (het gewicht van zijn thema, gedeeld "
        "door de indicatoren van het thema). Bijdrage: die afwijking, gewogen, maal de sterkte; de basis plus de "
        "bijdragen is de index. De index is een signaal, geen verklaring."
    )
    st.markdown(f"**Behoefte-index van {md(why.name)}, per indicator**")
    st.table(why.need_table, hide_index=True)


def figures(shown: View, settings: Settings) -> Headline:
    """The headline figures, the figure of every area with its change against today, and 'Let op': what
    a slider move is for, sent before anything else the page draws (see app_pages/1_Verkennen.py)."""
    head = _headline(shown.result, settings)
    change, assumed = views.change_from_today(shown, settings)
    headline_figures(head, settings)
    area_figures(shown, change, assumed)
    warnings_panel(views.notes_of(shown).notes)
    return head


def details(shown: View, settings: Settings, head: Headline, presenting: bool = False) -> None:
    """Everything below the figures: map, charts, table, downloads, 'Waarom dit aantal?', sources. In
    presentation mode the charts' text is larger (the projector)."""
    chart = charts.enlarged if presenting else (lambda spec: spec)
    specs = views.charts(shown)
    map_col, chart_col = st.columns(2)
    with map_col:
        clicked = area_map(shown)
    chart_col.vega_lite_chart(
        chart(specs.stacked),
        width="stretch",
        alt="Staafdiagram: per gebied de presentie-inzet en de opgavegerichte inzet in fte.",
    )
    # Full width: with sixteen wijken the names need the room (opbouw/labels.py places them).
    st.vega_lite_chart(
        chart(specs.scatter),
        width="stretch",
        alt="Spreidingsdiagram: per gebied fte per 10.000 inwoners tegen de behoefte-index.",
    )
    assumption = views.notes_of(shown).assumption
    if assumption:
        st.caption(md(assumption))
    st.header("Verdeling per gebied")
    area_table(shown, settings)
    downloads(shown, settings, head)
    explain(shown, clicked)
    st.caption(policy.SOURCES_CAPTION)


def results(shown: View, settings: Settings, presenting: bool = False) -> None:
    """Everything below the controls, in page order (the render-only benchmark page)."""
    details(shown, settings, figures(shown, settings), presenting)


def area_table(shown: View, settings: Settings) -> None:
    """The per-area table; on a narrow screen it scrolls sideways, and says so."""
    with st.container(key="ex_area_table"):
        st.caption(SCROLL_HINT)
        st.table(views.area_table(shown, settings), hide_index=True)


SCROLL_HINT = "Schuif de tabel opzij voor alle kolommen."
