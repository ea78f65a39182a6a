"""What every page does first: make sure Streamlit shows the page list app.py declares, name the page
in the browser tab, and ask for the password when one is configured."""

from __future__ import annotations

import streamlit as st

from opbouw.text import md

from . import gate, scenarios

try:  # Streamlit's own record of how the app declares its pages (see declared_navigation)
    from streamlit.runtime.pages_manager import PagesManager
except ImportError:  # pragma: no cover - another Streamlit version: nothing to correct
    PagesManager = None


def declared_navigation() -> None:
    """Rerun a page that Streamlit started as an old-style multipage app.

    Streamlit treats a folder called ``pages/`` as the old kind of multipage app (file names in the
    sidebar, app.py skipped) until the first ``st.navigation`` call in the process, which app.py makes.
    After a restart, a session that starts on a deep link (``/Vergelijken``, a shared ``?scenario=``
    link) before anyone opened the root page would get that: file names, an extra "app" entry, and the
    page list even behind a password. Telling Streamlit that app.py declares the pages, and running
    again, gives this session and every later one the declared navigation.
    """
    first_run = "page_started" not in st.session_state
    st.session_state.page_started = True
    if PagesManager is not None and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if first_run:  # only then: a later run may carry a click, which a rerun would drop
            st.rerun()


def start(title: str | None) -> None:
    """The top of every page: ``title`` in the browser tab (None: the app's name only)."""
    declared_navigation()
    name = "Opbouwwerk Zwolle"
    st.set_page_config(page_title=f"{title} · {name}" if title else name, page_icon="🏘️", layout="wide")
    gate.require_password()
    _, problem = scenarios.store()
    if problem:  # saving and opening saved scenarios does not work now; every page says so
        st.warning(md(problem))
