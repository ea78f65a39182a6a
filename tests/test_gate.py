"""The optional password of a hosted instance."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opbouw.settings import Settings
from tests.test_page_scenarios import the_store

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


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
    at = open_page("pages/3_Bewaarde_scenarios.py")
    at.text_input(key="gate_attempt").input("geheim")
    at.get("form_submit_button")[0].click().run()
    at.button(key="sv_remove").click().run()
    at.text_input(key="sv_password").input("fout")
    at.button(key="sv_remove_yes").click().run()
    assert [s.id for s in the_store().list()] == [saved.id], "a wrong password removes nothing"
    at.text_input(key="sv_password").input("geheim")
    at.button(key="sv_remove_yes").click().run()
    assert the_store().list() == []
