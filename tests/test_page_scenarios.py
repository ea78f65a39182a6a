"""AppTest: saving a scenario, opening it by link, using it as a baseline, and the saved-scenarios page.

Each test has its own empty store (conftest's ``own_scenario_store``).
"""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from opbouw.settings import Settings
from opbouw.store import ScenarioStore, sqlite_url
from tests.shown import shown
from tests.test_app import assert_clean, metrics, run_app, run_link, table

TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent
SAVED_PAGE = str(ROOT / "app_pages" / "3_Bewaarde_scenarios.py")
COMPARE_PAGE = str(ROOT / "app_pages" / "4_Vergelijken.py")


def the_store() -> ScenarioStore:
    return ScenarioStore(sqlite_url(Path(os.environ["OPBOUW_STORE_PATH"])))


def save(at: AppTest, name: str, note: str = "") -> AppTest:
    if not at.session_state["ex_save_open"]:
        at.session_state["ex_save_open"] = True  # the user opens 'Bewaar scenario'
        at.run()
    at.text_input[0].input(name)
    at.text_area[0].input(note)
    at.get("form_submit_button")[0].click()
    return at.run()


def test_saving_stores_the_settings_and_the_link_becomes_the_scenario():
    at = run_app()
    at.select_slider(key="total_fte").set_value(10.0)
    at.slider(key="presence_pct").set_value(60).run()
    shown = table(at)
    save(at, "Variant A", "Meer presentie")
    assert_clean(at)
    [saved] = the_store().list()
    assert (saved.name, saved.version, saved.note) == ("Variant A", 1, "Meer presentie")
    assert saved.settings == Settings(total_fte=10.0, presence_pct=60)
    assert dict(at.query_params) == {"scenario": saved.id}
    assert "Bewaard als 'Variant A'" in at.success[0].value
    assert saved.id in at.success[0].value
    assert table(at).equals(shown), "saving changes no number"


def test_saving_again_under_the_same_name_makes_version_two():
    at = run_app()
    save(at, "Variant A")
    at.select_slider(key="total_fte").set_value(9.0).run()
    save(at, "Variant A")
    assert_clean(at)
    versions = sorted((s.version, s.settings.total_fte) for s in the_store().list())
    assert versions == [(1, 8.0), (2, 9.0)]
    assert "Variant A (versie 2)" in at.success[0].value


def test_a_nameless_save_is_refused_in_dutch_and_stores_nothing():
    at = run_app()
    save(at, "   ")
    assert not at.exception
    assert any("Geef het scenario een naam" in e.value for e in at.error)
    assert the_store().list() == []
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte", "the page still works"


def test_a_scenario_link_opens_the_same_numbers_in_a_fresh_session():
    at = run_app()
    at.select_slider(key="total_fte").set_value(11.5)
    at.radio(key="level").set_value("wijk")
    at.select_slider(key="w_income").set_value(0.0).run()
    expected = table(at)
    save(at, "Wijkvariant", "inkomen telt niet mee")
    scenario_id = the_store().list()[0].id

    fresh = run_link({"scenario": scenario_id})
    assert_clean(fresh)
    assert table(fresh).equals(expected)
    assert dict(fresh.query_params) == {"scenario": scenario_id}
    assert any(
        "Bewaard scenario 'Wijkvariant'" in c.value and "inkomen telt niet mee" in c.value for c in fresh.caption
    )
    # Moving a slider leaves the saved scenario: the link then carries the settings themselves.
    fresh.select_slider(key="total_fte").set_value(12.0).run()
    assert fresh.query_params["total_fte"] == "12.0" and "scenario" not in fresh.query_params
    assert any("Gewijzigd ten opzichte van het bewaarde scenario 'Wijkvariant'" in c.value for c in fresh.caption)


