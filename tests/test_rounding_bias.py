"""The rounding no longer favours large wijken (issue 16).

Before issue 16 the units went by earliest deadline first, which leans like D'Hondt: over totals
0,1-20 FTE the five smallest wijken got on average 0,33 of a unit less than their exact share and the
five largest 0,36 more (Aa-landen 0,9 for an exact 0,802; Vechtlanden and Marsweteringlanden 0). The
issue's goal is within +/-0,05 for both groups, with every promise kept.

Sainte-Laguë/Webster priority (share / (units + 0,5)) missed that goal on Zwolle's shares: since Poort
van Zwolle counts without business park Voorst-A its exact share stays below half a unit up to 19 fte,
and the five smallest averaged -0,070 (plain Webster of each total on its own: -0,068). The rounding
point 0,44 (opbouw/rounding.py) brings every preset and both population years within the goal;
benchmarks/bench_rounding_bias.py prints the figures and the sweep over rounding points.
"""

from __future__ import annotations

import pytest

from opbouw import load_areas
from opbouw.settings import PRESETS, Settings
from tests.rounding_bias import SCENARIOS, bias

GOAL = 0.05  # of a unit, mean over the group and over every total (issue 16, point 5)


@pytest.fixture(scope="module", params=[2022, 2024])
def wijken(request):
    return load_areas("wijk", request.param)


@pytest.mark.parametrize("label", list(SCENARIOS))
def test_small_and_large_wijken_are_rounded_alike_over_totals_up_to_20_fte(wijken, label):
    found = bias(wijken, SCENARIOS[label])
    assert abs(found.smallest) <= GOAL and abs(found.largest) <= GOAL, found


def test_webster_priority_alone_leaves_the_smallest_wijken_short():
    """Why the rounding point is not Webster's 0,5: on these shares it misses the goal (if the data
    change so that it no longer does, the reason given on the method page is gone)."""
    found = bias(load_areas("wijk", 2024), SCENARIOS["preset fte8"], rounding_point=0.5)
    assert found.smallest < -GOAL, found


@pytest.mark.parametrize("preset", list(PRESETS))
def test_no_wijk_and_no_stadsdeel_is_ever_a_unit_from_its_share(preset):
    found = bias(load_areas("wijk", 2024), PRESETS[preset].apply(Settings()).scenario())
    assert found.wijk_violations == 0 and found.stadsdeel_violations == 0, found
