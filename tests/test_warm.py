"""The server's warm-up (serve.py, ui/warm.py): the first visitor after a restart finds the work done, and
no data problem stops the server from starting.

``benchmarks/bench_browser.py`` measures what the warm-up saves the first visitor; these tests check
that it does the work it claims and never breaks a start."""

from __future__ import annotations

import logging
import urllib.request

import pytest

from opbouw.settings import Settings
from tests.conftest import ARTIFACTS, free_port, start_streamlit, stop, wait_healthy
from ui import data, views, warm


@pytest.fixture
def cold_caches():
    """Every shared cache empty, as in a server that has just started."""
    views.forget()
    for loader in (data.areas, data.shapes, data.wijken, data.sources):
        loader.clear()
    yield
    views.forget()


def test_warm_up_makes_the_default_view_before_anyone_asks(cold_caches, monkeypatch):
    warm.warm_up()
    built, charted = [], []
    monkeypatch.setattr(views, "build", lambda *a: built.append(a))
    monkeypatch.setattr(views, "per_10k_vs_need", lambda *a: charted.append(a))
    defaults = Settings()
    shown = views.view_of(data.builtin_key(), data.areas("wijk", defaults.year, data.data_dir()), defaults)
    views.charts(shown)
    assert shown.result.table["fte"].sum() == pytest.approx(defaults.total_fte)
    assert built == [] and charted == []  # both came from the cache the warm-up filled


def test_without_a_warm_up_the_first_visitor_makes_the_view(cold_caches, monkeypatch):
    # The counterpart of the test above: the same calls do the work when nothing was warmed up.
    built = []
    real = views.build
    monkeypatch.setattr(views, "build", lambda *a: built.append(a) or real(*a))
    defaults = Settings()
    views.view_of(data.builtin_key(), data.areas("wijk", defaults.year, data.data_dir()), defaults)
    assert len(built) == 1


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_missing_data_is_logged_and_left_to_the_pages(cold_caches, monkeypatch, tmp_path):
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))  # an empty folder: no data file at all
    lines = Lines()
    warm.LOG.addHandler(lines)
    try:
        warm.warm_up()  # does not raise
    finally:
        warm.LOG.removeHandler(lines)
    assert lines.lines == ["Warming up the data failed; the pages will say why"]


def test_the_server_starts_and_serves_with_its_data_missing(tmp_path):
    port = free_port()
    proc = start_streamlit(port, {"OPBOUW_DATA_DIR": str(tmp_path), "OPBOUW_STORE_PATH": str(tmp_path / "s.db")})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        with urllib.request.urlopen(url + "/", timeout=10) as response:
            assert response.status == 200
    finally:
        stop(proc)
    assert "Warming up the data failed; the pages will say why" in (ARTIFACTS / f"streamlit-{port}.log").read_text()
