"""Floor for bench_load.py --reference: the explorer's total slider and headline figure and nothing else.

What a slider move costs Streamlit and Chromium on this machine with no app around it. If this page
misses the load goal in real browsers too, the browsers' share of the machine is what misses it."""

import streamlit as st

from opbouw import format as fmt

options = [round(0.1 * tenths, 1) for tenths in range(40, 201)]
total = st.select_slider("Totaal aantal fte opbouwwerk", options=options, value=8.0, format_func=fmt.fte)
st.metric("Totaal opbouwwerk", fmt.fte(total))
