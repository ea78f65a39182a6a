"""Saved scenarios: the list, and open, compare or remove one."""

import pandas as pd
import streamlit as st

from opbouw import compare
from opbouw import format as fmt
from opbouw.settings import LEVEL_LABELS
from opbouw.store import StoreError
from opbouw.text import md
from ui import gate, page, scenarios, state

page.start("Bewaarde scenario's")
st.title("Bewaarde scenario's")

state.settings_from_link()
store, problem = scenarios.store()
if store is None:
    st.stop()  # page.start has said why, as on every page

try:
    saved = store.list()
except StoreError as exc:
    st.error(md(exc))
    st.stop()
if not saved:
    st.write("Nog niets bewaard. Bewaar een scenario op de hoofdpagina met 'Bewaar scenario'.")
    st.stop()

table = pd.DataFrame(
    {
        "Naam": [s.name for s in saved],
        "Versie": [s.version for s in saved],
        "Bewaard op": [scenarios.when(s) for s in saved],
        "Totaal": [fmt.fte(s.settings.total_fte, 2) for s in saved],
        "Presentie-inzet": [f"{s.settings.presence_pct} %" for s in saved],
        "Niveau": [LEVEL_LABELS[s.settings.level] for s in saved],
        "Toelichting": [s.note for s in saved],
        "Code": [s.id for s in saved],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
by_id = {s.id: s for s in saved}
chosen_id = st.selectbox(
    "Kies een scenario om te openen, te vergelijken of te verwijderen",
    list(by_id),
    format_func=lambda i: f"{by_id[i].label}, bewaard op {scenarios.when(by_id[i])}",
    key="sv_choice",
)
chosen = by_id[chosen_id]
st.subheader(f"'{md(chosen.label)}'")
if chosen.note:
    st.text(chosen.note)
for note in chosen.problems:
    st.warning(md(note))
st.code(scenarios.link(chosen), language=None)
actions = st.container(horizontal=True)
if actions.button("Openen op de hoofdpagina", type="primary", key="sv_open"):
    state.show_saved(chosen)
    st.switch_page("app_pages/1_Verkennen.py")
if actions.button("Vergelijken met de huidige instellingen", key="sv_compare"):
    # The compare page reads its choice from its link, as when anyone opens a link to it.
    choice = compare.to_link([compare.CURRENT, f"saved:{chosen.id}"])
    st.switch_page("app_pages/4_Vergelijken.py", query_params={**st.query_params.to_dict(), compare.PARAM: choice})


if actions.button("Verwijderen", key="sv_remove"):
    st.session_state.sv_confirm = chosen.id
if st.session_state.get("sv_confirm") == chosen.id:
    st.warning(
        f"'{md(chosen.label)}' verdwijnt uit de lijst. Wie een link ernaar opent, krijgt te zien dat het verwijderd is."
    )
    attempt = st.text_input("Wachtwoord", type="password", key="sv_password") if gate.configured_password() else ""
    answer = st.container(horizontal=True)
    if answer.button("Ja, verwijderen", type="primary", key="sv_remove_yes"):
        problem = gate.check(attempt) if gate.configured_password() else None
        if problem is not None:
            st.error(f"{problem} Het scenario is niet verwijderd.")
            st.stop()
        st.session_state.sv_confirm = None
        try:
            store.remove(chosen.id)
        except StoreError as exc:
            st.error(md(exc))
        else:
            st.rerun()
    if answer.button("Nee, laten staan", key="sv_remove_no"):
        st.session_state.sv_confirm = None
        st.rerun()
