"""Baseline for bench_allocation.py: app.py's page element for element, but from a precomputed
allocation (no data load, no allocate, no cache); everything else, charts and map included, is made
as there."""

import streamlit as st

from ui import controls, gate, results, state, views

st.set_page_config(page_title="Opbouwwerk Zwolle", page_icon="🏘️", layout="wide")
gate.require_password()
title, mode = st.columns([4, 1], vertical_alignment="center")
title.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")
mode.toggle("Presentatiemodus", key="ex_present", help=controls.PRESENTATION_HELP)
state.open_link()
settings = controls.controls()
controls.share_link(settings)
key, result = st.session_state["bench_precomputed"][settings.total_fte]
results.results(views.build(key, result), settings)
