"""Golden scenarios: named, hand-checked cases with the numbers and where they come from.

Populations are CBS Kerncijfers wijken en buurten 2024 (data/wijken.csv); the FTE and cost figures
are from the informatienota opbouwwerk, gemeente Zwolle, 28 May 2018. Since issue 16 everything is
computed per wijk and a stadsdeel is the sum of its wijken; Berkum and Vechtlanden count to Noord and
Marsweteringlanden to Midden (the evidence in ../shared/data-sources/zwolle_stadsdeel_wijk_mapping.csv).
"""

from __future__ import annotations

import numpy as np
import pytest

from opbouw import Scenario, allocate, load_areas, need_index

# Stadsdeel populations 2024, summed by hand from the wijken in data/wijken.csv:
# Midden = Binnenstad 4225 + Assendorp 13090 + Kamperpoort-Veerallee 4315 + Marsweteringlanden 1195 (aanname)
# Noord = Holtenbroek 10030 + Aa-landen 13355 + Vechtlanden 1030 (aanname) + Berkum 5260 (aanname)
# Oost = Diezerpoort 10970 + Wipstrik 6380
# West = Poort van Zwolle 365 + Westenholte 5370 + Stadshagen 28125
# Zuid = Schelle 13930 + Ittersum 14615 + Soestweteringlanden 880
POPULATION_2024 = {"Midden": 22825, "Noord": 29675, "Oost": 17350, "West": 33860, "Zuid": 29425}


@pytest.fixture(scope="module")
def wijken():
    return load_areas("wijk", 2024)


def test_stadsdeel_populations_are_the_sums_of_their_wijken():
    assert load_areas("stadsdeel", 2024)["population"].to_dict() == POPULATION_2024
    assert sum(POPULATION_2024.values()) == 133_135  # README of the data sources


def test_today_8_fte_half_presence(wijken):
    """Today's 8 FTE, half presence: presence is 4 FTE by population share (hand-computed: Midden
    4 × 22825 / 133135 = 0,686 FTE). Rounded per wijk in tenths, and added up: West (largest) and
    Noord get 1,9; Oost, the smallest, 1,1 (exact 1,115). Oost has the highest need index (1,14):
    it is Diezerpoort (1,29, the lowest 'werk' of the Sociale Index) and Wipstrik (0,87), while Noord's
    Holtenbroek (1,34) shares its stadsdeel with Aa-landen (1,03), Berkum (0,82) and Vechtlanden (0,85)."""
    result = allocate(wijken, Scenario(total_fte=8.0, presence_share=0.5), "stadsdeel").table
    total_pop = sum(POPULATION_2024.values())
    for code, pop in POPULATION_2024.items():
        assert result.loc[code, "presence_fte"] == pytest.approx(4 * pop / total_pop)
    assert result["fte"].round(1).to_dict() == {"Midden": 1.4, "Noord": 1.9, "Oost": 1.1, "West": 1.9, "Zuid": 1.7}
    assert result["cost_eur"].sum() == pytest.approx(680_000)
    assert result["need_index"].idxmax() == "Oost"


def test_switching_level_never_changes_a_stadsdeel(wijken):
    """Before issue 16 the wijken of Midden added up to 1,3 at 8 FTE while the stadsdeel view said 1,4."""
    for total in np.arange(0, 201) / 10:
        scenario = Scenario(total_fte=float(total))
        by_wijk = allocate(wijken, scenario, "wijk").table.groupby("stadsdeel")["fte"].sum()
        by_stadsdeel = allocate(wijken, scenario, "stadsdeel").table["fte"]
        np.testing.assert_allclose(by_stadsdeel.to_numpy(), by_wijk.loc[by_stadsdeel.index].to_numpy(), atol=1e-9)


def test_advice_travers_10_fte_costs_170_000_more(wijken):
    """The memo: going from 8 to 10 FTE costs EUR 170,000 a year."""
    eight = allocate(wijken, Scenario(total_fte=8.0), "stadsdeel").table["cost_eur"].sum()
    ten = allocate(wijken, Scenario(total_fte=10.0), "stadsdeel").table["cost_eur"].sum()
    assert ten - eight == pytest.approx(170_000)
    assert ten == pytest.approx(850_000)