def test_an_unknown_or_removed_scenario_link_opens_with_a_dutch_notice():
    store = the_store()
    gone = store.save("Weg", "", Settings(total_fte=12.0))
    store.remove(gone.id)
    for query, says in (
        ({"scenario": "zzzzzzzz"}, "Er is geen bewaard scenario met de code"),
        ({"scenario": "'; DROP TABLE x"}, "Er is geen bewaard scenario met de code"),
        ({"scenario": gone.id, "total_fte": "9.0"}, "is verwijderd"),
    ):
        at = run_link(query)
        assert_clean(at)
        assert says in at.warning[0].value
    assert metrics(at)["Totaal opbouwwerk"] == "9,0 fte", "the rest of the link is used"


def test_a_saved_scenario_can_be_the_baseline_of_the_headline():
    saved = the_store().save("Variant B", "", Settings(total_fte=11.0))
    at = run_app()
    at.selectbox(key="baseline").set_value(f"scenario-{saved.id}").run()
    assert_clean(at)
    assert at.metric[0].delta == "\u22123,0 fte t.o.v. 'Variant B' (11,0 fte)"
    assert dict(at.query_params) == {"baseline": f"scenario-{saved.id}"}
    # The same baseline through a link in a fresh session
    fresh = run_link({"baseline": f"scenario-{saved.id}"})
    assert fresh.metric[0].delta == at.metric[0].delta


