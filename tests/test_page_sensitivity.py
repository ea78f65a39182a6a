"""AppTest of the sensitivity page."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.shown import shown

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "2_Gevoeligheid.py")


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def test_renders_both_sweeps_for_the_default_scenario():
    at = run()
    assert not at.exception and not at.error
    assert len(at.get("vega_lite_chart")) == 2
    assert "8,00 fte, 50 % presentie-inzet" in at.caption[0].value


def test_follows_the_settings_in_the_link():
    at = run({"total_fte": "10.5", "level": "wijk", "presence_pct": "70"})
    assert not at.exception
    assert "10,50 fte, 70 % presentie-inzet, wijken (16)" in at.caption[0].value
    assert dict(at.query_params) == {"total_fte": "10.5", "level": "wijk", "presence_pct": "70"}


def test_a_tampered_link_still_opens():
    at = run({"total_fte": "-3", "level": "???"})
    assert not at.exception
    notice = shown(at.warning[0].value)
    assert "Niet alles in de link" in notice and "total_fte" in notice and "level" in notice
    assert "8,00 fte" in at.caption[0].value


def test_settings_survive_a_page_switch_and_back():
    app = str(Path(PAGE).parent.parent / "app.py")
    at = AppTest.from_file(app, default_timeout=60)
    at.session_state["ex_more"] = True  # 'Meer instellingen' open
    at.run()
    at.select_slider(key="total_fte").set_value(12.0)
    at.radio(key="level").set_value("wijk").run()
    at.switch_page("app_pages/2_Gevoeligheid.py").run()
    assert not at.exception
    assert "12,00 fte, 50 % presentie-inzet, wijken (16)" in at.caption[0].value
    at.switch_page("app_pages/1_Verkennen.py").run()
    assert not at.exception
    assert at.metric[0].value == "12,0 fte"
    assert at.radio(key="level").value == "wijk"
