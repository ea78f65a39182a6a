"""Baseline for bench_allocation.py: the explorer page from a precomputed allocation (no data load, no
allocate); everything else, charts and map included, is made as on the real page."""

import streamlit as st

from ui import explorer, views

st.set_page_config(page_title="Opbouwwerk Zwolle", page_icon="🏘️", layout="wide")
st.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")

settings = explorer.controls()
key, scenario, result = st.session_state["bench_precomputed"][settings.total_fte]
explorer.results(views.build(key, scenario, "stadsdeel", 2024, result), settings)