def test_a_corrupt_store_keeps_the_explorer_working_and_says_why_saving_fails():
    Path(os.environ["OPBOUW_STORE_PATH"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["OPBOUW_STORE_PATH"]).write_bytes(b"kapot" * 200)
    at = run_app()
    assert not at.exception
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"
    assert any("beschadigd" in w.value for w in at.warning), "the explorer says so before anyone tries to save"
    save(at, "Variant A")
    assert any("beschadigd" in e.value for e in at.error)
    for page_file in (SAVED_PAGE, COMPARE_PAGE):
        page = AppTest.from_file(page_file, default_timeout=TIMEOUT).run()
        assert not page.exception
        assert any("beschadigd" in w.value for w in page.warning), page_file
    folder = str(Path(os.environ["OPBOUW_STORE_PATH"]).parent)
    shown_text = [e.value for e in [*at.error, *at.warning, *page.warning, *page.info]]
    assert not [t for t in shown_text if folder in t or "sqlite3" in t], "no server path in what visitors read"
    assert Path(os.environ["OPBOUW_STORE_PATH"]).read_bytes() == b"kapot" * 200, "nothing is overwritten"


def test_a_compare_link_to_a_saved_scenario_in_an_unreadable_store_says_the_store_is_the_problem():
    store = the_store()
    kept = store.save("Variant A", "", Settings(total_fte=10.0))
    store.engine.dispose()  # the last connection closes: SQLite moves its write-ahead log into the file
    Path(os.environ["OPBOUW_STORE_PATH"]).write_bytes(b"kapot" * 200)  # then the file breaks
    at = AppTest.from_file(COMPARE_PAGE, default_timeout=TIMEOUT)
    at.query_params["vergelijk"] = f"preset:fte8,saved:{kept.id}"
    at.run()
    assert not at.exception
    notices = " ".join(shown(w.value) for w in at.warning)
    assert "opslag is niet leesbaar" in notices
    assert "bestaat niet meer" not in notices


# --- The saved-scenarios page -----------------------------------------------------------------


def test_saved_page_without_scenarios_says_how_to_save():
    at = AppTest.from_file(SAVED_PAGE, default_timeout=TIMEOUT).run()
    assert_clean(at)
    assert any("Nog niets bewaard" in m.value for m in at.markdown)


def test_saved_page_lists_newest_first_and_shows_names_as_text():
    store = the_store()
    store.save("Variant A", "", Settings(total_fte=10.0))
    store.save("<b>Variant</b> **B**", "regel 1\nregel 2", Settings(total_fte=12.0, level="wijk"))
    at = AppTest.from_file(SAVED_PAGE, default_timeout=TIMEOUT).run()
    assert_clean(at)
    frame = at.dataframe[0].value
    assert list(frame["Naam"]) == ["<b>Variant</b> **B**", "Variant A"]
    assert list(frame["Totaal"]) == ["12,00 fte", "10,00 fte"]
    assert list(frame["Niveau"]) == ["Wijken (16)", "Stadsdelen (5)"]
    assert at.text[0].value == "regel 1\nregel 2", "a note is shown as plain text"


def test_saved_page_opens_a_scenario_on_the_main_page():
    saved = the_store().save("Variant A", "", Settings(total_fte=12.0, presence_pct=70))
    at = run_app()
    at.switch_page("app_pages/3_Bewaarde_scenarios.py").run()
    at.button(key="sv_open").click().run()
    assert_clean(at)
    assert at.session_state["total_fte"] == 12.0 and at.session_state["presence_pct"] == 70
    assert metrics(at)["Totaal opbouwwerk"] == "12,0 fte", "the main page shows it"
    assert dict(at.query_params) == {"scenario": saved.id}


def test_saved_page_removes_a_scenario_after_confirmation():
    store = the_store()
    keep = store.save("Blijft", "", Settings())
    gone = store.save("Weg", "", Settings(total_fte=9.0))
    at = AppTest.from_file(SAVED_PAGE, default_timeout=TIMEOUT).run()
    at.selectbox(key="sv_choice").set_value(gone.id).run()
    at.button(key="sv_remove").click().run()
    assert [s.id for s in the_store().list()] == [gone.id, keep.id], "nothing is removed before 'Ja'"
    at.button(key="sv_remove_no").click().run()
    assert [s.id for s in the_store().list()] == [gone.id, keep.id], "'Nee' keeps it"
    assert "sv_remove_yes" not in [b.key for b in at.button], "the question is gone"
    at.button(key="sv_remove").click().run()
    at.button(key="sv_remove_yes").click().run()
    assert_clean(at)
    assert [s.id for s in the_store().list()] == [keep.id]
    assert list(at.dataframe[0].value["Naam"]) == ["Blijft"]


def test_saved_page_shows_the_link_and_compares_with_the_current_settings():
    saved = the_store().save("Variant A", "", Settings(total_fte=10.0))
    at = run_app()
    at.switch_page("app_pages/3_Bewaarde_scenarios.py").run()
    assert at.code[0].value.endswith(f"?scenario={saved.id}")
    at.button(key="sv_compare").click().run()
    assert_clean(at)
    assert [m.label for m in at.metric] == ["Huidige instellingen", "Bewaard: Variant A"]
    assert at.metric[1].delta == "+2,0 fte, +€ 170.000 per jaar"


def test_the_store_path_can_come_from_streamlit_secrets(tmp_path, monkeypatch):
    monkeypatch.delenv("OPBOUW_STORE_PATH")
    path = tmp_path / "uit-secrets" / "scenarios.sqlite3"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["OPBOUW_STORE_PATH"] = str(path)
    at.run()
    save(at, "Via secrets")
    assert_clean(at)
    assert [s.name for s in ScenarioStore(sqlite_url(path)).list()] == ["Via secrets"]


def test_a_note_over_the_limit_is_refused_in_dutch_and_stays_in_its_field():
    # Issue 18: a pasted 2,492-character note left the field empty and the save reported success.
    at = run_app()
    long_note = "Waarom deze variant. " * 119  # 2,499 characters, 2,498 without the last space
    save(at, "Variant lang", long_note)
    assert the_store().list() == [], "nothing is saved"
    assert not at.success
    assert [e.value for e in at.error] == ["De toelichting is te lang: 2.498 tekens, hooguit 1.000."]
    assert at.text_area(key="ex_save_note").value == long_note, "what was typed is not lost"
    assert at.text_input(key="ex_save_name").value == "Variant lang"
    at.text_area(key="ex_save_note").input(long_note[:1000])
    at.get("form_submit_button")[0].click()
    at.run()
    [saved] = the_store().list()
    assert saved.note == long_note[:1000].strip() and "Bewaard als 'Variant lang'" in at.success[0].value
    assert at.text_area(key="ex_save_note").value == "", "a saved form starts empty again"
