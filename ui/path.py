"""The Ingroeipad page's parts: today's deployment (an editable table), the path's settings, and the
path with its yearly costs. The rules are in :mod:`opbouw.phase_in` and :mod:`opbouw.deployment`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from opbouw import deployment
from opbouw import format as fmt
from opbouw.charts import PATH_SELECTION, path_chart
from opbouw.links import fte_list_text, typed_totals
from opbouw.phase_in import PhaseInError
from opbouw.settings import LEVEL_LABELS, PATH_MAX_CAP_FTE, PATH_YEARS, Settings
from opbouw.text import markdown_table, md

from . import notices

KEEP = "session"  # like the explorer's settings: kept when the user visits another page
COLUMN = "Huidige inzet (fte)"


def _reset() -> None:
    st.session_state["current"] = ""  # the link parameter of Settings.current_deployment


def current_deployment(wijken: pd.DataFrame, settings: Settings) -> deployment.Deployment:
    """'Huidige inzet': the table to edit, checked when applied; returns the deployment in use."""
    st.header("1. Huidige inzet")
    today, problems = deployment.read(wijken, settings)
    if problems:
        notices.notice("warning", "De huidige inzet in de link past niet:", problems)
    if today.assumed:
        st.info(md(deployment.ASSUMED_NOTE))
    else:
        st.caption(
            f"Ingevuld per {today.level}: {fmt.fte(today.fte.sum(), 1)} in totaal (alleen in deze sessie, "
            "in de link en in een bewaard scenario)."
        )
    unit = deployment.path_unit(settings)
    levels = list(LEVEL_LABELS)
    level = st.radio(
        "Invullen per",
        levels,
        index=levels.index(today.level),
        format_func=LEVEL_LABELS.get,
        key="ip_level",
        horizontal=True,
    )
    names = deployment.areas_of(wijken, level)
    start = today.fte if level == today.level else deployment.assumed(wijken, settings, level).fte
    # Text cells: a number column drops a Dutch "1,2" as it is typed; the app reads both "1,2" and "1.2".
    frame = pd.DataFrame({"Gebied": names.to_numpy(), COLUMN: [fmt.number(v, 2) for v in start.reindex(names.index)]})
    with st.form("ip_form", border=False):
        edited = st.data_editor(
            frame,
            hide_index=True,
            disabled=["Gebied"],
            key="ip_editor",
            column_config={
                COLUMN: st.column_config.TextColumn(
                    COLUMN, required=True, max_chars=12, help="In fte, bijvoorbeeld 1,4 (een komma of een punt)."
                )
            },
        )
        applied = st.form_submit_button("Gebruik deze huidige inzet", key="ip_apply")
    st.button("Terug naar de aanname", key="ip_reset", on_click=_reset, disabled=today.assumed)
    if applied:
        values = pd.Series([fmt.parse_number(v) for v in edited[COLUMN]], index=names.index, dtype=float)
        fte, problems = deployment.checked(values, unit, names)
        if problems:
            notices.notice("error", "De huidige inzet is niet gewijzigd:", problems)
        else:
            st.session_state["current"] = f"{level}:{fte_list_text(fte.to_numpy())}"
            st.rerun()
    return today


def _set_totals() -> None:
    """Callback: typed totals per year, checked by the link's own rule; a bad text is said and not used."""
    typed = st.session_state.ip_totals
    value = typed_totals(typed)
    if value is None:
        st.session_state.ip_totals_problem = (
            f"'{typed}' is geen rij totalen; schrijf ze als 8,5; 9; 9,5; 10 (één per jaar)."
        )
    else:
        st.session_state.ip_totals_problem = None
        st.session_state.path_totals = value


