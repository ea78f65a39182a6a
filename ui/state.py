"""The explorer's settings in the session and in the link, for every page.

On a session's first run the settings come from the link (``?total_fte=10.0&level=wijk``, or
``?scenario=<id>`` for a saved scenario); from then on the widgets hold them in
``st.session_state`` under their link parameter (:data:`opbouw.links.PARAMS`), and every run writes
them back, so the address bar always reproduces what is on screen.

The link is written here by hand, not by the widgets' ``bind="query-params"`` (Streamlit 1.67,
tried in headless Chromium; see the #15 note):

- a bound select widget writes its *label* to the link (``level=Wijken``, ``w_rented_homes=2%2C5``,
  ``total_fte=10%2C5+fte``), so every link in circulation would stop working and links would break
  whenever a label is reworded;
- a bound widget that is not drawn (the settings under 'Meer instellingen' while it is closed, every
  setting on the other pages) takes its parameter out of the address bar;
- ``st.query_params.from_dict`` removes bound parameters, and a bound parameter wins over the value a
  saved scenario (``?scenario=<id>``) puts in the session, so two writers would fight over one link;
- the binding accepts values this app's links reject (``presence_pct=42``, ``total_fte=-0``) and
  drops others silently, where a bad value must be named in Dutch.

Even the presence slider, whose link value would read the same, would take ``presence_pct=42`` without
a word and leave the link on every other page; binding that one alone would give the address bar two
writers with two rules.
"""

from __future__ import annotations

import json

import streamlit as st

from opbouw.compare import PARAM as COMPARE_PARAM
from opbouw.links import from_widget_values, parse_query, to_query, widget_values
from opbouw.settings import Settings
from opbouw.store import SavedScenario

from . import data, notices, scenarios

DEFAULTS = Settings()


def current() -> Settings:
    """The settings the widgets show now."""
    return from_widget_values({k: st.session_state[k] for k in widget_values(DEFAULTS)})


def show(settings: Settings) -> None:
    """Put these settings in the widgets (from a callback, or before the widgets are drawn)."""
    st.session_state.update(widget_values(settings))


def remember_saved(saved: SavedScenario) -> None:
    """Link to this saved scenario while its settings are on screen unchanged."""
    st.session_state.ex_saved = saved


def show_saved(saved: SavedScenario) -> None:
    """Show a saved scenario's settings (on the next run of the explorer) and link to it while unchanged."""
    remember_saved(saved)
    show(saved.settings)


def saved_on_screen(settings: Settings) -> SavedScenario | None:
    """The saved scenario whose settings are on screen unchanged, if any."""
    saved = st.session_state.get("ex_saved")
    return saved if saved is not None and saved.settings == settings else None


def last_saved() -> SavedScenario | None:
    """The saved scenario shown or saved last in this session, changed since or not."""
    return st.session_state.get("ex_saved")


def first_link() -> dict[str, str]:
    """The link this session opened with (its query parameters)."""
    return st.session_state.get("link_opened", {})


def _open_link() -> list[str]:
    """First run of a session: the settings come from the link (defaults where it says nothing).

    Returns, in Dutch, what in the link could not be used (only on that first run).
    """
    if "link_opened" in st.session_state:
        return []
    query = st.query_params.to_dict()
    st.session_state.link_opened = dict(query)
    query.pop(COMPARE_PARAM, None)  # for the compare page, not a setting
    problems: list[str] = []
    scenario_id = query.pop("scenario", None)
    saved = None
    if scenario_id is not None:
        saved, problem = scenarios.find(scenario_id)
        if saved is None:
            problems.append(f"{problem} De overige instellingen in de link zijn gebruikt.")
        elif query:
            problems.append("De link noemt ook losse instellingen; die zijn genegeerd voor het bewaarde scenario.")
    if saved is not None:
        remember_saved(saved)
        settings, more = saved.settings, list(saved.problems)
    else:
        settings, more = parse_query(query)
    for key, value in widget_values(settings).items():
        st.session_state.setdefault(key, value)
    return problems + more


def open_link() -> None:
    """Read the link on the session's first run (naming what could not be used), and show the badge
    of own figures when they are in use: the start of every page."""
    notices.link_problems(_open_link())
    data.own_data_badge()


def link_query(settings: Settings) -> dict[str, str]:
    """The link's parameters: ``scenario=<id>`` while a saved scenario is shown unchanged, else the settings."""
    saved = saved_on_screen(settings)
    return {"scenario": saved.id} if saved is not None else to_query(settings)


def write_link(settings: Settings) -> None:
    """The link always shows exactly these settings (defaults left out, anything else dropped)."""
    st.query_params.from_dict(link_query(settings))


def settings_from_link() -> Settings:
    """For pages without the controls: the explorer's settings (from the link on a first visit),
    with the same notice about a bad link, and the link kept in step."""
    open_link()
    settings = current()
    write_link(settings)
    return settings


def full_link(settings: Settings, extra: dict[str, str] | None = None) -> str:
    """The address that reproduces these settings (or the saved scenario on screen) on this page, with
    the page's own ``extra`` parameters."""
    query = "&".join(f"{k}={v}" for k, v in {**link_query(settings), **(extra or {})}.items())
    base = st.context.url.split("?")[0] if st.context.url else ""
    return f"{base}?{query}" if query else base


def copy_link(link: str, what_it_shows: str) -> None:
    """'Kopieer link': one click puts the full address on the clipboard and says so; 'Toon link' shows it,
    with what whoever opens it will see."""
    st.html(copy_button(link), width="content", unsafe_allow_javascript=True)
    with st.popover("Toon link"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(what_it_shows)


COPY_STYLE = (
    "font: inherit; font-size: 0.875rem; line-height: 1.6; min-height: 2.5rem; padding: 0.25rem 0.75rem; "
    "border: 1px solid rgba(17, 17, 17, 0.2); border-radius: 0.5rem; background: #fff; color: #111; cursor: pointer;"
)


def copy_button(link: str) -> str:
    """The HTML of the 'Kopieer link' button. Streamlit has no clipboard element; this is the app's own
    fixed script, and the link goes in only as a JSON string (``<`` escaped, so it cannot close the
    script). Where the browser refuses the clipboard (a page on plain http), it says how to copy by hand."""
    data = json.dumps(link).replace("<", "\\u003c")
    return f"""<span style="display:inline-flex;align-items:center;gap:0.6rem">
<button type="button" class="opbouw-copy" style="{COPY_STYLE}">Kopieer link</button>
<span class="opbouw-copied" role="status" aria-live="polite" style="color:#111"></span></span>
<script>
(() => {{
  const link = {data};
  const buttons = document.querySelectorAll("button.opbouw-copy:not([data-ready])");
  buttons.forEach((button) => {{
    button.dataset.ready = "1";
    const said = button.parentElement.querySelector(".opbouw-copied");
    button.addEventListener("click", async () => {{
      try {{
        await navigator.clipboard.writeText(link);
        said.textContent = "Link gekopieerd";
      }} catch (e) {{
        said.textContent = "Kopiëren lukt hier niet: kopieer de link onder 'Toon link'.";
      }}
    }});
  }});
}})();
</script>"""
