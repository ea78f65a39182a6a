"""Baseline for bench_allocation.py: the explorer page, but the result is precomputed (no allocation, no data load)."""

import streamlit as st

from ui import explorer

st.set_page_config(page_title="Opbouwwerk Zwolle", page_icon="🏘️", layout="wide")
st.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")

settings = explorer.controls()
result, scenario = st.session_state["bench_precomputed"][settings.total_fte]
explorer.results(result, scenario, settings)
