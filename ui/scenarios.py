"""Saved scenarios in the app: the shared store, saving, opening by link, and as a baseline."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from babel.dates import format_datetime

from opbouw import format as fmt
from opbouw.settings import SAVED_BASELINE_PREFIX, Settings, saved_baseline_id
from opbouw.store import NAME_MAX_CHARS, NOTE_MAX_CHARS, SavedScenario, ScenarioStore, StoreError, store_url_from
from opbouw.text import echo, md

from .config import setting

APP_ROOT = Path(__file__).resolve().parent.parent
TIMEZONE = "Europe/Amsterdam"
_SECRET_KEYS = ("OPBOUW_STORE_URL", "OPBOUW_STORE_PATH")


def _configuration() -> dict[str, str]:
    """The store settings that are set (environment or Streamlit secrets, for a hosted app)."""
    return {key: value for key in _SECRET_KEYS if (value := setting(key))}


@st.cache_resource(show_spinner=False)
def _open(url: str) -> ScenarioStore:
    # One store (a pool of connections) for all sessions; a failure is not cached, so it is retried.
    return ScenarioStore(url)


def store() -> tuple[ScenarioStore | None, str | None]:
    """The store, or None and a Dutch message saying why not (the rest of the app keeps working)."""
    try:
        return _open(store_url_from(_configuration(), APP_ROOT)), None
    except StoreError as exc:
        return None, str(exc)


def when(saved: SavedScenario) -> str:
    """'22 nov 2026 om 11:02' in Dutch time."""
    return format_datetime(saved.created_at, "d MMM y 'om' HH:mm", tzinfo=TIMEZONE, locale="nl_NL")


def link(saved: SavedScenario) -> str:
    """The full link to a saved scenario: the app's address with ``?scenario=<id>``."""
    url = (st.context.url or "").split("?")[0]
    root = url.rsplit("/", 1)[0] + "/" if url else ""
    return f"{root}?scenario={saved.id}"


def find(scenario_id: str) -> tuple[SavedScenario | None, str | None]:
    """A saved scenario by id, or None and what to tell the user."""
    shown = echo(scenario_id, 20)
    active, problem = store()
    if active is None:
        return None, problem
    try:
        saved = active.get(scenario_id)
    except StoreError as exc:
        return None, str(exc)
    if saved is None:
        return None, f"Er is geen bewaard scenario met de code '{shown}'."
    if saved.removed_at is not None:
        return None, f"Het bewaarde scenario '{saved.label}' is verwijderd."
    return saved, None


def saved_scenarios() -> tuple[list[SavedScenario], str | None]:
    """The saved scenarios (newest first), and None or, when the store cannot be opened or read, why."""
    active, problem = store()
    if active is None:
        return [], problem
    try:
        return active.list(), None
    except StoreError as exc:
        return [], str(exc)


def saved_list() -> list[SavedScenario]:
    """The saved scenarios, or none when the store cannot be read (``page.start`` says so on every page)."""
    return saved_scenarios()[0]


def baseline_of(settings: Settings) -> tuple[float, str] | None:
    """(FTE, label) of a saved scenario that is the baseline, or None when it is not one or cannot be found."""
    scenario_id = saved_baseline_id(settings.baseline)
    if scenario_id is None:
        return None
    saved, _ = find(scenario_id)
    if saved is None:
        return None
    return saved.settings.total_fte, f"'{saved.label}' ({fmt.fte(saved.settings.total_fte)})"


def baseline_key(saved: SavedScenario) -> str:
    return f"{SAVED_BASELINE_PREFIX}{saved.id}"


def _save(settings: Settings) -> None:
    """'Bewaar' (a callback, before the page is drawn): save, and empty the fields once saved. When saving
    fails the fields keep what was typed, so nothing is lost, and the reason is shown."""
    active, problem = store()
    if active is None:
        st.session_state.ex_save_result = ("error", problem)
        return
    try:
        saved = active.save(st.session_state.ex_save_name, st.session_state.ex_save_note, settings)
    except StoreError as exc:
        st.session_state.ex_save_result = ("error", str(exc))
        return
    st.session_state.ex_save_name = st.session_state.ex_save_note = ""
    st.session_state.ex_save_result = ("ok", saved)


def save_form(settings: Settings) -> SavedScenario | None:
    """'Bewaar scenario': name and note in a popover; returns what was saved on the run it was saved.

    The fields have no ``max_chars``: a browser cuts a pasted text at such a limit, or drops it, without a
    word. The store checks the length and a text that is too long stays in its field with the reason."""
    # The form is made only while the popover is open (a slider move does not resend it).
    popover = st.popover("Bewaar scenario", key="ex_save_open", on_change="rerun")
    result = st.session_state.pop("ex_save_result", None)
    saved = result[1] if result is not None and result[0] == "ok" else None
    if not popover.open:
        return saved
    with popover:
        with st.form("ex_save", border=False):
            st.text_input(
                f"Naam (hooguit {fmt.integer(NAME_MAX_CHARS)} tekens)",
                key="ex_save_name",
                placeholder="bijvoorbeeld: Variant A, 10 fte, 60 % presentie",
            )
            st.text_area(
                f"Toelichting (mag leeg blijven; hooguit {fmt.integer(NOTE_MAX_CHARS)} tekens)",
                key="ex_save_note",
                height=90,
            )
            st.form_submit_button("Bewaar", type="primary", on_click=_save, args=(settings,))
            st.caption(
                "Een bewaard scenario verandert niet meer: opnieuw bewaren onder dezelfde naam maakt een nieuwe versie."
            )
        if result is not None and result[0] == "error":
            st.error(md(result[1]))
    return saved
