"""AppTest tests of the explorer page (app.py opens it by default): what a user sees change when they move things."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opbouw import load_areas
from tests.shown import shown, shown_table

TIMEOUT = 60
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(**state) -> AppTest:
    """app.py after its first run; 'Meer instellingen' open unless ``ex_more=False``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    state.setdefault("ex_more", True)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {shown(m.label): m.value for m in at.metric}


def table(at: AppTest):
    return shown_table(at.table[0].value).set_index("Gebied")


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_defaults_render_todays_8_fte():
    at = run_app()
    assert_clean(at)
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"
    assert metrics(at)["Kosten per jaar"] == "€ 680.000"
    assert at.metric[0].delta == "0,0 fte t.o.v. nu (8 fte)"
    frame = table(at)
    # Marked: Marsweteringlanden (Midden), Vechtlanden and Berkum (Noord) are assumptions.
    assert list(frame.index) == ["Midden*", "Noord*", "Oost", "West", "Zuid", "Totaal"]
    assert frame.loc["Totaal", "Toegekend (fte)"] == "8,00"
    assert frame.loc["West", "Toegekend (fte)"] == "1,90"
    assert len(at.get("deck_gl_json_chart")) == 1
    assert len(at.get("vega_lite_chart")) == 2, "stacked bars and per 10,000 against need ('Waarom' is closed)"
    at.session_state["ex_why"] = True  # the user opens 'Waarom dit aantal?'
    at.run()
    assert len(at.get("vega_lite_chart")) == 3, "and the waterfall"
    assert any("Aanname" in c.value for c in at.caption)


def test_total_slider_changes_headline_cost_and_table():
    at = run_app()
    at.select_slider(key="total_fte").set_value(10.0).run()
    assert_clean(at)
    assert metrics(at)["Totaal opbouwwerk"] == "10,0 fte"
    assert metrics(at)["Kosten per jaar"] == "€ 850.000"
    assert at.metric[1].delta == "+€ 170.000 per jaar t.o.v. nu (8 fte)"
    assert table(at).loc["Totaal", "Toegekend (fte)"] == "10,00"


def test_presence_slider_moves_work_between_the_two_kinds():
    at = run_app()
    before = table(at)
    at.slider(key="presence_pct").set_value(100).run()
    assert_clean(at)
    after = table(at)
    assert after.loc["Totaal", "Opgavegericht (fte)"] == "0,00"
    assert after.loc["Totaal", "Presentie (fte)"] == "8,00"
    assert before.loc["Noord*", "Toegekend (fte)"] != after.loc["Noord*", "Toegekend (fte)"]


def test_indicator_weight_changes_the_need_index():
    at = run_app()
    before = table(at)["Behoefte-index"]
    at.select_slider(key="w_rented_homes").set_value(3.0).run()
    assert_clean(at)
    assert not table(at)["Behoefte-index"].equals(before)


@pytest.mark.parametrize(
    ("level", "year", "rows", "population"),
    [
        ("stadsdeel", 2024, 5, "133.135"),
        ("stadsdeel", 2022, 5, "130.665"),
        ("wijk", 2024, 16, "133.135"),
        ("wijk", 2022, 16, "130.665"),
    ],
)
def test_every_level_and_year_renders(level, year, rows, population):
    at = run_app()
    at.radio(key="level").set_value(level)
    at.radio(key="year").set_value(year).run()
    assert_clean(at)
    frame = table(at)
    assert len(frame) == rows + 1
    assert frame.loc["Totaal", "Inwoners"] == population
    assert frame.loc["Totaal", "Toegekend (fte)"] == "8,00"


def test_vaste_voet_two_per_stadsdeel():
    at = run_app()
    at.select_slider(key="total_fte").set_value(10.0)
    at.slider(key="presence_pct").set_value(100)
    at.select_slider(key="min_fte").set_value(2.0).run()
    assert_clean(at)
    assert set(table(at)["Toegekend (fte)"].iloc[:5]) == {"2,00"}


def test_vaste_voet_too_large_is_a_named_warning_not_an_error():
    at = run_app()
    at.select_slider(key="min_fte").set_value(1.0).run()  # 5 × 1,0 > 4,0 presence
    assert_clean(at)
    assert any("vaste voet" in w.value for w in at.warning)
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"


def test_rounding_unit_snaps_the_total_onto_its_grid():
    at = run_app()
    at.select_slider(key="total_fte").set_value(8.3).run()
    at.selectbox(key="unit").set_value("half").run()
    assert_clean(at)
    assert at.select_slider(key="total_fte").value == 8.5
    values = table(at)["Toegekend (fte)"].iloc[:5]
    assert all(v.endswith(",00") or v.endswith(",50") for v in values)


