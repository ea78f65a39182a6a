"""A second floor for bench_browser.py: the explorer's sliders, one figure, and the kinds of element
whose browser code is large (a deck.gl map of the same polygons, two Vega-Lite charts, a table), from
one allocation made once per server. What Streamlit and Chromium cost to draw those at all."""

import streamlit as st

from opbouw import Scenario, allocate, load_areas, load_shapes
from opbouw import format as fmt
from opbouw.charts import per_10k_vs_need, stacked_fte
from opbouw.maps import allocation_map
from opbouw.present import table


@st.cache_resource
def parts():
    result = allocate(load_areas("wijk", 2024), Scenario(total_fte=10.0), "stadsdeel", 2024)
    deck, _ = allocation_map(result, load_shapes("stadsdeel"), "fte_per_10k")
    return deck, stacked_fte(result).to_dict(), per_10k_vs_need(result).to_dict(), table(result)


deck, stacked, scatter, rows = parts()
options = [round(0.1 * tenths, 1) for tenths in range(0, 201)]
total = st.select_slider("Totaal aantal fte opbouwwerk", options=options, value=10.0, format_func=fmt.fte)
share = st.slider("Aandeel presentie-inzet (de rest is opgavegericht)", 0, 100, 50, step=5, format="%d %%")
st.metric("Totaal opbouwwerk", fmt.fte(total), f"{share} % presentie-inzet")
left, right = st.columns(2)
left.pydeck_chart(deck, height=520)
right.vega_lite_chart(stacked, width="stretch")
st.vega_lite_chart(scatter, width="stretch")
st.table(rows, hide_index=True)
