"""An optional password for a hosted instance (``OPBOUW_PASSWORD`` or the Streamlit secret of that name).

Without a password configured the app is open, as on a laptop. With one, every page asks for it
before showing anything, and removing a saved scenario asks for it again.
"""

from __future__ import annotations

import hmac

import streamlit as st

from .config import setting

SETTING = "OPBOUW_PASSWORD"


def configured_password() -> str | None:
    return setting(SETTING)


def matches(attempt: str) -> bool:
    password = configured_password()
    return password is None or hmac.compare_digest(attempt.encode(), password.encode())


def passed() -> bool:
    """Whether this session may see the app: no password configured, or it has been given."""
    return configured_password() is None or bool(st.session_state.get("gate_ok"))


def require_password() -> None:
    """Stop the page until the session has given the password (when one is configured)."""
    if passed():
        return
    st.title("Opbouwwerk Zwolle")
    with st.form("gate"):
        attempt = st.text_input("Wachtwoord", type="password", key="gate_attempt")
        if st.form_submit_button("Open de app", type="primary"):
            if matches(attempt):
                st.session_state.gate_ok = True
                st.rerun()
            st.error("Dat wachtwoord klopt niet.")
    st.caption("Deze omgeving is afgeschermd. Vraag het wachtwoord aan wie u de link stuurde.")
    st.stop()