def path_settings(settings: Settings) -> None:
    """The path's settings: first and last year, the cap per area per year, hold-harmless, totals."""
    st.header("2. Het pad")
    c1, c2, c3 = st.columns(3)
    c1.number_input("Eerste jaar", *PATH_YEARS, step=1, key="path_from", persist_state=KEEP)
    c1.number_input("Laatste jaar", *PATH_YEARS, step=1, key="path_to", persist_state=KEEP)
    c2.number_input(
        "Grootste verandering per gebied per jaar (fte)",
        min_value=0.1,
        max_value=PATH_MAX_CAP_FTE,
        step=0.1,
        format="%.1f",
        key="path_cap",
        persist_state=KEEP,
        help="Zo veel fte mag een gebied hooguit winnen of verliezen van het ene jaar op het volgende.",
    )
    # Streamlit's number input writes a decimal point; say the amount once more, the Dutch way.
    c2.caption(f"= {fmt.fte(st.session_state.path_cap, 2)} per gebied per jaar")
    c2.toggle(
        "Behoud van de huidige inzet",
        key="path_hold",
        persist_state=KEEP,
        help="Geen gebied komt onder zijn huidige inzet zolang het totaal niet onder het huidige totaal ligt.",
    )
    st.session_state.setdefault(
        "ip_totals", "; ".join(v.replace(".", ",") for v in settings.path_totals.split(",") if v)
    )
    c3.text_input(
        "Totaal per jaar (fte, leeg = gelijke stappen)",
        key="ip_totals",
        on_change=_set_totals,
        placeholder="bijvoorbeeld 8,5; 9; 9,5; 10",
        max_chars=200,
    )
    problem = st.session_state.get("ip_totals_problem")
    if problem:
        st.error(md(problem))


def results(wijken: pd.DataFrame, settings: Settings, today: deployment.Deployment) -> None:
    """The path: the chart, the steps of the area clicked, the table per year, and the costs."""
    st.header("3. Van nu naar het scenario")
    years = deployment.years_of(settings)
    if not years:
        st.error("Het laatste jaar ligt vóór het eerste; kies een later laatste jaar.")
        return
    try:
        result = deployment.path(wijken, settings, today)
    except PhaseInError as exc:
        st.error(md(exc))
        return
    st.caption(
        f"Doel: het scenario op Verkennen, {fmt.fte(settings.total_fte, 1)} met {settings.presence_pct} % presentie, "
        f"per {today.level}. {'Huidige inzet: aanname.' if today.assumed else ''}"
    )
    for note in result.notes:
        st.warning(md(note))
    names = deployment.areas_of(wijken, today.level)
    columns = ["Nu", *[str(y) for y in years]]
    event = st.altair_chart(
        path_chart(result.steps, names.to_dict(), columns),
        on_select="rerun",
        key="ip_chart",
        width="stretch",
        alt=f"Lijndiagram: per gebied de inzet in fte, van nu tot {years[-1]}; de tabel hieronder geeft dezelfde "
        "cijfers. Klik op een lijn om de stappen van dat gebied te zien.",
    )
    picked = (event.selection.get(PATH_SELECTION) or [{}])[0].get("gebied") if event else None
    table = pd.DataFrame(
        {"Gebied": names.reindex(result.steps.index).to_numpy()}
        | {label: [fmt.fte(v) for v in result.steps[step]] for step, label in enumerate(columns)}
    )
    table["Doel"] = [fmt.fte(v) for v in (result.steps[len(years)] + result.shortfall)]
    if picked:
        st.markdown(f"**Stappen van {md(picked)}**")
        st.table(markdown_table(table[table["Gebied"] == picked]), hide_index=True)
    st.markdown("**Inzet per gebied per jaar**")
    st.table(markdown_table(table), hide_index=True)
    st.markdown("**Kosten per jaar** (prijspeil van elk jaar, geïndexeerd zoals ingesteld op Verkennen)")
    costs = deployment.yearly_costs(result, settings)
    st.table(
        pd.DataFrame(
            {
                "Jaar": [str(y) if y is not None else "Totaal over de periode" for y in costs["year"]],
                "Totaal fte": ["" if pd.isna(v) else fmt.fte(v) for v in costs["fte"]],
                "Kosten": [fmt.eur(v) for v in costs["cost_eur"]],
                "Verschil met de huidige inzet": [fmt.eur(v, signed=True) for v in costs["difference_eur"]],
            }
        ),
        hide_index=True,
    )
