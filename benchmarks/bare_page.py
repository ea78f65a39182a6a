"""The floor for bench_browser.py: the explorer's two main sliders and one headline figure, nothing else.

What Streamlit and Chromium cost on this machine for a page a person can use at all; the app's times
are reported as a ratio to this page's, measured in the same run."""

import streamlit as st

from opbouw import format as fmt

options = [round(0.1 * tenths, 1) for tenths in range(0, 201)]
total = st.select_slider("Totaal aantal fte opbouwwerk", options=options, value=8.0, format_func=fmt.fte)
share = st.slider("Aandeel presentie-inzet (de rest is opgavegericht)", 0, 100, 50, step=5, format="%d %%")
st.metric("Totaal opbouwwerk", fmt.fte(total), f"{share} % presentie-inzet")
