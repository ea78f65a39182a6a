"""Verkennen: explore how many FTE go where (the default page of `streamlit run app.py`)."""

import streamlit as st

from opbouw import DataError
from opbouw.text import md
from ui import controls, page, results, views

page.start(None)
title, mode = st.columns([3, 1], vertical_alignment="center")
title.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")
presenting = mode.toggle("Presentatiemodus", key="ex_present", help=controls.PRESENTATION_HELP)
st.markdown(controls.ABOUT)

if presenting:
    settings = controls.presentation()
else:
    settings = controls.controls()
    controls.share_link(settings)
try:
    shown = views.view(settings)
except (DataError, ValueError) as exc:
    st.error(md(exc))
    st.stop()

results.results(shown, settings, presenting)
