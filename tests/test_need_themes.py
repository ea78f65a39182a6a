"""The municipality's own indices grouped by theme, buurt figures taken to wijken honestly, and small
wijken pulled towards the city average (issue 16, points 2 and 3).

Before: seven indicators each with its own weight and no themes; the 2014 buurt figures were the plain
mean over every buurt with a score, business parks included; and Poort van Zwolle (365 inhabitants)
had need index 1,13, fourth highest, because its value was the mean of business park Voorst-A and the
woonbuurt Spoolde. These tests fail on that code.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas
from opbouw.explain import need_table_rows
from opbouw.indicators import INDICATOR_KEYS, INDICATORS, THEME_KEYS, THEMES, effective_weights, indicators_in
from opbouw.links import parse_query, theme_param, to_query
from opbouw.need import FULL_WEIGHT_POPULATION, credibility, need_components, need_index
from opbouw.settings import Settings
from tests.strategies import areas, theme_weights, weights

ROOT = Path(__file__).resolve().parent.parent
POORT = "WK019320"  # Poort van Zwolle, 365 inhabitants on 1 January 2024 (CBS)


def _build_module():
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_indicator_has_a_theme_a_year_and_a_reliability():
    assert set(THEMES) == {"income_work", "housing", "safety", "cohesion"}
    for theme in THEME_KEYS:
        assert indicators_in(theme), theme
    for ind in INDICATORS.values():
        assert ind.year and ind.reliability and ind.source, ind.key
    # The municipality's own indices the 2018 memo names are among them.
    sources = " ".join(ind.source for ind in INDICATORS.values())
    assert "Sociale Index" in sources and "Veiligheidsindex" in sources


@settings(max_examples=200, deadline=None)
@given(weights(), theme_weights())
def test_a_theme_counts_as_its_weight_however_many_indicators_it_has(ind_w, theme_w):
    eff = effective_weights(ind_w, theme_w)
    for theme in THEME_KEYS:
        keys = indicators_in(theme)
        inside = sum(eff[k] for k in keys)
        expected = theme_w[theme] if sum(ind_w[k] for k in keys) > 0 else 0.0
        assert inside == pytest.approx(expected)
        # Within the theme the weight is shared by the indicators' own weights.
        for k in keys:
            if ind_w[k] == 0 or theme_w[theme] == 0:
                assert eff[k] == 0


def test_more_weight_to_income_and_work_moves_need_towards_where_that_theme_points():
    frame = load_areas("wijk", 2024)
    population = frame["population"].to_numpy(float)
    alone = need_index(frame, Scenario(theme_weights={"income_work": 1.0}).indicator_weights).to_numpy()
    even = need_index(frame, Scenario().indicator_weights).to_numpy()
    poverty = Scenario(theme_weights={**dict.fromkeys(THEME_KEYS, 1.0), "income_work": 3.0})
    more = need_index(frame, poverty.indicator_weights).to_numpy()

    def corr(a, b):
        return np.corrcoef(a * np.sqrt(population), b * np.sqrt(population))[0, 1]

    assert corr(more, alone) > corr(even, alone)
    # The wijk with the most bijstand gains need when poverty weighs more.
    top = int(np.nanargmax(frame["welfare"].to_numpy()))
    assert more[top] > even[top]


def test_a_theme_at_zero_is_not_read_at_all():
    frame = load_areas("wijk", 2024)
    scenario = Scenario(theme_weights={**dict.fromkeys(THEME_KEYS, 1.0), "safety": 0.0})
    before = allocate(frame, scenario).table["fte"]
    changed = frame.copy()
    for key in indicators_in("safety"):
        changed[key] = changed[key].sample(frac=1.0, random_state=1).to_numpy()
    pd.testing.assert_series_equal(allocate(changed, scenario).table["fte"], before)


def test_theme_weights_travel_in_a_link_and_a_bad_one_is_named():
    settings_ = Settings(theme_weights=(3.0, 1.0, 0.5, 1.0))
    query = to_query(settings_)
    assert query[theme_param("income_work")] == "3.0" and theme_param("housing") not in query
    back, problems = parse_query(query)
    assert back == settings_ and problems == []
    _, problems = parse_query({theme_param("safety"): "7"})
    assert problems and "thema veiligheid" in problems[0]


def test_the_need_table_shows_theme_year_and_share_of_each_indicator():
    frame = load_areas("wijk", 2024)
    rows = pd.DataFrame(need_table_rows(frame, Scenario(), "WK019330")).set_index("Indicator")
    assert rows.loc["Bijstand (% tot de AOW-leeftijd)", "Thema"] == "Inkomen en werk"
    assert rows.loc["Bijstand (% tot de AOW-leeftijd)", "Jaar"] == "c. 2014"
    assert rows.loc["Huurwoningen", "Jaar"] == "2022"
    # Four themes at weight 1: each a quarter; Inkomen en werk has four indicators, so 6,25 % each
    # (Babel rounds half to even: 6,2 %).
    assert rows.loc["Gemiddeld inkomen per inwoner", "Gewicht"] == "6,2 %"
    assert rows.loc["Sociale cohesie", "Gewicht"] == "8,3 %"  # a third of a quarter


def test_the_build_counts_only_buurten_with_a_published_index_each_once():
    build = _build_module()
    index_rows = [
        {"buurtcode_cbs_afgeleid": "B1", "wijkcode": "W1", "ind_si_a1": "90", "abptot": "2"},
        {"buurtcode_cbs_afgeleid": "B2", "wijkcode": "W1", "ind_si_a1": "110", "abptot": "4"},
        {"buurtcode_cbs_afgeleid": "B3", "wijkcode": "W1", "ind_si_a1": "", "abptot": "40"},  # business park
    ]
    reliable = build.reliable_buurten(index_rows)
    assert reliable == {"B1", "B2"}
    result = build.per_wijk(index_rows, {"abptot": "welfare_pct"}, reliable)
    assert result["W1"] == {"welfare_pct": 3.0, "buurten": 2}


def test_poort_van_zwolle_no_longer_takes_the_business_park_into_its_figures():
    # Poort van Zwolle = Spoolde + bedrijventerreinen Voorst-A/-B; only Spoolde has a published index
    # (zwolle_indices2014_buurt.csv), so its Buurt-voor-Buurt leefbaarheid is Spoolde's 7,95, not the
    # mean 6,65 with Voorst-A's 5,34 (zwolle_bvb2014_buurt_indicatoren.csv).
    wijken = pd.read_csv(ROOT / "data" / "wijken.csv", index_col="code")
    assert wijken.loc[POORT, "bvb_liveability"] == pytest.approx(7.95)
    assert wijken.loc[POORT, "bvb_buurten_used"] == 1
    source = ROOT.parent / "shared" / "data-sources" / "zwolle_indices2014_buurt.csv"
    if source.exists():
        with source.open(encoding="utf-8") as f:
            published = {r["buurtcode_cbs_afgeleid"] for r in csv.DictReader(f) if r["ind_si_a1"].strip()}
        assert len(published) == 54


def test_a_tiny_wijk_stays_near_the_city_average_even_with_the_worst_figures():
    frame = load_areas("wijk", 2024)
    assert frame.loc[POORT, "population"] < 1000
    worst = frame.copy()
    for key in INDICATOR_KEYS:
        column = worst[key]
        worst.loc[POORT, key] = column.max() * 10 if INDICATORS[key].more_need_when_higher else column.min() / 10
    for scenario in [Scenario(), Scenario(need_strength=0.25)]:
        index = need_index(worst, scenario.indicator_weights, scenario.need_strength)
        assert abs(index[POORT] - 1.0) <= 0.1, index[POORT]
    # With the inhabitants of a normal wijk the same figures would make it a hotspot.
    big = worst.copy()
    big.loc[POORT, "population"] = 5000
    assert need_index(big, Scenario().indicator_weights)[POORT] > 1.3


def test_the_old_poort_van_zwolle_figures_no_longer_make_it_a_hotspot():
    # Before issue 16 Poort van Zwolle's survey figures were the mean with Voorst-A (leefbaarheid 6,65,
    # cohesie 6,04, overlast 3,3, verloedering 5,3): need index 1,13. Shrunk by its size it stays within 0,1.
    frame = load_areas("wijk", 2024)
    frame.loc[POORT, ["liveability", "social_cohesion", "social_nuisance", "dilapidation"]] = [6.65, 6.04, 3.3, 5.3]
    assert abs(need_index(frame, Scenario().indicator_weights)[POORT] - 1.0) <= 0.1


@settings(max_examples=150, deadline=None)
@given(areas(min_size=2), st.integers(0, 3 * FULL_WEIGHT_POPULATION))
def test_a_smaller_area_deviates_less_and_the_city_average_stays_one(frame, population):
    frame = frame.copy()
    wts = dict.fromkeys(INDICATOR_KEYS, 1.0)
    parts = need_components(frame, wts)
    np.testing.assert_allclose(parts["credibility"], credibility(frame["population"].to_numpy()))
    shrunk = frame.copy()
    shrunk.iloc[0, shrunk.columns.get_loc("population")] = population
    index = need_index(shrunk, wts).to_numpy()
    pop = shrunk["population"].to_numpy(float)
    if pop.sum() > 0:
        assert np.average(index, weights=pop) == pytest.approx(1.0)
    # Its own figures move its index in proportion to its size: the contributions shrink with it.
    contributions = need_components(shrunk, wts)[[k for k in INDICATOR_KEYS if k in parts.columns]].iloc[0]
    if population == 0:
        assert (contributions == 0).all()


def test_the_small_wijk_is_said_in_its_need_table():
    frame = load_areas("wijk", 2024)
    rows = pd.DataFrame(need_table_rows(frame, Scenario(), POORT)).set_index("Indicator")
    assert "Kleine wijk" in rows.index
    assert "voor 18 %" in rows.loc["Kleine wijk", "Status"]
    big = pd.DataFrame(need_table_rows(frame, Scenario(), "WK019322")).set_index("Indicator")
    assert "Kleine wijk" not in big.index


def test_a_theme_weight_is_a_setting_the_comparison_and_the_exports_name():
    from opbouw.compare import settings_table

    table = settings_table({"A": Settings(), "B": Settings(theme_weights=(2.0, 1.0, 1.0, 1.0))})
    differs = table.loc[table["Verschilt"] == "ja", "Instelling"].tolist()
    assert differs == ["Gewicht thema inkomen en werk"]
