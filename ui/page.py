"""What every page does first: name the page in the browser tab, ask for the password when one is
configured, and say when saved scenarios cannot be used."""

from __future__ import annotations

import streamlit as st

from opbouw.text import md

from . import gate, scenarios


def start(title: str | None) -> None:
    """The top of every page: ``title`` in the browser tab (None: the app's name only)."""
    name = "Opbouwwerk Zwolle"
    st.set_page_config(page_title=f"{title} · {name}" if title else name, page_icon="🏘️", layout="wide")
    gate.require_password()
    _, problem = scenarios.store()
    if problem:  # saving and opening saved scenarios does not work now; every page says so
        st.warning(md(problem))
