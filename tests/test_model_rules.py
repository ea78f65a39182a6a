"""Property tests for the allocation rules (issue 2, and issue 16: per wijk, adding up per stadsdeel,
rounding within one unit at both levels). One test per rule."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas, model, need_index
from opbouw.indicators import INDICATOR_KEYS, INDICATORS
from opbouw.rounding import quota_round, quota_sequence
from opbouw.shares import exact_units, round_to_units, share_lines
from tests.strategies import areas, scenarios

TOL = 1e-9


def floors(frame: pd.DataFrame, scenario: Scenario) -> np.ndarray:
    """The vaste voet of each wijk, worked out by hand: ``m`` each, or ``m`` per stadsdeel shared by population."""
    m = scenario.min_fte_per_area
    if scenario.min_fte_per == "wijk":
        return np.full(len(frame), m)
    out = np.zeros(len(frame))
    pop = frame["population"].to_numpy(dtype=float)
    for sd in frame["stadsdeel"].unique():
        member = (frame["stadsdeel"] == sd).to_numpy()
        total = pop[member].sum()
        out[member] = m * (pop[member] / total if total > 0 else 1 / member.sum())
    return out


@given(areas(), scenarios())
def test_rule1_presence_pool_gives_vaste_voet_then_population_share(frame, scenario):
    allocation = allocate(frame, scenario)
    result = allocation.table
    pool = scenario.presence_share * scenario.total_fte
    presence = result["presence_fte"].to_numpy()
    assert presence.sum() == pytest.approx(pool, abs=1e-9)
    floor = floors(frame, scenario)
    pop = frame["population"].to_numpy(dtype=float)
    if floor.sum() <= pool + 1e-9:
        above = presence - floor
        assert (above >= -1e-9).all()
        assert above == pytest.approx((pool - floor.sum()) * pop / pop.sum(), abs=1e-9)
        assert not any("vaste voet" in w for w in allocation.warnings)
    else:
        assert presence == pytest.approx(pool * floor / floor.sum())
        assert any("vaste voet" in w for w in allocation.warnings)


@given(areas(), scenarios())
def test_rule2_assignment_pool_follows_population_times_need(frame, scenario):
    assume(scenario.assignment_focus_areas == 0)
    allocation = allocate(frame, scenario)
    result = allocation.table
    assignment = result["assignment_fte"].to_numpy()
    pool = (1 - scenario.presence_share) * scenario.total_fte
    assert assignment.sum() == pytest.approx(pool, abs=1e-9)
    basis = result["need_index"].to_numpy() * frame["population"].to_numpy()
    if basis.sum() > 0:
        assert assignment == pytest.approx(pool * basis / basis.sum(), abs=1e-9)


@given(areas(min_size=2), scenarios())
def test_focus_gives_assignment_only_to_the_neediest(frame, scenario):
    k = scenario.assignment_focus_areas
    assume(0 < k < len(frame) and scenario.presence_share < 1 and scenario.total_fte > 0)
    allocation = allocate(frame, scenario)
    result = allocation.table
    need = result["need_index"]
    getting = set(result.index[result["assignment_fte"] > 1e-12])
    # The k highest needs; equal needs in the order the areas are listed.
    neediest = set(need.index[np.argsort(-need.to_numpy(), kind="stable")[:k]])
    assert getting and getting <= neediest


@given(areas(), scenarios())
def test_rule3_exact_is_presence_plus_assignment_and_sums_to_total(frame, scenario):
    allocation = allocate(frame, scenario)
    result = allocation.table
    assert result["exact_fte"].to_numpy() == pytest.approx(
        (result["presence_fte"] + result["assignment_fte"]).to_numpy()
    )
    assert result["exact_fte"].sum() == pytest.approx(scenario.total_fte, abs=1e-9)


@settings(max_examples=300)
@given(areas(), scenarios())
def test_rule4_rounded_total_is_exact_and_every_wijk_and_stadsdeel_within_one_unit(frame, scenario):
    unit = scenario.unit_fte
    for level in ("wijk", "stadsdeel"):
        result = allocate(frame, scenario, level).table
        units = result["fte"].to_numpy() / unit
        assert units == pytest.approx(np.round(units), abs=1e-6), "every area gets whole units"
        assert int(np.round(units).sum()) == round(scenario.total_fte / unit), "the rounded total is exact"
        assert (np.abs(result["fte"] - result["exact_fte"]) < unit + TOL).all(), level


@settings(max_examples=200)
@given(areas(), scenarios())
def test_a_stadsdeel_is_exactly_the_sum_of_its_wijken(frame, scenario):
    wijken = allocate(frame, scenario, "wijk").table
    stadsdelen = allocate(frame, scenario, "stadsdeel").table
    summed = wijken.groupby("stadsdeel")[["fte", "exact_fte", "presence_fte", "assignment_fte", "cost_eur"]].sum()
    for column in summed.columns:
        np.testing.assert_allclose(stadsdelen[column].to_numpy(), summed.loc[stadsdelen.index, column], atol=1e-9)
    assert stadsdelen["population"].sum() == frame["population"].sum()


@settings(max_examples=150)
@given(areas(), scenarios(max_units=120))
def test_rule4_raising_the_total_by_one_unit_never_lowers_a_wijk(frame, scenario):
    bigger = dataclasses.replace(scenario, total_fte=scenario.total_fte + scenario.unit_fte)
    before = allocate(frame, scenario).table["fte"].to_numpy()
    after = allocate(frame, bigger).table["fte"].to_numpy()
    assert (after >= before - TOL).all()
    assert after.sum() == pytest.approx(before.sum() + scenario.unit_fte)


@given(areas(), scenarios())
def test_a_result_has_the_areas_columns_then_the_result_columns_and_allocating_it_again_changes_nothing(
    frame, scenario
):
    result = allocate(frame, scenario, "wijk", 2024)
    assert list(result.table.columns) == [*frame.columns, *model.RESULT_COLUMNS]
    assert result.table.index.equals(frame.index)
    assert (result.scenario, result.level, result.year) == (scenario, "wijk", 2024)
    assert result.distributed_fte == pytest.approx(float(result.table["fte"].sum()))
    again = allocate(result.table, scenario)
    pd.testing.assert_frame_equal(again.table, result.table)
    assert again.warnings == result.warnings
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.warnings = ()  # type: ignore[misc]


def test_a_scenario_copies_like_any_frozen_dataclass():
    import copy

    scenario = Scenario(total_fte=9.0, need_weights={"income": 2.0})
    for duplicate in (copy.copy(scenario), copy.deepcopy(scenario)):
        assert duplicate == scenario and hash(duplicate) == hash(scenario)
    assert copy.deepcopy(scenario).need_weights is not scenario.need_weights


@pytest.mark.parametrize("level", ["stadsdeel", "wijk"])
def test_writing_to_a_result_never_changes_the_areas_or_the_other_way_round(level):
    areas = load_areas(level, 2024)
    before = areas.copy(deep=True)
    allocation = allocate(areas, Scenario())
    result = allocation.table
    kept = result.copy(deep=True)
    result.iloc[0, result.columns.get_loc("population")] = -1
    result.iloc[0, result.columns.get_loc("name")] = "Overschreven"
    result.loc[:, "income"] = 0.0
    pd.testing.assert_frame_equal(areas, before)
    areas.iloc[1, areas.columns.get_loc("population")] = -2
    areas.iloc[1, areas.columns.get_loc("name")] = "Ook overschreven"
    assert result.iloc[1]["population"] == kept.iloc[1]["population"]
    assert result.iloc[1]["name"] == kept.iloc[1]["name"]


@given(areas(), scenarios(), st.lists(st.floats(0, 40), min_size=1, max_size=30))
def test_exact_lines_are_presence_plus_assignment(frame, scenario, totals):
    population = frame["population"].to_numpy(dtype=float)
    lines = share_lines(population, need_index(frame).to_numpy(), scenario)
    totals = np.array(totals)
    expected = lines.presence(totals) + lines.assignment(totals)
    np.testing.assert_allclose(lines.exact(totals), expected, rtol=1e-12, atol=1e-12)


@given(areas(), scenarios())
def test_rule5_cost_is_fte_times_cost_per_fte(frame, scenario):
    allocation = allocate(frame, scenario)
    result = allocation.table
    assert result["cost_eur"].to_numpy() == pytest.approx(result["fte"].to_numpy() * scenario.cost_per_fte_eur)


@given(areas(), scenarios())
def test_per_10k_is_fte_per_ten_thousand_inhabitants(frame, scenario):
    allocation = allocate(frame, scenario)
    result = allocation.table
    populated = result["population"] > 0
    expected = result.loc[populated, "fte"] / result.loc[populated, "population"] * 10_000
    assert result.loc[populated, "fte_per_10k"].to_numpy() == pytest.approx(expected.to_numpy())
    assert result.loc[~populated, "fte_per_10k"].isna().all()


@given(areas(min_size=2))
def test_need_index_city_average_is_one(frame):
    index = need_index(frame)
    pop = frame["population"].to_numpy(dtype=float)
    assert np.average(index, weights=pop) == pytest.approx(1.0)
    assert np.isfinite(index).all() and (index >= 0).all()


@given(areas(min_size=2), st.data())
def test_need_index_is_higher_for_an_area_worse_on_every_indicator(frame, data):
    frame = frame.copy()
    # Area 1 = area 0 made strictly worse on every indicator that area 0 has, with as many inhabitants
    # (a smaller area's deviation counts less: test_need_themes.py).
    people = max(int(frame["population"].iloc[0]), 1)
    frame.iloc[[0, 1], frame.columns.get_loc("population")] = people
    for key in INDICATOR_KEYS:
        v = frame[key].iloc[0]
        if np.isnan(v):
            v = data.draw(st.floats(1.0, 50.0))
            frame.iloc[0, frame.columns.get_loc(key)] = v
        worse = v * 1.2 + 0.5 if INDICATORS[key].more_need_when_higher else v / 1.2
        frame.iloc[1, frame.columns.get_loc(key)] = worse
    index = need_index(frame)
    assert index.iloc[1] > index.iloc[0]


@given(areas(min_size=2))
def test_equal_indicators_give_equal_indices(frame):
    frame = frame.copy()
    for key in [*INDICATOR_KEYS, "population"]:
        frame.iloc[1, frame.columns.get_loc(key)] = frame[key].iloc[0]
    index = need_index(frame)
    assert index.iloc[1] == pytest.approx(index.iloc[0])


def test_missing_indicator_uses_the_others_and_says_so():
    frame = pd.DataFrame(
        {"name": ["Klein", "Groot"], "population": [900, 20_000]},
        index=pd.Index(["A", "B"], name="code"),
    )
    for key in INDICATOR_KEYS:
        frame[key] = [2.0, 4.0] if INDICATORS[key].more_need_when_higher else [4.0, 2.0]
    frame.loc["A", "income"] = np.nan
    allocation = allocate(frame, Scenario(total_fte=2.0))
    result = allocation.table
    # Every indicator but income says A has half B's need on each; income is left out for A.
    assert result.loc["A", "need_index"] < result.loc["B", "need_index"]
    assert any("Klein" in w and "inkomen" in w for w in allocation.warnings)


def test_ties_go_to_the_area_listed_first():
    thirds = np.array([[1 / 3] * 3, [2 / 3] * 3, [1.0] * 3])
    assert quota_round(thirds, steps=1).tolist() == [1, 0, 0]
    assert quota_round(thirds, steps=2).tolist() == [1, 1, 0]
    # And the same in a real allocation: five equal areas, one unit.
    frame = pd.DataFrame({"name": list("ABCDE"), "population": [100] * 5}, index=list("abcde"))
    allocation = allocate(frame, Scenario(total_fte=0.1, presence_share=1.0))
    assert allocation.table["fte"].tolist() == [0.1, 0.0, 0.0, 0.0, 0.0]


def test_the_next_unit_goes_by_divisor_priority_not_to_the_largest():
    """Share divided by units held + 0,44: with shares 2,4 and 0,6 of three units, D'Hondt (share / (held + 1))
    gives the third unit to the large area (2,4 / 3 = 0,8 against 0,6 / 1); this rule to the small one
    (2,4 / 2,44 = 0,98 against 0,6 / 0,44 = 1,36)."""
    exact = np.array([[0.8, 0.2], [1.6, 0.4], [2.4, 0.6], [3.2, 0.8], [4.0, 1.0]])
    assert quota_sequence(exact, steps=3) == [0, 0, 1]


def test_a_unit_goes_to_the_area_that_would_otherwise_fall_a_unit_behind():
    # B's priority is lower at step 1 (0,3 / 0,44 < 0,7 / 0,44), but its share reaches 1 at step 2
    # while A's stays below 1 until step 3: with one unit each, both keep their lower quota.
    exact = np.array([[0.4, 0.6], [0.7, 1.3], [1.6, 1.4], [2.0, 2.0]])
    sequence = quota_sequence(exact, steps=2)
    held = np.bincount(sequence, minlength=2)
    assert (held >= np.floor(exact[1])).all() and (held <= np.ceil(exact[1])).all()


def test_the_look_ahead_keeps_a_stadsdeel_within_its_quota():
    # Two wijken of one stadsdeel (0) and one of another (1). Unit by unit, Webster alone would give
    # the wijken of stadsdeel 0 more than its upper quota allows; the group's quota stops that.
    exact = np.array(
        [[0.45, 0.45, 0.1], [0.9, 0.9, 0.2], [1.35, 1.35, 0.3]] + [[0.45 * h, 0.45 * h, 0.1 * h] for h in range(4, 60)]
    )
    groups = np.array([0, 0, 1])
    for h in range(1, 40):
        held = quota_round(exact, groups, steps=h)
        group = np.array([held[:2].sum(), held[2]])
        group_exact = np.array([exact[h - 1, :2].sum(), exact[h - 1, 2]])
        assert (np.abs(held - exact[h - 1]) < 1 + 1e-9).all(), h
        assert (np.abs(group - group_exact) < 1 + 1e-9).all(), h


def test_shares_that_cannot_fill_a_step_are_refused():
    with pytest.raises(ValueError, match="by step h"):
        quota_sequence(np.array([[0.0, 0.0], [0.0, 0.0]]), steps=1)


def test_vaste_voet_regime_change_keeps_the_lower_quota():
    """Found by hypothesis: with a vaste voet the shares bend at the total where it fits.
    Seven empty areas and three with people, vaste voet 0,1, units of 0,25 FTE: while the
    pool is split equally, handing the first units to the empty areas would leave a populated
    area more than one unit short at 1,5 FTE. The look-ahead gives them to the populated ones."""
    population = np.array([0, 0, 0, 0, 0, 0, 0, 2, 2, 2], dtype=float)
    scenario = Scenario(presence_share=1.0, min_fte_per_area=0.1, unit_fte=0.25, min_fte_per="wijk")
    lines = share_lines(population, np.zeros(10), scenario)
    for h in range(1, 13):
        exact = lines.exact(np.array([h * 0.25]))[0] / 0.25
        alloc = round_to_units(lines, h, 0.25)
        assert alloc.sum() == h
        assert (np.abs(alloc - exact) < 1 + 1e-9).all(), (h, alloc, exact)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("total_fte", -1.0, "totaal aantal fte"),
        ("total_fte", float("nan"), "totaal aantal fte"),
        ("presence_share", 1.5, "presentie-inzet"),
        ("min_fte_per_area", -0.5, "vaste voet"),
        ("unit_fte", -0.1, "afrondingseenheid"),
        ("min_fte_per", "buurt", "vaste voet"),
        ("need_strength", 0.5, "behoefteverschillen"),
        ("cost_per_fte_eur", -1.0, "kosten"),
        ("assignment_focus_areas", -1, "gebieden"),
        ("need_weights", {"onbekend": 1.0}, "Onbekende indicator"),
        ("need_weights", {"income": -1.0}, "gewicht"),
    ],
)
def test_invalid_scenarios_raise_a_dutch_message(field, value, fragment):
    with pytest.raises(ValueError, match=fragment):
        Scenario(**{field: value})


def test_off_grid_total_distributes_the_whole_units_and_warns():
    frame = pd.DataFrame({"name": ["A", "B"], "population": [1, 1]}, index=["a", "b"])
    allocation = allocate(frame, Scenario(total_fte=8.5, unit_fte=1.0, presence_share=1.0))
    result = allocation.table
    assert result["fte"].sum() == pytest.approx(8.0)
    assert any("geen veelvoud" in w for w in allocation.warnings)


@settings(max_examples=400)
@given(
    st.lists(st.integers(0, 50_000), min_size=1, max_size=30),
    st.data(),
)
def test_sequential_round_keeps_quota_at_every_step_for_wijken_and_stadsdelen(population, data):
    """The rounding on its own, cheap enough for many examples: every step of a long sequence stays
    within one unit of the exact shares (lower and upper quota), for every wijk and every group."""
    population = np.array(population, dtype=float)
    n = len(population)
    need = np.array(data.draw(st.lists(st.floats(0.0, 5.0), min_size=n, max_size=n)))
    n_groups = data.draw(st.integers(1, min(n, 6)))
    groups = np.array(data.draw(st.lists(st.integers(0, n_groups - 1), min_size=n, max_size=n)))
    groups = np.unique(groups, return_inverse=True)[1]  # numbered 0..G-1
    scenario = data.draw(scenarios(max_units=1))
    unit = scenario.unit_fte
    steps = data.draw(st.integers(1, 120))
    lines = share_lines(population, need, scenario, groups)
    exact = exact_units(lines, steps, unit)
    sequence = quota_sequence(exact, groups, steps)
    held = np.zeros(n)
    member = np.eye(groups.max() + 1)[groups]
    for h, area in enumerate(sequence, start=1):
        held[area] += 1
        assert (np.abs(held - exact[h - 1]) < 1 + 1e-9).all(), ("wijk", h)
        assert (np.abs(held @ member - exact[h - 1] @ member) < 1 + 1e-9).all(), ("stadsdeel", h)


def test_a_unit_to_a_small_wijk_never_leaves_its_stadsdeel_no_room_for_a_large_one():
    """Found by hypothesis: Webster gave units 6, 7 and 8 to three small wijken of one stadsdeel, which
    then held its upper quota (6 of an exact 5,998) when its largest wijk reached 4,0006 and needed a
    fourth unit. The look-ahead now also keeps room in the stadsdeel."""
    population = np.array([0, 119, 785, 588, 0, 0, 154, 1, 0, 119], dtype=float)
    groups = np.array([0, 0, 0, 2, 0, 0, 0, 1, 0, 0])
    scenario = Scenario(presence_share=0.0, need_weights=dict.fromkeys(INDICATOR_KEYS, 0.0), need_strength=0.0)
    lines = share_lines(population, np.zeros(10), scenario, groups)
    exact = exact_units(lines, 9, 0.1)
    held = quota_round(exact, groups, 9)
    assert (np.abs(held - exact[8]) < 1).all()
