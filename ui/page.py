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


# Every page is Dutch, but Streamlit's page template declares <html lang="en"> and offers no setting for
# it (streamlit/streamlit#15726), so screen readers would read Dutch with an English voice. A table too
# wide for the screen scrolls sideways inside its own box, which a keyboard can only reach when it can
# take focus (WCAG 2.1.1). This fixed script (no user text in it) does both, and again whenever the
# page changes.
SHELL_SCRIPT = """<script>
(() => {
  const fix = () => {
    document.documentElement.lang = "nl";
    document.querySelectorAll('[data-testid="stTable"] > div').forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Tabel (schuift opzij)");
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  };
  fix();
  // At most once per frame, however many elements a rerun changes.
  let queued = false;
  const soon = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => { queued = false; fix(); });
    }
  };
  if (!window.opbouwShell) {
    window.opbouwShell = new MutationObserver(soon);
    window.opbouwShell.observe(document.body, {childList: true, subtree: true});
    window.addEventListener("resize", soon);
  }
})();
</script>"""

# Layout rules for every page (Streamlit's own test ids and the app's own element keys only).
SHELL_CSS = """<style>
/* The per-area figures: names wrap instead of being cut off. */
.st-key-ex_area_figures [data-testid="stMetricLabel"] p,
.st-key-ex_area_figures [data-testid="stMetricLabel"] div {white-space: normal !important; overflow: visible;}
.st-key-ex_area_figures [data-testid="stMetricValue"] p {font-size: 1.8rem;}
.st-key-ex_area_figures [data-testid="stMetricDelta"] div {white-space: normal !important;}
/* The hint above a table that scrolls sideways, shown only where it does (narrow screens). */
.st-key-ex_area_table [data-testid="stCaptionContainer"] {display: none;}
@media (max-width: 900px) {.st-key-ex_area_table [data-testid="stCaptionContainer"] {display: block;}}
[data-testid="stTable"] > div:focus-visible {outline: 3px solid #0072B2; outline-offset: 2px;}
</style>"""


def shell() -> None:
    """The language, the keyboard reach of wide tables and the layout rules, once per page (app.py)."""
    st.html(SHELL_SCRIPT, unsafe_allow_javascript=True)
    st.html(SHELL_CSS)
