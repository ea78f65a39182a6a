"""Opbouwwerk Zwolle: explore how many FTE go where (`streamlit run app.py`).

The entry point only names the pages, so that the sidebar reads in Dutch ("Verkennen",
"Bewaarde scenario's") instead of showing file names; each page is one user task in ``pages/``.
The URL paths stay those of the file names (``/Vergelijken``), so older links keep working.
The pages have no icons: Streamlit shows a page's Material icon as the tab's icon by fetching it
from Google's font servers, and the app asks nothing of other sites.
"""

import streamlit as st

from ui import gate

PAGES = [
    st.Page("pages/1_Verkennen.py", title="Verkennen", default=True),
    st.Page("pages/2_Gevoeligheid.py", title="Gevoeligheid"),
    st.Page("pages/3_Bewaarde_scenarios.py", title="Bewaarde scenario's"),
    st.Page("pages/4_Vergelijken.py", title="Vergelijken"),
    st.Page("pages/5_Methode_en_bronnen.py", title="Methode en bronnen"),
    st.Page("pages/6_Gegevens.py", title="Gegevens"),
]

# Behind a password even the page list stays hidden; every page asks for the password itself.
st.navigation(PAGES, position="sidebar" if gate.passed() else "hidden").run()
