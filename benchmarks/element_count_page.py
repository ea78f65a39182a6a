"""A floor for bench_element_count.py: bare_page.py's two sliders and one figure, plus a given number
of small elements of the kinds the explorer is made of (Markdown, a notice, a button, a caption; no
figure, so that the one figure is the one bench_browser.py watches), which never change when a slider moves.

    BENCH_ELEMENTS=40        how many small elements (default 0: bare_page.py itself)
    BENCH_PLACE=before       where they stand: before the figure (as the explorer's controls) or after
    BENCH_FRAGMENT=1         the sliders, the figure and the elements in one st.fragment (as the explorer)
    BENCH_BLOCKS=1           each small element in a container of its own (a layout block, as the
                             explorer's columns, rows and containers: Streamlit sends and draws each)
"""

import os

import streamlit as st

from opbouw import format as fmt

COUNT = int(os.environ.get("BENCH_ELEMENTS", "0"))
BEFORE = os.environ.get("BENCH_PLACE", "before") == "before"
BLOCKS = os.environ.get("BENCH_BLOCKS") == "1"
KINDS = [
    lambda i: st.markdown(f"**Onderdeel {i}**: een regel uitleg zoals de verkenner er veel heeft."),
    lambda i: st.info(f"Let op {i}: een melding zoals onder de cijfers."),
    lambda i: st.button(f"Knop {i}", key=f"button_{i}"),
    lambda i: st.caption(f"Bron {i}: Gemeente Zwolle, Sociale Index 2024."),
]


def small_elements() -> None:
    for i in range(COUNT):
        if BLOCKS:
            with st.container():
                KINDS[i % len(KINDS)](i)
        else:
            KINDS[i % len(KINDS)](i)


def page() -> None:
    options = [round(0.1 * tenths, 1) for tenths in range(0, 201)]
    total = st.select_slider("Totaal aantal fte opbouwwerk", options=options, value=8.0, format_func=fmt.fte)
    share = st.slider("Aandeel presentie-inzet (de rest is opgavegericht)", 0, 100, 50, step=5, format="%d %%")
    if BEFORE:
        small_elements()
    st.metric("Totaal opbouwwerk", fmt.fte(total), f"{share} % presentie-inzet")
    if not BEFORE:
        small_elements()


if os.environ.get("BENCH_FRAGMENT") == "1":
    st.fragment(page)()
else:
    page()
