"""Ingroeipad: from today's deployment to the scenario on the explorer, year by year, with the costs."""

import streamlit as st

from opbouw import DataError
from ui import data, page, path, state

page.start("Ingroeipad")
st.title("Ingroeipad")
st.markdown(
    "Van de **huidige inzet** naar het scenario op de pagina Verkennen, jaar voor jaar: hoeveel fte elk "
    "gebied per jaar krijgt, wat dat per jaar kost, en of het doel binnen de jaren en de grens per jaar "
    "gehaald wordt."
)
settings = state.settings_from_link()
try:
    wijken = data.area_table("wijk", settings.year)
except DataError as exc:
    st.error(str(exc))
    st.stop()
today = path.current_deployment(wijken, settings)
path.path_settings(settings)
path.results(wijken, state.current(), today)