@pytest.mark.parametrize("level", ["stadsdeel", "wijk"])
def test_two_per_stadsdeel(wijken, level):
    """Travers' advice: 10 FTE, all presence, a vaste voet of 2 per stadsdeel gives exactly 2,0 FTE in each
    of the five, at either level; a stadsdeel's 2 FTE are shared over its wijken by population (Oost:
    Diezerpoort 2 × 10970 / 17350 = 1,265 exact, 1,3 rounded; Wipstrik 0,7)."""
    scenario = Scenario(total_fte=10.0, presence_share=1.0, min_fte_per_area=2.0, min_fte_per="stadsdeel")
    allocation = allocate(wijken, scenario, level)
    per_stadsdeel = allocation.table.groupby("stadsdeel")["fte"].sum()
    assert per_stadsdeel.round(9).tolist() == [2.0] * 5
    assert allocation.by_wijk.loc["WK019311", "exact_fte"] == pytest.approx(2 * 10970 / 17350)
    assert allocation.by_wijk.loc[["WK019311", "WK019312"], "fte"].round(1).tolist() == [1.3, 0.7]
    assert not any("vaste voet" in w for w in allocation.warnings)


def test_need_index_from_one_indicator_is_its_standard_score(wijken):
    """With only 'netto arbeidsparticipatie' weighted (CBS 2022; no wijk beyond the cap), Holtenbroek's
    61 % lies (67,987 - 61) / 4,3856 = 1,593 standard deviations below the population-weighted city
    average (67,987 %, standard deviation 4,3856 %, computed by hand from data/wijken.csv), which is
    more need. Its index is 1 + 0,2 × (1,593 - 0,00182) = 1,318, where 0,00182 is the population-weighted
    mean of the scores once the four wijken under 2.000 inhabitants count in part. Poort van Zwolle
    (365 inhabitants, 65 %: score +0,681) counts for 365 / 2.000 = 18,25 %: 1 + 0,2 × (0,1825 × 0,681 -
    0,00182) = 1,0245."""
    index = need_index(wijken, {"labour_participation": 1.0})
    score_holtenbroek = (67.98681789 - 61) / 4.38557562
    shift = 0.00182224
    assert index["WK019330"] == pytest.approx(1 + 0.2 * (score_holtenbroek - shift), abs=1e-6)
    score_poort = (67.98681789 - 65) / 4.38557562
    assert index["WK019320"] == pytest.approx(1 + 0.2 * (365 / 2000 * score_poort - shift), abs=1e-6)
    assert np.average(index, weights=wijken["population"]) == pytest.approx(1.0)


def test_at_wijk_level_the_smallest_wijken_are_not_rounded_away_for_being_small(wijken):
    """At 8 FTE in 0,1-units (exact shares from allocate with unit_fte=0): Vechtlanden (1.030 inhabitants,
    exact 0,057 fte), Marsweteringlanden (1.195, 0,066) and Soestweteringlanden (880, 0,049) get 0,1.
    Soestweteringlanden's priority, 0,49 units / 0,44 = 1,11, beats Schelle's for its eighth unit
    (7,66 / 7,44 = 1,03); with Webster's + 0,5 it did not (0,98 against 7,66 / 7,5 = 1,02), and Schelle
    got 0,8 where it now gets 0,7. Poort van Zwolle (365, 0,021) stays at 0."""
    result = allocate(wijken, Scenario(total_fte=8.0), "wijk").table
    assert result.loc[["WK019332", "WK019341", "WK019352"], "fte"].tolist() == [0.1, 0.1, 0.1]
    assert result.loc["WK019320", "fte"] == 0.0
    assert result.loc["WK019350", "fte"] == pytest.approx(0.7)
    assert result["fte"].sum() == pytest.approx(8.0)
