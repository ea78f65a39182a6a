"""The need index's rules (issue 16): every weight means the same whatever the indicator's spread, one
extreme value cannot take over, and the city average stays 1.0.

Before issue 16 each indicator entered as a ratio to the city average: with one indicator at a time the
spread of the index was 0.71 for overlast and 0.06 for arbeidsparticipatie, and an uploaded cohesion of
0.001 gave Holtenbroek an index of 13.2. These tests fail on that method.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas
from opbouw.indicators import INDICATOR_KEYS
from opbouw.need import DEFAULT_NEED_STRENGTH, MAX_NEED_STRENGTH, need_components, need_index
from tests.strategies import areas, weights


def only(key: str) -> dict[str, float]:
    return {k: float(k == key) for k in INDICATOR_KEYS}


def spread(index: np.ndarray, population: np.ndarray) -> float:
    mean = np.average(index, weights=population)
    return float(np.sqrt(np.average((index - mean) ** 2, weights=population)))


@pytest.mark.parametrize("level", ["wijk", "stadsdeel"])
def test_one_indicator_at_a_time_gives_about_the_same_spread_for_every_indicator(level):
    frame = load_areas(level, 2024)
    population = frame["population"].to_numpy(float)
    spreads = {key: spread(need_index(frame, only(key)).to_numpy(), population) for key in INDICATOR_KEYS}
    assert max(spreads.values()) <= 1.25 * min(spreads.values()), spreads
    # And that spread is the strength: one standard deviation of need is 0,2 of index.
    assert all(value == pytest.approx(DEFAULT_NEED_STRENGTH, abs=0.04) for value in spreads.values()), spreads


@pytest.mark.parametrize("level", ["wijk", "stadsdeel"])
@pytest.mark.parametrize("factor", [1000.0, 1 / 1000])
def test_one_extreme_value_moves_no_area_by_more_than_one(level, factor):
    frame = load_areas(level, 2024)
    for wts in [dict.fromkeys(INDICATOR_KEYS, 1.0), *(only(k) for k in INDICATOR_KEYS)]:
        before = need_index(frame, wts).to_numpy()
        for key in INDICATOR_KEYS:
            for i in np.flatnonzero(frame[key].notna().to_numpy()):
                changed = frame.copy()
                changed.iloc[i, changed.columns.get_loc(key)] *= factor
                after = need_index(changed, wts).to_numpy()
                assert np.abs(after - before).max() <= 1.0, (key, frame.index[i], factor)


def test_an_uploaded_cohesion_of_a_thousandth_no_longer_hands_holtenbroek_the_whole_pool():
    frame = load_areas("wijk", 2024)
    frame.loc["WK019330", "social_cohesion"] = 0.001
    result = allocate(frame, Scenario(total_fte=8.0, presence_share=0.5), level="wijk")
    holtenbroek = result.table.loc["WK019330"]
    assert holtenbroek["need_index"] < 2.0
    assert holtenbroek["assignment_fte"] < 0.25 * 4.0  # of the 4 FTE opgavegerichte inzet
    assert any("Holtenbroek (" in w and "sociale cohesie" in w for w in result.warnings), result.warnings


@settings(max_examples=150, deadline=None)
@given(areas(min_size=2), weights(), st.sampled_from([0.0, 0.1, DEFAULT_NEED_STRENGTH, MAX_NEED_STRENGTH]))
def test_the_index_is_never_negative_and_its_city_average_is_one(frame, wts, strength):
    index = need_index(frame, wts, strength).to_numpy()
    population = frame["population"].to_numpy(float)
    assert (index >= -1e-12).all()
    assert np.average(index, weights=population) == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(areas(min_size=2), weights())
def test_the_contributions_and_the_base_add_up_to_the_index(frame, wts):
    parts = need_components(frame, wts)
    keys = [k for k in INDICATOR_KEYS if k in parts.columns]
    np.testing.assert_allclose(parts[keys].sum(axis=1) + parts["base"], parts["need_index"], atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(areas(min_size=6), st.sampled_from(INDICATOR_KEYS), st.data())
def test_a_capped_value_is_named_in_the_warnings(frame, key, data):
    frame = frame.copy()
    frame[key] = frame[key].fillna(1.0)
    i = data.draw(st.integers(0, len(frame) - 1))
    frame["population"] = 1_000
    # One value far above the rest (of six or more alike): its standard score is beyond the cap.
    frame[key] = [1.0 + j % 2 * 0.1 for j in range(len(frame))]
    frame.iloc[i, frame.columns.get_loc(key)] = 1e6
    result = allocate(frame, Scenario(need_weights=only(key)))
    name = frame["name"].iloc[i]
    assert any("Uitschieters" in w and f"{name} (" in w for w in result.warnings), result.warnings


def test_strength_zero_means_need_does_not_count():
    frame = load_areas("wijk", 2024)
    assert (need_index(frame, None, 0.0) == 1.0).all()


def test_with_presence_only_the_need_index_raises_no_warning():
    # 100 % presentie: the index changes no number, so outliers and gaps in it are not worth a 'Let op'.
    result = allocate(load_areas("wijk", 2024), Scenario(presence_share=1.0), level="stadsdeel")
    assert not any("Uitschieters" in w or "niet bekend" in w for w in result.warnings)
    assert any("Uitschieters" in w for w in allocate(load_areas("wijk", 2024), Scenario()).warnings)
