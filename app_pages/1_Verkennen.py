"""Verkennen: explore how many FTE go where (the default page of `streamlit run app.py`)."""

import streamlit as st

from opbouw import DataError
from opbouw.text import md
from ui import explorer, page, views

page.start(None)
title, mode = st.columns([4, 1], vertical_alignment="center")
title.title("Opbouwwerk Zwolle: hoeveel fte, en waar?")
presenting = mode.toggle("Presentatiemodus", key="ex_present", help=explorer.PRESENTATION_HELP)

if presenting:
    settings = explorer.presentation()
else:
    settings = explorer.controls()
    explorer.share_link(settings)
try:
    shown = views.view(settings)
except (DataError, ValueError) as exc:
    st.error(md(exc))
    st.stop()

explorer.results(shown, settings)
