"""The floor for bench_browser.py: the explorer's two main sliders and one headline figure, nothing else.

What Streamlit and Chromium cost on this machine for a page a person can use at all; the app's times
are reported as a ratio to this page's, measured in the same run.

bench_element_count.py adds small elements of the kinds the explorer is made of (Markdown, a notice,
a button, a caption; no figure, so that the one figure stays the one the benchmarks watch), which
never change when a slider moves:

    BENCH_ELEMENTS=40        how many (default 0: the bare page)
    BENCH_PLACE=after        below the figure instead of above it (where the explorer's controls are)
    BENCH_FRAGMENT=1         the sliders, the figure and the elements in one st.fragment (as the explorer)
    BENCH_BLOCKS=1           each in a container of its own (a layout block, as the explorer's columns,
                             rows and containers: Streamlit sends and draws each)
"""

import os
from contextlib import nullcontext

import streamlit as st

from opbouw import format as fmt

EXTRA = int(os.environ.get("BENCH_ELEMENTS", "0"))
BELOW = os.environ.get("BENCH_PLACE") == "after"
BLOCKS = os.environ.get("BENCH_BLOCKS") == "1"
KINDS = [
    lambda i: st.markdown(f"**Onderdeel {i}**: een regel uitleg zoals de verkenner er veel heeft."),
    lambda i: st.info(f"Let op {i}: een melding zoals onder de cijfers."),
    lambda i: st.button(f"Knop {i}", key=f"button_{i}"),
    lambda i: st.caption(f"Bron {i}: Gemeente Zwolle, Sociale Index 2024."),
]


def small_elements() -> None:
    for i in range(EXTRA):
        with st.container() if BLOCKS else nullcontext():
            KINDS[i % len(KINDS)](i)


def page() -> None:
    options = [round(0.1 * tenths, 1) for tenths in range(0, 201)]
    total = st.select_slider("Totaal aantal fte opbouwwerk", options=options, value=8.0, format_func=fmt.fte)
    share = st.slider("Aandeel presentie-inzet (de rest is opgavegericht)", 0, 100, 50, step=5, format="%d %%")
    if not BELOW:
        small_elements()
    st.metric("Totaal opbouwwerk", fmt.fte(total), f"{share} % presentie-inzet")
    if BELOW:
        small_elements()


if os.environ.get("BENCH_FRAGMENT") == "1":
    st.fragment(page)()
else:
    page()
