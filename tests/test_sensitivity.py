"""Sweeps agree with single allocations and keep the monotone rounding visible."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas
from opbouw.sensitivity import fte_by_share, fte_by_total
from tests.strategies import areas, scenarios


@settings(max_examples=40)
@given(areas(max_size=8), scenarios(max_units=60), st.data())
def test_every_row_of_a_total_sweep_equals_allocate_at_that_total(frame, scenario, data):
    sweep = fte_by_total(frame, scenario, max_total_fte=60 * scenario.unit_fte)
    for h in data.draw(st.lists(st.integers(0, 60), min_size=1, max_size=4)):
        total = sweep.index[h]
        single = allocate(frame, dataclasses.replace(scenario, total_fte=total)).table["fte"].to_numpy()
        assert sweep.iloc[h].to_numpy() == pytest.approx(single)


def test_total_sweep_on_the_wijken_never_goes_down_and_adds_up():
    sweep = fte_by_total(load_areas("wijk", 2024), Scenario())
    assert len(sweep) == 201 and sweep.shape[1] == 16
    assert (np.diff(sweep.to_numpy(), axis=0) >= -1e-9).all()
    assert sweep.sum(axis=1).to_numpy() == pytest.approx(sweep.index.to_numpy())


def test_share_sweep_equals_allocate_at_every_share():
    areas, scenario = load_areas("wijk", 2024), Scenario(total_fte=8.0)
    sweep = fte_by_share(areas, scenario)
    assert list(sweep.index) == list(range(0, 101, 5)) and sweep.shape[1] == 16
    for pct in (0, 35, 50, 100):
        expected = allocate(areas, dataclasses.replace(scenario, presence_share=pct / 100)).table["fte"]
        assert sweep.loc[pct].to_numpy() == pytest.approx(expected.to_numpy())
