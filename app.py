"""Opbouwwerk Zwolle: explore how many FTE go where (`streamlit run app.py`).

The entry point only names the pages, so that the sidebar reads in Dutch ("Verkennen",
"Bewaarde scenario's") instead of showing file names; each page is one user task in ``app_pages/``
(not ``pages/``, which Streamlit would also run the old way). Every page has an explicit URL path,
the one links have always used (``/Vergelijken``, ``/?scenario=...`` for the explorer).
The pages have no icons: Streamlit shows a page's Material icon as the tab's icon by fetching it
from Google's font servers, and the app asks nothing of other sites.
"""

import streamlit as st

from ui import gate, page

PAGES = [
    st.Page("app_pages/1_Verkennen.py", title="Verkennen", default=True),
    st.Page("app_pages/2_Gevoeligheid.py", url_path="Gevoeligheid", title="Gevoeligheid"),
    st.Page("app_pages/3_Bewaarde_scenarios.py", url_path="Bewaarde_scenarios", title="Bewaarde scenario's"),
    st.Page("app_pages/4_Vergelijken.py", url_path="Vergelijken", title="Vergelijken"),
    st.Page("app_pages/7_Ingroeipad.py", url_path="Ingroeipad", title="Ingroeipad"),
    st.Page("app_pages/5_Methode_en_bronnen.py", url_path="Methode_en_bronnen", title="Methode en bronnen"),
    st.Page("app_pages/6_Gegevens.py", url_path="Gegevens", title="Gegevens"),
]

page.shell()

# Behind a password even the page list stays hidden; every page asks for the password itself.
st.navigation(PAGES, position="sidebar" if gate.passed() else "hidden").run()
