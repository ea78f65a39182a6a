"""The optional password of a hosted instance."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opbouw.settings import Settings
from opbouw.throttle import Throttle
from tests.conftest import serving
from tests.test_page_scenarios import the_store
from ui import gate

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py"))]


def open_page(page: str, password: str | None = "geheim") -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    if password:
        at.secrets["OPBOUW_PASSWORD"] = password
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_with_a_password_every_page_shows_nothing_before_it_is_given(page):
    at = open_page(page)
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Wachtwoord"]
    assert len(at.metric) == 0 and len(at.table) == 0 and len(at.get("deck_gl_json_chart")) == 0


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_app():
    at = open_page("app.py")
    at.text_input(key="gate_attempt").input("fout")
    at.get("form_submit_button")[0].click().run()
    assert "klopt niet" in at.error[0].value and len(at.metric) == 0
    at.text_input(key="gate_attempt").input("geheim")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert at.metric[0].value == "8,0 fte"


def test_without_a_password_the_app_is_open():
    at = open_page("app.py", password=None)
    assert at.metric[0].value == "8,0 fte"
    assert not [t for t in at.text_input if t.label == "Wachtwoord"]


def test_removing_a_saved_scenario_asks_for_the_password_again():
    saved = the_store().save("Variant A", "", Settings())
    at = open_page("app_pages/3_Bewaarde_scenarios.py")
    at.text_input(key="gate_attempt").input("geheim")
    at.get("form_submit_button")[0].click().run()
    at.button(key="sv_remove").click().run()
    at.text_input(key="sv_password").input("fout")
    at.button(key="sv_remove_yes").click().run()
    assert [s.id for s in the_store().list()] == [saved.id], "a wrong password removes nothing"
    at.text_input(key="sv_password").input("geheim")
    at.button(key="sv_remove_yes").click().run()
    assert the_store().list() == []


def try_password(at: AppTest, attempt: str) -> str | None:
    at.text_input(key="gate_attempt").input(attempt)
    at.get("form_submit_button")[0].click().run()
    return at.error[0].value if at.error else None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(gate, "SESSIONS", Throttle(free=3, max_wait_s=60, clock=clock))
    monkeypatch.setattr(gate, "CLIENTS", Throttle(free=10, max_wait_s=60, clock=clock))
    return clock


def test_after_three_wrong_passwords_each_next_attempt_waits_twice_as_long(clock):
    at = open_page("app.py")
    for _ in range(3):
        assert try_password(at, "fout") == "Dat wachtwoord klopt niet."
    assert try_password(at, "fout") == "Dat wachtwoord klopt niet. Wacht 1 seconde voor een nieuwe poging."
    # Even the right password is not looked at while the wait runs: guessing faster gains nothing.
    assert "Probeer het over 1 seconde opnieuw" in try_password(at, "geheim")
    assert len(at.metric) == 0
    clock.now += 1
    assert try_password(at, "fout").endswith("Wacht 2 seconden voor een nieuwe poging.")
    clock.now += 2
    assert try_password(at, "geheim") is None
    assert at.metric[0].value == "8,0 fte"


def test_new_sessions_from_one_address_do_not_start_guessing_afresh(clock):
    for _ in range(11):  # a client that opens a new session for every guess
        assert "klopt niet" in try_password(open_page("app.py"), "fout")
    fresh = open_page("app.py")
    assert "Te veel onjuiste pogingen" in try_password(fresh, "geheim")
    clock.now += 60
    assert try_password(fresh, "geheim") is None


def test_the_wait_grows_to_a_minute_at_most_and_a_right_password_clears_it():
    t = Throttle(free=3, max_wait_s=60, clock=Clock())
    assert [t.delay_after(n) for n in (0, 3, 4, 5, 6, 9, 10, 50)] == [0, 0, 1, 2, 4, 32, 60, 60]
    for _ in range(8):
        t.failed("a")
    assert t.wait_s("a") == 16 and t.wait_s("b") == 0
    t.succeeded("a")
    assert t.wait_s("a") == 0


def test_a_cleared_cache_costs_a_recompute_never_state(clock):
    """Streamlit lets any client ask to clear every st.cache_* (its 'clear_cache' message, also sent before
    the password); another user's session keeps its own figures, its saved scenario and its page, and
    the count of wrong passwords survives."""
    import streamlit as st

    from opbouw.upload import apply_upload
    from tests.hostile_uploads import CSV, SHAPES

    own, problems, _ = apply_upload(
        None,
        ("eigen.csv", CSV.replace("Holtenbroek", "Holtenbroek-Noord").encode()),
        None,
        {f["properties"]["code"] for f in SHAPES["features"]},
    )
    assert not problems
    saved = the_store().save("Variant A", "", Settings(total_fte=10.0))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["own_data"] = own
    at.session_state["level"] = "wijk"
    at.query_params["scenario"] = saved.id
    at.run()
    before = ([m.value for m in at.metric], at.table[0].value.to_dict())
    guesser = open_page("app.py")
    for _ in range(4):
        try_password(guesser, "fout")
    st.cache_data.clear()
    st.cache_resource.clear()
    at.run()
    assert ([m.value for m in at.metric], at.table[0].value.to_dict()) == before
    assert any("Holtenbroek-Noord" in str(v) for v in at.table[0].value.iloc[:, 0])
    assert any("Variant A" in c.value for c in at.caption), "the saved scenario still opens from the store"
    assert "Probeer het over" in try_password(guesser, "geheim"), "the wait is not in a cache"


def websocket_status(port: int, host: str) -> bytes:
    import base64
    import os
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n".encode()
        )
        return s.recv(100).split(b"\r\n")[0]


def test_the_app_answers_only_its_own_host_names():
    """server.allowedHosts: a page served under a foreign name (DNS rebinding) cannot open the app."""
    with serving({}) as url:
        port = int(url.rsplit(":", 1)[1])
        assert b" 101 " in websocket_status(port, f"127.0.0.1:{port}")
        assert b" 101 " in websocket_status(port, f"localhost:{port}")
        assert b" 403 " in websocket_status(port, f"rebind.example:{port}")
