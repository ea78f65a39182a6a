"""AppTest: the compare page puts scenarios side by side and names what differs."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from opbouw.settings import Settings
from opbouw.store import ScenarioStore, sqlite_url
from tests.shown import shown
from tests.test_app import assert_clean, run_app

TIMEOUT = 60
PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "4_Vergelijken.py")


def run_page(choice: list[str] | None = None, **state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    if choice is not None:
        at.session_state["cmp_choice"] = choice
    return at.run()


def fte_table(at: AppTest):
    return at.table[0].value.set_index("Gebied")


def differing(at: AppTest) -> list[str]:
    """The settings in the 'Wat verschilt' table (none when the page says they are all the same)."""
    if any("dezelfde instellingen" in i.value for i in at.info):
        return []
    return list(at.table[-2].value["Instelling"])


def test_default_compares_todays_8_fte_with_the_current_settings():
    at = run_page()
    assert_clean(at)
    assert [m.label for m in at.metric] == ["8 fte (huidig)", "Huidige instellingen"]
    assert [m.value for m in at.metric] == ["8,0 fte", "8,0 fte"]
    assert len(at.get("vega_lite_chart")) == 1, "the diverging bar chart"
    assert len(at.get("deck_gl_json_chart")) == 1, "the diverging map"
    assert len(at.table) == 5, "fte, per 10,000 inhabitants, cost; the paths' costs per year; the settings shared"
    assert differing(at) == []


def test_the_paths_of_the_scenarios_side_by_side_with_their_costs_per_year():
    # From today's (assumed) 8 fte: 8 fte stays € 680.000 a year (€ 2.720.000 over 2027-2030); Travers'
    # 10 fte goes 8,5 / 9 / 9,5 / 10 fte: € 722.500 in 2027 and € 3.145.000 over the term.
    at = run_page(["preset:fte8", "preset:travers"])
    assert_clean(at)
    paths = at.table[3].value  # after the three tabs
    assert paths["Jaar"].tolist() == ["2027", "2028", "2029", "2030", "Totaal over de periode"]
    assert paths.iloc[0, 1:].tolist() == ["8,0 fte · € 680.000", "8,5 fte · € 722.500"]
    assert paths.iloc[-1, 1:].tolist() == ["€ 2.720.000", "€ 3.145.000"]


def test_travers_against_today_shows_the_extra_two_fte_and_what_differs():
    # Informatienota 2018: 10 fte instead of 8 costs EUR 170,000 a year more; two fte per stadsdeel.
    at = run_page(["preset:fte8", "preset:travers"])
    assert_clean(at)
    assert at.metric[1].value == "10,0 fte"
    assert at.metric[1].delta == "+2,0 fte, +€ 170.000 per jaar"
    fte = fte_table(at)
    travers = "10 fte (advies Travers)"
    assert set(fte[travers]) == {"2,0 fte"}
    assert fte.loc["West", f"{travers} − 8 fte (huidig)"] == "+0,1 fte"  # 8 fte gives West 1,9
    # and Midden 1,4 (marked: Marsweteringlanden's stadsdeel is an assumption)
    assert fte.loc["Midden\\*", f"{travers} − 8 fte (huidig)"] == "+0,6 fte"
    cost = at.table[2].value.set_index("Gebied")
    assert cost.loc["Midden\\*", f"{travers} − 8 fte (huidig)"] == "+€ 51.000"
    assert differing(at) == ["Totaal", "Presentie-inzet", "Vaste voet"]


def test_up_to_four_scenarios_and_the_map_picks_which_difference():
    at = run_page(["preset:fte8", "preset:fte6", "preset:travers", "preset:presence_only"])
    assert_clean(at)
    assert len(at.metric) == 4
    assert at.metric[1].delta == "\u22122,0 fte, \u2212€ 170.000 per jaar"
    assert at.multiselect(key="cmp_choice").max_selections == 4
    assert at.selectbox(key="cmp_map_other").options == [
        "6 fte (tot 2017)",
        "10 fte (advies Travers)",
        "Alleen presentie",
    ]
    at.selectbox(key="cmp_map_other").set_value("Alleen presentie").run()
    assert_clean(at)
    assert len(at.get("deck_gl_json_chart")) == 1


def test_one_scenario_asks_for_a_second():
    at = run_page(["current"])
    assert_clean(at)
    assert "ten minste twee" in at.info[0].value
    assert len(at.metric) == 0


def test_a_scenario_at_another_level_is_compared_in_totals_only():
    store = ScenarioStore(sqlite_url(Path(os.environ["OPBOUW_STORE_PATH"])))
    wijken = store.save("Wijken", "", Settings(level="wijk", total_fte=10.0))
    at = run_page(["preset:fte8", "current", f"saved:{wijken.id}"])
    assert_clean(at)
    assert "Bewaard: Wijken verdeelt over andere gebieden" in at.warning[0].value
    assert [m.value for m in at.metric] == ["8,0 fte", "8,0 fte", "10,0 fte"], "totals for all three"
    assert list(fte_table(at).columns) == [
        "8 fte (huidig)",
        "Huidige instellingen",
        "Huidige instellingen − 8 fte (huidig)",
    ]
    assert differing(at) == ["Niveau", "Totaal"]


def test_saved_scenarios_can_be_compared_and_their_names_stay_text():
    store = ScenarioStore(sqlite_url(Path(os.environ["OPBOUW_STORE_PATH"])))
    saved = store.save("Variant *A*", "", Settings(total_fte=9.0, presence_pct=70))
    at = run_page(["preset:fte8", f"saved:{saved.id}"])
    assert_clean(at)
    assert at.metric[1].label == "Bewaard: Variant \\*A\\*"
    assert at.metric[1].delta == "+1,0 fte, +€ 85.000 per jaar"
    assert differing(at) == ["Totaal", "Presentie-inzet"]


def test_the_compare_page_follows_the_settings_of_the_main_page():
    at = run_app()
    at.select_slider(key="total_fte").set_value(12.0).run()
    at.switch_page("app_pages/4_Vergelijken.py").run()
    assert_clean(at)
    assert [m.value for m in at.metric] == ["8,0 fte", "12,0 fte"]
    assert at.query_params["total_fte"] == "12.0", "the link still reproduces the settings"


def open_link(page: str, **query) -> AppTest:
    at = AppTest.from_file(page, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_a_link_to_the_compare_page_shows_the_same_comparison():
    at = open_link(PAGE, vergelijk="preset:fte8,preset:travers", total_fte="9.0")
    assert_clean(at)
    assert [m.label for m in at.metric] == ["8 fte (huidig)", "10 fte (advies Travers)"]
    assert at.query_params["vergelijk"] == "preset:fte8,preset:travers"
    assert at.query_params["total_fte"] == "9.0", "the settings stay in the link as well"
    at.multiselect(key="cmp_choice").select("current").run()
    assert at.query_params["vergelijk"] == "preset:fte8,preset:travers,current", "the link follows the choice"
    assert "vergelijk=preset:fte8,preset:travers,current" in at.get("code")[0].proto.code_text


def test_a_tampered_compare_link_says_what_was_left_out_and_shows_the_default():
    at = open_link(PAGE, vergelijk="preset:fte8,<script>,saved:weg")
    assert not at.exception
    text = shown(at.warning[0].value)
    assert "'<script>' in de link is geen scenario" in text
    assert "bewaarde scenario 'weg' uit de link bestaat niet meer" in text
    assert "standaardvergelijking" in text
    assert [m.label for m in at.metric] == ["8 fte (huidig)", "Huidige instellingen"]


def test_the_compare_choice_in_a_link_is_not_a_bad_setting_on_the_main_page():
    at = open_link(str(Path(PAGE).parent.parent / "app.py"), vergelijk="preset:fte8,current")
    assert_clean(at)
    assert at.metric[0].value == "8,0 fte"
    assert not [w.value for w in at.warning if "vergelijk" in w.value or "link" in w.value]
