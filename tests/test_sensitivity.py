"""Sweeps agree with single allocations and keep the monotone rounding visible."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw import Scenario, allocate, load_areas
from opbouw.sensitivity import fte_by_total, fte_by_total_and_share
from tests.strategies import areas, scenarios


@settings(max_examples=40)
@given(areas(max_size=8), scenarios(max_units=60), st.data())
def test_every_row_of_a_total_sweep_equals_allocate_at_that_total(frame, scenario, data):
    sweep = fte_by_total(frame, scenario, max_total_fte=60 * scenario.unit_fte)
    for h in data.draw(st.lists(st.integers(0, 60), min_size=1, max_size=4)):
        total = sweep.index[h]
        single = allocate(frame, dataclasses.replace(scenario, total_fte=total))["fte"].to_numpy()
        assert sweep.iloc[h].to_numpy() == pytest.approx(single)


def test_total_sweep_on_the_wijken_never_goes_down_and_adds_up():
    sweep = fte_by_total(load_areas("wijk", 2024), Scenario())
    assert len(sweep) == 201 and sweep.shape[1] == 16
    assert (np.diff(sweep.to_numpy(), axis=0) >= -1e-9).all()
    assert sweep.sum(axis=1).to_numpy() == pytest.approx(sweep.index.to_numpy())


def test_share_sweep_has_21_shares_by_201_totals():
    sweep = fte_by_total_and_share(load_areas("wijk", 2024), Scenario())
    assert sweep.shape == (21 * 201, 16)
    at_8 = sweep.xs(0.5, level="presence_share").iloc[80]
    expected = allocate(load_areas("wijk", 2024), Scenario(total_fte=8.0))["fte"]
    assert at_8.to_numpy() == pytest.approx(expected.to_numpy())
