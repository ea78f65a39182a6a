"""AppTest: the Ingroeipad page (issue 17): today's deployment, the path 2027-2030 and its yearly costs."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opbouw.links import parse_query, to_query
from tests.test_app import assert_clean

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "7_Ingroeipad.py")


def open_page(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def enter(at: AppTest, row: int, fte: float | str) -> AppTest:
    """Type ``fte`` in row ``row`` of today's deployment (the table's own edit state) and apply it; a
    number is typed the Dutch way ("1,2")."""
    if not isinstance(fte, str):
        fte = str(fte).replace(".", ",")
    at.session_state["ip_editor"] = {
        "edited_rows": {row: {"Huidige inzet (fte)": fte}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    return at.button(key="ip_apply").click().run()


def tables(at: AppTest):
    return [t.value for t in at.table]


def test_by_default_today_is_the_assumption_and_the_path_goes_in_equal_steps():
    # Today: 8 fte by population per stadsdeel (an assumption, said so); the target 10 fte at 50 %
    # presentie; totals 8,5 / 9 / 9,5 / 10 in 2027-2030; at € 85.000 (prijspeil 2018, no indexation)
    # that costs € 722.500 ... € 850.000, € 3.145.000 over the term, € 425.000 more than today's 8 fte.
    at = open_page(total_fte="10.0")
    assert_clean(at)
    assert any("Aanname: de huidige 8 fte verdeeld naar inwonertal per stadsdeel" in i.value for i in at.info)
    per_area, costs = tables(at)[-2:]
    assert list(per_area.columns) == ["Gebied", "Nu", "2027", "2028", "2029", "2030", "Doel"]
    assert list(per_area["Gebied"]) == ["Midden", "Noord", "Oost", "West", "Zuid"]
    assert (per_area["2030"] == per_area["Doel"]).all()
    assert costs["Totaal fte"].tolist() == ["8,5 fte", "9,0 fte", "9,5 fte", "10,0 fte", ""]
    assert costs["Kosten"].tolist() == ["€ 722.500", "€ 765.000", "€ 807.500", "€ 850.000", "€ 3.145.000"]
    assert costs["Verschil met de huidige inzet"].iloc[-1] == "+€ 425.000"


def test_todays_deployment_from_a_link_with_a_cap_of_0_3_and_hold_harmless():
    at = open_page(total_fte="10.0", current="stadsdeel:1.2,2,1.4,1.8,1.6", path_cap="0.3", path_hold="true")
    assert_clean(at)
    assert not any("Aanname" in i.value for i in at.info)
    per_area = tables(at)[-2]
    assert per_area.set_index("Gebied")["Nu"].tolist() == ["1,2 fte", "2,0 fte", "1,4 fte", "1,8 fte", "1,6 fte"]
    # Hold-harmless: nobody below today in any year (the total only grows).
    for year in ["2027", "2028", "2029", "2030"]:
        now = per_area["Nu"].str.replace(" fte", "").str.replace(",", ".").astype(float)
        then = per_area[year].str.replace(" fte", "").str.replace(",", ".").astype(float)
        assert (then >= now - 1e-9).all(), year
    assert at.number_input(key="path_cap").value == 0.3 and at.toggle(key="path_hold").value is True


def test_a_deployment_that_does_not_fit_the_areas_falls_back_and_says_so():
    at = open_page(current="wijk:1,2,3")
    assert_clean(at)
    assert any("noemt 3 gebieden, maar er zijn 16 wijken" in w.value for w in at.warning)
    assert any("Aanname" in i.value for i in at.info)


def test_typed_totals_are_used_and_a_bad_text_is_refused_in_dutch():
    at = open_page(total_fte="10.0")
    at.text_input(key="ip_totals").set_value("8; 8; 9; 10").run()
    assert_clean(at)
    assert tables(at)[-1]["Totaal fte"].tolist()[:4] == ["8,0 fte", "8,0 fte", "9,0 fte", "10,0 fte"]
    at.text_input(key="ip_totals").set_value("acht").run()
    assert any("geen rij totalen" in e.value for e in at.error)
    assert tables(at)[-1]["Totaal fte"].tolist()[:4] == ["8,0 fte", "8,0 fte", "9,0 fte", "10,0 fte"], "unchanged"


def test_a_cap_that_cannot_reach_the_target_names_the_areas_and_what_would():
    at = open_page(total_fte="8.0", current="stadsdeel:3,1,1,2,1", path_cap="0.1", path_hold="false")
    assert_clean(at)
    text = " ".join(w.value for w in at.warning)
    assert "In 2030 is het doel niet bereikt: Midden" in text
    assert "Het doel wordt wel gehaald met een grens van" in text


def test_a_last_year_before_the_first_is_said():
    at = open_page()
    at.number_input(key="path_to").set_value(2026).run()
    assert any("Het laatste jaar ligt vóór het eerste" in e.value for e in at.error)


def test_the_path_travels_in_a_link_exactly():
    # (A saved scenario keeps them too: tests/test_store.py's VARIANT has a deployment and a path.)
    query = {
        "total_fte": "10.0",
        "current": "stadsdeel:1.2,2,1.4,1.8,1.6",
        "path_to": "2031",
        "path_cap": "0.3",
        "path_hold": "false",
        "path_totals": "8.5,9,9.5,10,10",
    }
    settings, problems = parse_query(query)
    assert problems == [] and to_query(settings) == query
    assert (settings.path_from, settings.path_to, settings.path_cap, settings.path_hold) == (2027, 2031, 0.3, False)


def test_todays_deployment_entered_in_the_table_with_a_cap_of_0_3_and_hold_harmless():
    # As tests/test_browser.py does in Chromium: Midden 1,4 -> 1,2 fte today, so 7,8 fte; to 10 fte in
    # 2027-2030 the totals are 8,4 / 8,9 / 9,5 / 10,0: € 714.000 ... € 850.000, € 3.128.000 over the term.
    at = enter(open_page(total_fte="10.0"), 0, 1.2)
    at.number_input(key="path_cap").set_value(0.3).run()
    assert_clean(at)
    assert at.session_state["current"] == "stadsdeel:1.2,1.8,1,2,1.8"
    assert at.toggle(key="path_hold").value is True
    costs = tables(at)[-1]
    assert costs["Totaal fte"].tolist()[:4] == ["8,4 fte", "8,9 fte", "9,5 fte", "10,0 fte"]
    assert costs["Kosten"].tolist() == ["€ 714.000", "€ 756.500", "€ 807.500", "€ 850.000", "€ 3.128.000"]


def test_a_deployment_typed_wrong_is_refused_and_the_old_one_stays():
    at = enter(open_page(), 1, 0.15)
    assert any("Noord: 0,150 fte is geen veelvoud van 0,10 fte" in e.value for e in at.error)
    assert at.session_state["current"] == "", "still the assumption"


@pytest.mark.parametrize("typed", ["1,2", "1.2", " 1,20 "])
def test_a_deployment_typed_the_dutch_or_the_english_way_is_read_alike(typed):
    # Issue 18: a number column dropped "1,2" as it was typed; the cells are text, read either way.
    at = enter(open_page(total_fte="10.0"), 0, typed)
    assert_clean(at)
    assert at.session_state["current"] == "stadsdeel:1.2,1.8,1,2,1.8"


def test_a_deployment_cell_that_is_no_number_is_named_and_changes_nothing():
    at = enter(open_page(), 2, "veel")
    assert any("Oost: vul een getal in (0 of meer)." in e.value for e in at.error)
    assert at.session_state["current"] == ""
