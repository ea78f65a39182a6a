"""A server killed (SIGKILL) while people save scenarios loses no save it had confirmed.

Three browser sessions save scenarios at the same time against one ``streamlit run``; the test
writes down every save the page confirmed ("Bewaard als ..."), kills the server with SIGKILL in
the middle of a round of saves, restarts it on the same store, and checks that the store opens
cleanly and holds every confirmed save.
"""

from __future__ import annotations

import signal
import sqlite3

import pytest

from opbouw.store import ScenarioStore, sqlite_url
from tests.conftest import free_port, start_streamlit, stop, wait_healthy

pytestmark = pytest.mark.browser
SESSIONS = 3
ROUNDS = 4


def start_save(page, name: str) -> None:
    field = page.get_by_label("Naam")
    if not field.is_visible():
        page.get_by_text("Bewaar scenario").click()
    field.fill(name)
    page.get_by_role("button", name="Bewaar", exact=True).click()


def test_confirmed_saves_survive_a_killed_server(tmp_path, browser):
    store_path = tmp_path / "scenarios.sqlite3"
    env = {"OPBOUW_STORE_PATH": str(store_path)}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_streamlit(port, env)
    confirmed: list[str] = []
    try:
        wait_healthy(url)
        contexts = [browser.new_context(viewport={"width": 1300, "height": 900}) for _ in range(SESSIONS)]
        pages = [c.new_page() for c in contexts]
        for page in pages:
            page.goto(url)
            page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=60_000)
        for round_ in range(ROUNDS):
            names = [f"Sessie {s} save {round_}" for s in range(SESSIONS)]
            for page, name in zip(pages, names):
                start_save(page, name)  # all sessions save at once
            for page, name in zip(pages, names):
                page.get_by_text(f"Bewaard als '{name}'").wait_for(timeout=60_000)
                confirmed.append(name)
        # One more round, and the server dies while it is being saved.
        for s, page in enumerate(pages):
            start_save(page, f"Sessie {s} onderbroken")
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
        for context in contexts:
            context.close()
    finally:
        if server.poll() is None:
            server.kill()

    with sqlite3.connect(store_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restarted = start_streamlit(port, env)
    try:
        wait_healthy(url)
        names = {s.name for s in ScenarioStore(sqlite_url(store_path)).list()}
        assert set(confirmed) <= names, sorted(set(confirmed) - names)
        assert len(confirmed) == SESSIONS * ROUNDS
    finally:
        stop(restarted)
