"""An optional password for a hosted instance (``OPBOUW_PASSWORD`` or the Streamlit secret of that name).

Without a password configured the app is open, as on a laptop. With one, every page asks for it
before showing anything, and removing a saved scenario asks for it again.

Guessing is slowed down twice: per browser session (after 3 wrong passwords) and per client address
(after 10, for someone who opens new sessions), each further attempt must wait twice as long as the
one before, up to a minute (:class:`opbouw.throttle.Throttle`). The counts are kept in this module,
shared by all sessions of the process on purpose: a session's own state is what a client can clear
(Streamlit's ``clear_cache`` message empties the sender's session state and every ``st.cache_*``).
"""

from __future__ import annotations

import hmac
import math
import secrets

import streamlit as st

from opbouw.text import md
from opbouw.throttle import Throttle

from .config import setting

SETTING = "OPBOUW_PASSWORD"
SESSIONS = Throttle(free=3, max_wait_s=60)
CLIENTS = Throttle(free=10, max_wait_s=60)


def configured_password() -> str | None:
    return setting(SETTING)


def matches(attempt: str) -> bool:
    password = configured_password()
    return password is None or hmac.compare_digest(attempt.encode(), password.encode())


def passed() -> bool:
    """Whether this session may see the app: no password configured, or it has been given."""
    return configured_password() is None or bool(st.session_state.get("gate_ok"))


def _keys() -> tuple[str, str]:
    """(this session, this client). Streamlit gives no address for a connection from this machine,
    which is how a reverse proxy on the same machine connects: then the proxy's ``X-Real-IP`` header
    names the visitor (the README's nginx configuration sets it), else every local visitor is one."""
    session = st.session_state.setdefault("gate_session", secrets.token_hex(8))
    address = st.context.ip_address
    if not isinstance(address, str):  # None from this machine (and no real address in a test run)
        forwarded = st.context.headers.get("X-Real-IP")
        address = f"proxy:{forwarded}" if isinstance(forwarded, str) and forwarded else "local"
    return session, address


def _seconds(wait: float) -> str:
    n = math.ceil(wait)
    return f"{n} seconde" if n == 1 else f"{n} seconden"


def check(attempt: str) -> str | None:
    """Check a password: None when it is right, else what to tell the user (wrong, or wait first).

    While a wait is running the attempt is not compared at all, so guessing faster gains nothing."""
    session, client = _keys()
    wait = max(SESSIONS.wait_s(session), CLIENTS.wait_s(client))
    if wait > 0:
        return f"Te veel onjuiste pogingen. Probeer het over {_seconds(wait)} opnieuw."
    if matches(attempt):
        SESSIONS.succeeded(session)
        CLIENTS.succeeded(client)
        return None
    SESSIONS.failed(session)
    CLIENTS.failed(client)
    wait = max(SESSIONS.wait_s(session), CLIENTS.wait_s(client))
    then = f" Wacht {_seconds(wait)} voor een nieuwe poging." if wait > 0 else ""
    return f"Dat wachtwoord klopt niet.{then}"


def require_password() -> None:
    """Stop the page until the session has given the password (when one is configured)."""
    if passed():
        return
    st.title("Opbouwwerk Zwolle")
    with st.form("gate"):
        attempt = st.text_input("Wachtwoord", type="password", key="gate_attempt")
        if st.form_submit_button("Open de app", type="primary"):
            problem = check(attempt)
            if problem is None:
                st.session_state.gate_ok = True
                st.rerun()
            st.error(md(problem))
    st.caption("Deze omgeving is afgeschermd. Vraag het wachtwoord aan wie u de link stuurde.")
    st.stop()
