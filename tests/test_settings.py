"""Settings, presets and the total-FTE grid."""

import pytest

from opbouw.settings import PRESETS, Settings, snap_total, total_grid, total_label


def test_presets_change_only_what_they_name():
    start = Settings(cost_per_fte_eur=90_000.0, presence_pct=70, year=2022)
    six = PRESETS["fte6"].apply(start)
    assert six.total_fte == 6.0 and six.presence_pct == 70 and six.cost_per_fte_eur == 90_000.0
    travers = PRESETS["travers"].apply(start)
    assert (travers.total_fte, travers.presence_pct, travers.min_fte_per_area) == (10.0, 100, 2.0)
    assert travers.year == 2022
    assert PRESETS["assignment_only"].apply(start).total_fte == start.total_fte


@pytest.mark.parametrize("unit", ["none", "tenth", "hours4", "half", "one"])
def test_grid_runs_from_0_to_20_and_snapping_lands_on_it(unit):
    grid = total_grid(unit)
    assert grid[0] == 0 and grid[-1] == pytest.approx(20.0)
    assert snap_total(8.3, unit) in grid
    assert abs(snap_total(8.3, unit) - 8.3) <= (grid[1] - grid[0]) / 2 + 1e-9


def test_total_labels_are_dutch():
    assert total_label(8.5, "tenth") == "8,5 fte"
    assert total_label(73 / 9, "hours4") == "8,11 fte (292 uur)"


def test_settings_make_a_scenario():
    scenario = Settings(total_fte=10.0, presence_pct=60, unit="hours4", focus=True, focus_areas=3).scenario()
    assert scenario.presence_share == 0.6
    assert scenario.unit_fte == pytest.approx(1 / 9)
    assert scenario.assignment_focus_areas == 3
    assert Settings(focus=False, focus_areas=3).scenario().assignment_focus_areas == 0
