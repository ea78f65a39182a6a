"""'Waarom dit aantal?': the parts of an area's FTE, the sentence, and the need index by indicator."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from opbouw import Scenario, allocate, load_areas
from opbouw.explain import breakdown, need_table_rows, sentence, waterfall_rows
from tests.strategies import areas, scenarios
from tests.test_app import assert_clean, run_app


@given(areas(), scenarios())
def test_the_parts_add_up_to_the_exact_fte_and_the_rounding_to_the_rounded(frame, scenario):
    result = allocate(frame, scenario)
    for code in result.table.index:
        parts = breakdown(result, code)
        assert parts.vaste_voet + parts.presence_by_population + parts.assignment == pytest.approx(
            parts.exact, abs=1e-9
        )
        assert parts.exact + parts.rounding == pytest.approx(float(result.table.loc[code, "fte"]), abs=1e-9)
        assert parts.presence_by_population >= -1e-9 and parts.assignment >= -1e-9
        steps = waterfall_rows(parts)
        assert steps.loc[steps["stap"] == "Toegekend", "eind"].item() == pytest.approx(parts.fte)
        assert sentence(parts, scenario, "wijk").startswith(parts.name)


def test_holtenbroek_sentence_names_its_share_of_inhabitants_and_its_need():
    # 8 fte, half presence, wijken 2024: Holtenbroek has 10.030 of Zwolle's 133.135 inhabitants
    # (CBS, 1 January 2024): 7,5 %, so 4 fte of presence x 7,5 % = 0,30 fte; its need index is 1,34
    # with every theme at weight 1 (standard scores, issue 16), which gives it 0,40 fte of the 4 fte
    # opgavegerichte inzet. Exact 0,705 fte (shown as 0,70), rounded to 0,7.
    areas_ = load_areas("wijk", 2024)
    scenario = Scenario(total_fte=8.0)
    result = allocate(areas_, scenario)
    code = areas_.index[areas_["name"] == "Holtenbroek"][0]
    text = sentence(breakdown(result, code), scenario, "wijk")
    assert text.startswith("Holtenbroek krijgt 0,7 fte: 0,30 voor presentie omdat er 7,5 % van de Zwollenaren woont")
    assert "de behoefte-index 1,34 (stad = 1,00)" in text
    assert text.endswith(
        "Samen is dat precies 0,70 fte; afgerond op hele eenheden van 0,10 fte wordt dat 0,70 fte (0,00 fte)."
    )


def test_an_area_left_out_by_concentration_is_told_why():
    areas_ = load_areas("wijk", 2024)
    scenario = Scenario(total_fte=8.0, assignment_focus_areas=2)
    result = allocate(areas_, scenario)
    code = result.table["need_index"].idxmin()
    text = sentence(breakdown(result, code), scenario, "wijk")
    assert "niets voor opgavegericht werk, want dat gaat alleen naar de 2 wijken met de hoogste behoefte" in text


def test_vaste_voet_that_does_not_fit_is_said():
    # 1 fte per stadsdeel needs 5 fte; the presence pool is 2: each stadsdeel gets 2 / 5 = 0,40.
    areas_ = load_areas("wijk", 2024)
    scenario = Scenario(total_fte=4.0, presence_share=0.5, min_fte_per_area=1.0)
    result = allocate(areas_, scenario, "stadsdeel")
    text = sentence(breakdown(result, "West"), scenario, "stadsdeel")
    assert "0,40 voor presentie (de vaste voet past niet, dus naar verhouding van de vaste voet verdeeld)" in text


def test_need_table_gives_value_average_and_contributions_that_sum_to_the_index():
    areas_ = load_areas("wijk", 2024)
    weights = dict.fromkeys(Scenario().need_weights, 1.0) | {"dilapidation": 0.0}
    code = areas_.index[areas_["name"] == "Holtenbroek"][0]
    table = pd.DataFrame(need_table_rows(areas_, Scenario(need_weights=weights), code)).set_index("Indicator")
    assert table.loc["Huurwoningen", "Waarde"] == "65,00 % van de woningen"
    assert table.loc["Huurwoningen", "Meer behoefte als"] == "hoger"
    # Holtenbroek's 6,66 for liveability is 2,5 standard deviations below the city's 7,51: capped at 2.
    assert table.loc["Leefbaarheid (rapportcijfer)", "Status"] == "uitschieter: telt als 2"
    assert table.loc["Leefbaarheid (rapportcijfer)", "Afwijking"] == "+2,0"
    assert table.loc["Verloedering", "Status"] == "telt niet mee (gewicht 0)"
    contributions = [
        float(v.replace(",", ".").replace("−", "-").replace("+", ""))
        for k, v in table["Bijdrage"].items()
        if k != "Behoefte-index (som)"
    ]
    index = float(table.loc["Behoefte-index (som)", "Bijdrage"].replace(",", "."))
    assert sum(contributions) == pytest.approx(index, abs=0.02)
    assert index == pytest.approx(
        allocate(areas_, Scenario(need_weights=weights)).table.loc[code, "need_index"], abs=0.005
    )


def test_a_stadsdeel_need_table_is_the_mean_of_its_wijken():
    areas_ = load_areas("wijk", 2024)
    table = pd.DataFrame(need_table_rows(areas_, Scenario(), "Noord", "stadsdeel")).set_index("Indicator")
    index = float(table.loc["Behoefte-index (som)", "Bijdrage"].replace(",", "."))
    expected = allocate(areas_, Scenario(), "stadsdeel").table.loc["Noord", "need_index"]
    assert index == pytest.approx(expected, abs=0.005)
    # Vechtlanden (Noord) has a capped value: the stadsdeel says so without calling itself an outlier.
    assert "telt mee; in een wijk begrensd" in table["Status"].tolist()


def test_a_missing_indicator_is_marked_missing():
    areas_ = load_areas("wijk", 2024)
    missing = areas_.index[areas_["income"].isna()]
    assert len(missing), "CBS suppresses income for some small wijken"
    table = pd.DataFrame(need_table_rows(areas_, Scenario(), missing[0])).set_index("Indicator")
    assert table.loc["Gemiddeld inkomen per inwoner", "Waarde"] == "onbekend"
    assert table.loc["Gemiddeld inkomen per inwoner", "Status"] == "ontbreekt: telt niet mee"


def test_page_explains_the_chosen_area():
    at = run_app(ex_why=True)  # 'Waarom dit aantal?' opened
    assert_clean(at)
    assert at.selectbox(key="ex_explain").value == "Noord", "the area with the most fte first (Noord and West 1,9)"
    at.selectbox(key="ex_explain").set_value("Midden").run()
    assert_clean(at)
    # Midden is marked: Marsweteringlanden's stadsdeel is an assumption.
    heading = [m.value for m in at.markdown if m.value.startswith("**Midden") and "krijgt" in m.value]
    assert heading and "1,4 fte" in heading[0]
    need = at.table[1].value.set_index("Indicator")
    assert np.isclose(float(need.loc["Behoefte-index (som)", "Stadsgemiddelde"].replace(",", ".")), 1.0)


def test_every_explorer_chart_is_valid_vega_lite():
    from opbouw.charts import per_10k_vs_need, stacked_fte, waterfall

    for level in ("stadsdeel", "wijk"):
        scenario = Scenario(total_fte=10.0, min_fte_per_area=0.2)
        result = allocate(load_areas("wijk", 2024), scenario, level)
        parts = breakdown(result, result.table.index[0])
        for chart in (stacked_fte(result), per_10k_vs_need(result), waterfall(waterfall_rows(parts), "titel")):
            spec = chart.to_dict(validate=True)  # Altair checks it against the Vega-Lite schema
            assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
            json.dumps(spec, allow_nan=False)  # what the browser gets is strict JSON


def drawn_area_order(spec: dict) -> list[str]:
    """The area names on the chart's vertical axis from top to bottom, as Vega draws them (vl-convert's SVG)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec)
    axes = re.findall(r"role-axis-label[^>]*>(.*?)</g>", svg)
    labels = re.findall(r"<text[^>]*translate\(([-\d.]+),([-\d.]+)\)[^>]*>([^<]*)</text>", axes[1])
    return [name for _, y, name in sorted(labels, key=lambda label: float(label[1]))]


@settings(max_examples=25)
@given(scenarios())
def test_the_stacked_chart_draws_the_areas_largest_first(scenario):
    # Vega itself must put the area with the most fte on top.
    from opbouw.charts import stacked_fte
    from opbouw.present import display_names

    result = allocate(load_areas("wijk", 2024), scenario)
    spec = stacked_fte(result).to_dict()
    order = drawn_area_order(spec)
    fte = dict(zip(display_names(result.table), result.table["fte"]))
    assert sorted(order) == sorted(fte) and all(fte[a] >= fte[b] for a, b in zip(order, order[1:])), "largest first"
