"""Golden scenarios: named, hand-checked cases with the numbers and where they come from.

Populations are CBS Kerncijfers wijken en buurten 2024 (data/wijken.csv); the FTE
and cost figures are from the informatienota opbouwwerk, gemeente Zwolle, 28 May 2018.
"""

from __future__ import annotations

import numpy as np
import pytest

from opbouw import Scenario, allocate, load_areas, need_index

# Stadsdeel populations 2024, summed by hand from the wijken in data/wijken.csv:
# Midden = Binnenstad 4225 + Assendorp 13090 + Kamperpoort-Veerallee 4315
# Noord = Holtenbroek 10030 + Aa-landen 13355 + Vechtlanden 1030 (aanname)
# Oost = Diezerpoort 10970 + Wipstrik 6380 + Berkum 5260 (aanname)
# West = Poort van Zwolle 365 + Westenholte 5370 + Stadshagen 28125
# Zuid = Marsweteringlanden 1195 (aanname) + Schelle 13930 + Ittersum 14615 + Soestweteringlanden 880
POPULATION_2024 = {"Midden": 21630, "Noord": 24415, "Oost": 22610, "West": 33860, "Zuid": 30620}


@pytest.fixture(scope="module")
def stadsdelen():
    return load_areas("stadsdeel", 2024)


def test_stadsdeel_populations_are_the_sums_of_their_wijken(stadsdelen):
    assert stadsdelen["population"].to_dict() == POPULATION_2024
    assert sum(POPULATION_2024.values()) == 133_135  # README of the data sources


def test_today_8_fte_half_presence(stadsdelen):
    """Today's 8 FTE, half presence: presence is 4 FTE by population share (hand-computed:
    Midden 4 × 21630 / 133135 = 0,650 FTE), and the rounded result, checked by hand against
    the exact shares, gives the most to West (largest) and Noord (highest need)."""
    allocation = allocate(stadsdelen, Scenario(total_fte=8.0, presence_share=0.5))
    result = allocation.table
    total_pop = sum(POPULATION_2024.values())
    for code, pop in POPULATION_2024.items():
        assert result.loc[code, "presence_fte"] == pytest.approx(4 * pop / total_pop)
    assert result["fte"].round(1).to_dict() == {"Midden": 1.4, "Noord": 1.6, "Oost": 1.4, "West": 1.9, "Zuid": 1.7}
    assert result["cost_eur"].sum() == pytest.approx(680_000)
    assert result["need_index"].idxmax() == "Noord"


def test_advice_travers_10_fte_costs_170_000_more(stadsdelen):
    """The memo: going from 8 to 10 FTE costs EUR 170,000 a year."""
    eight = allocate(stadsdelen, Scenario(total_fte=8.0)).table["cost_eur"].sum()
    ten = allocate(stadsdelen, Scenario(total_fte=10.0)).table["cost_eur"].sum()
    assert ten - eight == pytest.approx(170_000)
    assert ten == pytest.approx(850_000)


def test_two_per_stadsdeel(stadsdelen):
    """Travers' advice: 10 FTE, all presence, a vaste voet of 2 gives exactly 2,0 FTE in each of the five."""
    allocation = allocate(stadsdelen, Scenario(total_fte=10.0, presence_share=1.0, min_fte_per_area=2.0))
    result = allocation.table
    assert result["fte"].tolist() == [2.0] * 5
    assert allocation.warnings == ()


def hamilton(exact_fte: np.ndarray, unit: float, units: int) -> np.ndarray:
    """Largest remainder, for comparison only."""
    quota = exact_fte / unit
    floor = np.floor(quota + 1e-9)
    order = np.argsort(-(quota - floor), kind="stable")
    floor[order[: units - int(floor.sum())]] += 1
    return floor * unit


def test_growing_budget_never_takes_staff_away_where_largest_remainder_would(stadsdelen):
    """On the real stadsdelen (defaults: 50 % presence, 0,1 FTE), going from 10,8 to 10,9 FTE:
    largest remainder takes 0,1 FTE away from Midden (1,9 -> 1,8); our rounding does not."""
    before, after = (allocate(stadsdelen, Scenario(total_fte=t)).table for t in (10.8, 10.9))
    ham_before = hamilton(before["exact_fte"].to_numpy(), 0.1, 108)
    ham_after = hamilton(after["exact_fte"].to_numpy(), 0.1, 109)
    midden = list(before.index).index("Midden")
    assert ham_before[midden] == pytest.approx(1.9) and ham_after[midden] == pytest.approx(1.8)
    assert (after["fte"].to_numpy() >= before["fte"].to_numpy() - 1e-9).all()


def test_need_index_from_one_indicator_is_its_ratio_to_the_city_average():
    """With only 'huurwoningen' weighted, Diezerpoort's index is its 75 % rented homes divided by the
    population-weighted city average of 44,965 % (computed by hand from data/wijken.csv): 1,668."""
    index = need_index(load_areas("wijk", 2024), {"rented_homes": 1.0})
    assert index["WK019311"] == pytest.approx(75 / 44.96499793, rel=1e-6)


def test_at_wijk_level_the_smallest_wijken_can_get_nothing():
    """At wijk level, 8 FTE in 0,1-units leaves Poort van Zwolle (365 inhabitants) and
    Soestweteringlanden (880) without staff: 0,04 and 0,05 FTE exact round down."""
    allocation = allocate(load_areas("wijk", 2024), Scenario(total_fte=8.0))
    result = allocation.table
    assert result.loc["WK019320", "fte"] == 0.0
    assert result.loc["WK019352", "fte"] == 0.0
    assert result.loc["WK019320", "exact_fte"] < 0.05
    assert result["fte"].sum() == pytest.approx(8.0)
