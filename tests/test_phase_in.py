"""The ingroeipad's rules (issue 17): totals per year, the cap per step, whole units, hold-harmless, the
target reached when it can be, and a shortfall named when it cannot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas
from opbouw.phase_in import PhaseInError, default_totals, phase_in

UNITS = [0.1, 0.5, 1.0]


@st.composite
def paths(draw, reachable: bool = False):
    """current and target (FTE per area, whole units), years, cap (FTE), unit, hold-harmless, totals."""
    n = draw(st.integers(1, 8))
    unit = draw(st.sampled_from(UNITS))
    current = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    target = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    years = draw(st.integers(1, 6))
    cap = draw(st.integers(1, 10))
    hold = draw(st.booleans())
    totals = None
    if not reachable and draw(st.booleans()):
        lo, hi = sorted((sum(current), sum(target)))
        totals = draw(st.lists(st.integers(max(lo - 5, 0), hi + 5), min_size=years, max_size=years))
    index = pd.Index([f"A{i}" for i in range(n)], name="code")
    as_fte = lambda units: pd.Series(np.array(units) * unit, index=index)  # noqa: E731
    return (
        as_fte(current),
        as_fte(target),
        years,
        cap * unit,
        unit,
        hold,
        None if totals is None else [t * unit for t in totals],
    )


def units(frame, unit):
    return np.round(frame.to_numpy() / unit).astype(int)


def run(case):
    current, target, years, cap, unit, hold, totals = case
    try:
        return phase_in(current, target, years, cap, unit, hold, totals)
    except PhaseInError:
        assume(False)  # a cap too small for the totals typed: said in Dutch, tested below


@settings(max_examples=300, deadline=None)
@given(paths())
def test_every_year_has_its_total_in_whole_units_and_starts_from_today(case):
    current, target, years, cap, unit, hold, totals = case
    path = run(case)
    steps = units(path.steps, unit)
    assert np.allclose(path.steps.to_numpy() / unit, steps)  # whole units
    assert (steps >= 0).all()
    assert (steps[:, 0] == units(current, unit)).all()
    expected = (
        default_totals(int(units(current, unit).sum()), int(units(target, unit).sum()), years)
        if totals is None
        else [round(t / unit) for t in totals]
    )
    assert steps[:, 1:].sum(axis=0).tolist() == expected


@settings(max_examples=300, deadline=None)
@given(paths())
def test_no_area_changes_more_than_the_cap_and_hold_harmless_keeps_today(case):
    current, target, years, cap, unit, hold, totals = case
    path = run(case)
    steps = units(path.steps, unit)
    today = steps[:, 0]
    totals_ = steps.sum(axis=0)
    shrank = totals_ < totals_[0]
    if hold:
        for t in range(1, years + 1):
            if not shrank[t]:
                assert (steps[:, t] >= today).all(), t
    # The cap holds in every step, except where hold-harmless lifts an area back to today's level after
    # a year whose typed total was below today's.
    lifted = hold and shrank.any()
    if lifted and any(t >= totals_[0] for t in totals_[np.argmax(shrank) :]):
        assert any("terug op hun huidige inzet" in n for n in path.notes)
    if not lifted:
        assert (np.abs(np.diff(steps, axis=1)) <= round(cap / unit)).all()


@settings(max_examples=300, deadline=None)
@given(paths())
def test_areas_move_towards_their_target_unless_a_note_says_why_not(case):
    current, target, years, cap, unit, hold, totals = case
    path = run(case)
    steps = units(path.steps, unit)
    goal = units(target, unit)
    if any("voorbij zijn doel" in n or "terug op hun huidige inzet" in n for n in path.notes):
        return
    for t in range(1, years + 1):
        before, after = steps[:, t - 1], steps[:, t]
        # Never away from the target, never past it.
        assert ((after - before) * (goal - before) >= 0).all(), t
        assert (np.abs(goal - after) <= np.abs(goal - before)).all(), t


@settings(max_examples=300, deadline=None)
@given(paths(reachable=True))
def test_the_target_is_reached_when_every_gap_fits_in_the_years(case):
    current, target, years, cap, unit, hold, totals = case
    gaps = np.abs(units(target, unit) - units(current, unit))
    assume(not hold and (gaps <= years * round(cap / unit)).all())
    path = run(case)
    assert path.reached, (path.steps, path.notes)
    assert (path.steps[years] - target).abs().max() < 1e-9
    assert not any("niet bereikt" in n for n in path.notes)


@settings(max_examples=300, deadline=None)
@given(paths())
def test_a_target_not_reached_is_said_area_by_area(case):
    path = run(case)
    if path.reached:
        assert not any("niet bereikt" in n for n in path.notes)
        return
    short = [code for code, v in path.shortfall.items() if abs(v) > 1e-9]
    sentence = next(n for n in path.notes if "niet bereikt" in n)
    for code in short:
        assert f"{code} " in sentence


def zwolle() -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    wijken = load_areas("wijk", 2024)
    today = allocate(wijken, Scenario(total_fte=8.0, presence_share=1.0)).table["fte"]
    goal = allocate(wijken, Scenario(total_fte=10.0)).table["fte"]
    return wijken, today, goal


def test_eight_to_ten_fte_from_2027_to_2030_with_a_cap_of_0_3_and_hold_harmless():
    # Today 8 fte by population (the assumed default), the target 10 fte at 50 % presentie: the totals
    # go 8,5 / 9,0 / 9,5 / 10,0, no wijk loses anything, and every wijk reaches its target by 2030.
    wijken, today, goal = zwolle()
    path = phase_in(today, goal, 4, 0.3, hold_harmless=True, names=wijken["name"], first_year=2027)
    assert path.steps.sum().round(6).tolist() == [8.0, 8.5, 9.0, 9.5, 10.0]
    assert (path.steps.sub(today, axis=0) >= -1e-9).all().all()
    assert path.reached and path.notes == ()


def test_a_cap_too_small_names_the_areas_and_what_would_reach_the_target():
    # Moving 2 fte from one area to another with 0,1 fte a year takes 20 years; in 4 the path falls short.
    index = pd.Index(["A", "B"], name="code")
    today = pd.Series([2.0, 0.0], index=index)
    goal = pd.Series([0.0, 2.0], index=index)
    path = phase_in(today, goal, 4, 0.1, names=pd.Series({"A": "Aa-landen", "B": "Berkum"}), first_year=2027)
    assert path.shortfall.round(6).to_dict() == {"A": -1.6, "B": 1.6}
    text = " ".join(path.notes)
    assert "In 2030 is het doel niet bereikt: Aa-landen 1,6 fte te veel en Berkum 1,6 fte te weinig." in text
    assert "een grens van 0,5 fte per jaar" in text and "tot en met 2046" in text


def test_hold_harmless_that_blocks_the_target_says_so():
    index = pd.Index(["A", "B"], name="code")
    path = phase_in(pd.Series([2.0, 0.0], index=index), pd.Series([0.0, 2.0], index=index), 4, 0.5, hold_harmless=True)
    assert not path.reached
    assert any("Met behoud van de huidige inzet kan het doel niet worden gehaald" in n for n in path.notes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_change_per_year": 0.05}, "minstens één eenheid"),
        ({"years": 0}, "1 tot 20 jaar"),
        ({"current": pd.Series([0.15, 0.0], index=["A", "B"])}, "veelvoud van 0,10 fte"),
        ({"current": pd.Series([-1.0, 0.0], index=["A", "B"])}, "0 fte of meer"),
        ({"totals": [1.0]}, "Geef voor elk van de 2 jaren een totaal"),
        ({"target": pd.Series([1.0], index=["A"])}, "dezelfde gebieden"),
    ],
)
def test_input_that_cannot_make_a_path_gets_a_dutch_message(change, message):
    args = {
        "current": pd.Series([1.0, 0.0], index=["A", "B"]),
        "target": pd.Series([0.0, 1.0], index=["A", "B"]),
        "years": 2,
        "max_change_per_year": 0.5,
    } | change
    with pytest.raises(PhaseInError, match=message):
        phase_in(**args)


def test_the_change_against_today_per_area_follows_todays_figures_at_each_level():
    # The explorer's "t.o.v. nu" (issue 18): the assumption (8 fte by population per stadsdeel) at either
    # level, an entry per wijk summed per stadsdeel, and no per-wijk figure invented from an entry per
    # stadsdeel.
    from opbouw import deployment
    from opbouw.settings import Settings

    wijken = load_areas("wijk", 2024)
    ten = Settings(total_fte=10.0)
    for level in ("stadsdeel", "wijk"):
        today = deployment.today_at(wijken, ten, level)
        assert today.assumed and today.fte.sum() == pytest.approx(8.0)
        result = allocate(load_areas(level, 2024), ten.scenario(), level, 2024)
        change = deployment.change_from_today(result, today)
        assert list(change.index) == list(result.table.index)
        assert change.sum() == pytest.approx(2.0), "the two extra fte, over the areas"
    per_wijk = [0.5] * 16
    entered = Settings(total_fte=10.0, current_deployment="wijk:" + ",".join(map(str, per_wijk)))
    summed = deployment.today_at(wijken, entered, "stadsdeel")
    assert not summed.assumed
    assert summed.fte.to_dict() == wijken.groupby("stadsdeel").size().mul(0.5).to_dict()
    by_stadsdeel = Settings(current_deployment="stadsdeel:1.4,1.9,1,2,1.7")
    assert deployment.today_at(wijken, by_stadsdeel, "wijk") is None
    result = allocate(wijken, Settings().scenario(), "wijk", 2024)
    assert deployment.change_from_today(result, None) is None
