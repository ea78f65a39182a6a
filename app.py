"""Opbouwwerk Zwolle: explore how many FTE go where (`streamlit run app.py`).

The entry point only names the pages, so that the sidebar reads in Dutch ("Verkennen",
"Bewaarde scenario's") instead of showing file names; each page is one user task in ``pages/``.
The URL paths stay those of the file names (``/Vergelijken``), so older links keep working.
"""

import streamlit as st

from ui import gate

PAGES = [
    st.Page("pages/1_Verkennen.py", title="Verkennen", icon=":material/explore:", default=True),
    st.Page("pages/2_Gevoeligheid.py", title="Gevoeligheid", icon=":material/show_chart:"),
    st.Page("pages/3_Bewaarde_scenarios.py", title="Bewaarde scenario's", icon=":material/bookmark:"),
    st.Page("pages/4_Vergelijken.py", title="Vergelijken", icon=":material/compare_arrows:"),
    st.Page("pages/5_Methode_en_bronnen.py", title="Methode en bronnen", icon=":material/menu_book:"),
    st.Page("pages/6_Gegevens.py", title="Gegevens", icon=":material/upload_file:"),
]

# Behind a password even the page list stays hidden; every page asks for the password itself.
st.navigation(PAGES, position="sidebar" if gate.passed() else "hidden").run()