def test_cost_per_fte_changes_the_cost():
    at = run_app()
    at.number_input(key="cost_eur").set_value(90_000.0).run()
    assert any(c.value == "= € 90.000 per fte per jaar" for c in at.caption), "the amount in Dutch notation"
    assert_clean(at)
    assert metrics(at)["Kosten per jaar"] == "€ 720.000"


def test_focus_gives_assignment_work_only_to_the_neediest():
    at = run_app()
    at.toggle(key="focus").set_value(True).run()
    at.number_input(key="focus_areas").set_value(2).run()
    assert_clean(at)
    assignment = table(at)["Opgavegericht (fte)"].iloc[:5]
    assert (assignment == "0,00").sum() == 3


def test_need_strength_zero_shares_assignment_by_population():
    at = run_app()
    before = table(at)["Opgavegericht (fte)"]
    at.select_slider(key="need_strength").set_value(0.0).run()
    assert_clean(at)
    after = table(at)
    assert not after["Opgavegericht (fte)"].equals(before)
    # 4 fte opgavegericht by population alone: West 4 × 33.860 / 133.135 = 1,02
    assert after.loc["West", "Opgavegericht (fte)"] == "1,02"
    assert dict(at.query_params) == {"need_strength": "0.0"}


def test_missing_data_shows_a_dutch_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert at.error and "ontbreekt" in at.error[0].value
    assert not at.metric


