"""Verkennen: explore how many FTE go where (the default page of `streamlit run app.py`).

Everything below the title and the presentation switch is one fragment (``st.fragment``): a slider
move reruns only that part, so the navigation, the password check, the title and the intro are neither
run nor sent again, and the browser redraws less (benchmarks/bench_browser.py and trace_slider.py
measure it; README.md, *Benchmarks*, gives the figures). The presentation switch reruns the whole page.
"""

import streamlit as st

from opbouw import DataError
from opbouw.text import md
from ui import controls, page, results, state, views

page.start(None)
title, mode = st.columns([3, 1], vertical_alignment="center")
title.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")
presenting = mode.toggle("Presentatiemodus", key="ex_present", help=controls.PRESENTATION_HELP)
st.markdown(controls.ABOUT)


@st.fragment
def explorer(presenting: bool) -> None:
    """The controls, the figures and the details for these settings."""
    if presenting:
        settings = controls.presentation()
        controls_box = None
    else:
        state.open_link()
        settings = state.current()  # what the widgets below will show: their values arrived with this rerun
        controls_box = st.container()
    # The figures first, in the script: a slider move changes them before the rest of the page is sent.
    # On screen they stand below the controls (their container comes first).
    figures_box = st.container()
    try:
        shown = views.view(settings)
    except (DataError, ValueError) as exc:
        shown = None
        figures_box.error(md(exc))
    if shown is not None:
        with figures_box:
            head = results.figures(shown, settings)
    if controls_box is not None:
        with controls_box:
            drawn = controls.controls()
            controls.share_link(drawn)
        if drawn != settings:  # a widget put its value right (a value off its grid): draw the page for that
            st.rerun()
    if shown is None:
        return
    results.details(shown, settings, head, presenting)


explorer(presenting)
