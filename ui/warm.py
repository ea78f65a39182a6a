"""Work done once when the server starts, so that the first visitor after a restart does not wait for it.

A Streamlit script imports its modules and reads its data on its first run, that is, while the first
person to open a link after a restart waits. ``serve.py`` calls :func:`warm_up` from the server's
start-up hook (``st.App(lifespan=...)``) instead, before the server answers anyone: it imports what
the pages use, reads the built-in data into the shared caches, and makes the default view and its
charts (Altair checks its schema once per process). ``benchmarks/bench_browser.py`` measures the
first visit with and without it.

Nothing here may stop the server: a data file that cannot be read is logged and left to the pages,
which name the problem in Dutch.
"""

from __future__ import annotations

import logging
import time

LOG = logging.getLogger(__name__)


def warm_up() -> float:
    """Import, read and compute what a first page needs; returns the seconds it took."""
    started = time.perf_counter()
    # What the pages import (each page imports a subset of these).
    from opbouw.settings import LEVEL_LABELS, Settings

    from . import controls, data, gate, notices, page, path, results, scenarios, state, views  # noqa: F401

    try:
        defaults = Settings()
        folder = data.data_dir()
        for level in LEVEL_LABELS:
            data.areas(level, defaults.year, folder)
            data.shapes(level, folder)
        data.wijken(folder)
        data.sources(folder)
        views.charts(views.view_of(data.builtin_key(), data.areas("wijk", defaults.year, folder), defaults))
    except Exception:  # noqa: BLE001 - the pages report it to the user; the server must start regardless
        LOG.warning("Warming up the data failed; the pages will say why", exc_info=True)
    return time.perf_counter() - started