def test_missing_map_file_keeps_the_rest_of_the_page(tmp_path, monkeypatch):
    data = Path(__file__).resolve().parent.parent / "data"
    for name in ("wijken.csv", "SOURCES.md"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert any("kaartbestand" in i.value for i in at.info)
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"


def test_a_corrected_stadsdeel_keeps_the_figures_and_explains_the_stale_map(tmp_path, monkeypatch):
    """Staff move Berkum from Noord to Oost in wijken.csv without rebuilding the map."""
    data = Path(__file__).resolve().parent.parent / "data"
    for path in data.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    csv = tmp_path / "wijken.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("WK019340,Berkum,Noord,", "WK019340,Berkum,Oost,"))
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert table(at).loc["Oost*", "Inwoners"] == "22.610"  # 17.350 + Berkum's 5.260
    assert any("passen niet bij de indeling" in i.value for i in at.info)


def settings_state(at: AppTest) -> dict:
    from opbouw.links import PARAMS

    return {k: at.session_state[k] for k in PARAMS}


def test_preset_travers_gives_two_per_stadsdeel():
    at = run_app()
    at.radio(key="level").set_value("wijk").run()
    at.button(key="ex_preset_travers").click().run()
    assert_clean(at)
    assert at.radio(key="level").value == "wijk", "the view stays as the user left it"
    rows = table(at).drop(index="Totaal")
    stadsdeel = load_areas("wijk", 2024).set_index("name")["stadsdeel"]
    fte = rows["Toegekend (fte)"].str.replace(",", ".").astype(float)
    fte.index = [stadsdeel[name.rstrip("*")] for name in rows.index]
    assert fte.groupby(level=0).sum().round(9).tolist() == [2.0] * 5
    assert metrics(at)["Kosten per jaar"] == "€ 850.000"
    assert any("Twee opbouwwerkers per stadsdeel" in c.value and "niets over" in c.value for c in at.caption)
    at.radio(key="level").set_value("stadsdeel").run()
    assert set(table(at)["Toegekend (fte)"].iloc[:5]) == {"2,00"}


def test_a_preset_is_a_whole_scenario_and_keeps_the_view():
    at = run_app()
    at.number_input(key="cost_eur").set_value(90_000.0)
    at.radio(key="level").set_value("wijk")
    at.slider(key="presence_pct").set_value(70).run()
    at.button(key="ex_preset_fte6").click().run()
    assert_clean(at)
    assert metrics(at)["Totaal opbouwwerk"] == "6,0 fte"
    assert at.number_input(key="cost_eur").value == 85_000.0
    assert at.slider(key="presence_pct").value == 50
    assert at.radio(key="level").value == "wijk"


def test_back_to_preset_restores_the_loaded_preset_exactly():
    at = run_app()
    at.number_input(key="cost_eur").set_value(90_000.0).run()
    assert at.button(key="ex_preset_back").disabled
    at.button(key="ex_preset_presence_only").click().run()
    loaded = settings_state(at)
    shown = table(at)
    at.select_slider(key="total_fte").set_value(12.5)
    at.select_slider(key="w_income").set_value(3.0)
    at.radio(key="year").set_value(2022).run()
    assert not at.button(key="ex_preset_back").disabled
    at.button(key="ex_preset_back").click().run()
    assert_clean(at)
    assert settings_state(at) == loaded
    assert table(at).equals(shown)
    assert at.number_input(key="cost_eur").value == 85_000.0  # the preset's, whatever was set before


def run_link(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_a_link_shows_the_same_numbers_as_the_settings_it_came_from():
    from opbouw.links import to_query
    from opbouw.settings import Settings, weights_of

    at = run_app()
    at.select_slider(key="total_fte").set_value(10.5)
    at.slider(key="presence_pct").set_value(60)
    at.radio(key="level").set_value("wijk")
    at.select_slider(key="w_rented_homes").set_value(2.5).run()
    expected = table(at)
    query = to_query(Settings(total_fte=10.5, presence_pct=60, level="wijk", weights=weights_of(rented_homes=2.5)))
    fresh = run_link(query)
    assert_clean(fresh)
    assert table(fresh).equals(expected)
    assert not any("Niet alles in de link" in w.value for w in fresh.warning)
    assert dict(fresh.query_params) == query  # the address bar keeps the link


def test_more_settings_are_sent_only_while_open_and_keep_their_values():
    at = run_link({"level": "wijk", "w_rented_homes": "2.5", "total_fte": "9.0"})
    assert_clean(at)
    shown = table(at)
    assert "Holtenbroek" in shown.index  # wijken, from the link, with the settings closed
    assert "w_rented_homes" not in [w.key for w in at.select_slider]
    at.session_state["ex_more"] = True  # the user opens 'Meer instellingen'
    at.run()
    assert at.radio(key="level").value == "wijk"
    assert at.select_slider(key="w_rented_homes").value == 2.5
    assert table(at).equals(shown)
    at.session_state["ex_more"] = False
    at.select_slider(key="total_fte").set_value(9.5).run()
    assert_clean(at)
    assert "Holtenbroek" in table(at).index, "closing the settings keeps them"
    assert at.query_params["w_rented_homes"] == "2.5"


def test_a_link_in_four_hour_units_opens_on_its_grid():
    at = run_link({"unit": "hours4", "total_fte": str(73 / 9)})
    assert_clean(at)
    assert metrics(at)["Totaal opbouwwerk"] == "8,1 fte"
    assert at.select_slider(key="total_fte").value == 73 / 9


def test_a_tampered_link_opens_with_defaults_and_a_dutch_notice():
    at = run_link({"total_fte": "veel", "presence_pct": "250", "level": "buurt", "evil": "<script>"})
    assert_clean(at)
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"
    notice = shown(at.warning[0].value)
    assert "Niet alles in de link" in notice
    for name in ("total_fte", "presence_pct", "level", "evil"):
        assert name in notice
    at.run()  # the notice is said once, not on every move
    assert not any("Niet alles in de link" in w.value for w in at.warning)


def test_headline_compares_with_the_chosen_baseline():
    at = run_app()
    at.selectbox(key="baseline").set_value("travers").run()
    assert_clean(at)
    assert at.metric[0].delta == "\u22122,0 fte t.o.v. advies Travers (10 fte)"
    assert at.metric[1].delta == "\u2212€ 170.000 per jaar t.o.v. advies Travers (10 fte)"
    assert dict(at.query_params) == {"baseline": "travers"}


def test_one_panel_names_every_conflict():
    at = run_app(level="wijk", unit="hours4", total_fte=8.0)
    assert_clean(at)
    [panel] = [w.value for w in at.warning if w.value.startswith("**Let op**")]
    assert "indicator 'gemiddeld inkomen per inwoner' niet bekend" in panel, "missing CBS income"
    assert "Aanname" in panel and "Vechtlanden bij Noord" in panel, "stadsdeel assumptions"
    at.select_slider(key="total_fte").set_value(73 / 9).run()
    at.select_slider(key="min_fte").set_value(1.0).run()
    [panel] = [w.value for w in at.warning if w.value.startswith("**Let op**")]
    assert "De vaste voet van 1,00 fte per stadsdeel past niet" in panel


def test_presentation_mode_hides_the_controls_keeps_the_numbers_and_comes_back():
    at = run_app()
    at.select_slider(key="total_fte").set_value(10.0).run()
    shown = table(at)
    at.toggle(key="ex_present").set_value(True).run()
    assert_clean(at)
    assert not [s for s in at.select_slider if s.key == "total_fte"], "the controls are hidden"
    assert not [b for b in at.button if b.key == "ex_preset_fte8"]
    assert metrics(at)["Totaal opbouwwerk"] == "10,0 fte"
    assert table(at).equals(shown)
    assert any("font-size: 3.6rem" in h.proto.body for h in at.get("html")), "larger figures"
    assert at.query_params["total_fte"] == "10.0", "the link still holds the scenario"
    at.toggle(key="ex_present").set_value(False).run()
    assert at.select_slider(key="total_fte").value == 10.0, "the settings are kept"
    assert not any("3.6rem" in h.proto.body for h in at.get("html")), "and the projector styles are gone"
