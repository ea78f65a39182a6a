"""Settings, presets and the total-FTE grid."""

import pytest

from opbouw.indicators import INDICATOR_KEYS
from opbouw.settings import PRESETS, Settings, snap_total, total_grid, total_label


def test_a_preset_sets_every_number_and_keeps_the_view():
    start = Settings(cost_per_fte_eur=90_000.0, presence_pct=70, year=2022, level="wijk", baseline="travers")
    six = PRESETS["fte6"].apply(start)
    assert six == Settings(total_fte=6.0, level="wijk", baseline="travers")
    travers = PRESETS["travers"].apply(start)
    assert (travers.total_fte, travers.presence_pct, travers.min_fte_per_area, travers.min_fte_per) == (
        10.0,
        100,
        2.0,
        "stadsdeel",
    )
    assert (travers.year, travers.level, travers.cost_per_fte_eur) == (2024, "wijk", 85_000.0)


def test_the_travers_preset_says_what_it_means_and_what_is_left():
    travers = PRESETS["travers"]
    assert travers.means == "Twee opbouwwerkers per stadsdeel: alles presentie, vaste voet 2 fte per stadsdeel."
    assert travers.left_for_assignment() == "Voor opgavegerichte inzet blijft dan niets over."
    assert (
        PRESETS["fte8"].left_for_assignment()
        == "Voor opgavegerichte inzet blijft 4,0 fte over, naar inwoners × behoefte."
    )


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


@pytest.mark.parametrize("first", list(PRESETS))
@pytest.mark.parametrize("then", list(PRESETS))
def test_a_preset_gives_the_same_numbers_whatever_was_loaded_before(first, then):
    """Before issue 16 presets applied on top of the current settings: after 'advies Travers' (100 %
    presentie, vaste voet 2), '8 fte (huidig)' gave 1,6 to every stadsdeel."""
    from opbouw import allocate, load_areas

    wijken = load_areas("wijk", 2024)
    for level in ("stadsdeel", "wijk"):
        direct = PRESETS[then].apply(Settings(level=level))
        after = PRESETS[then].apply(
            PRESETS[first].apply(Settings(level=level, presence_pct=35, weights=(2.0,) * len(INDICATOR_KEYS)))
        )
        assert after == direct
        a = allocate(wijken, after.scenario(), level).table["fte"]
        b = allocate(wijken, direct.scenario(), level).table["fte"]
        assert a.equals(b)


def test_costs_are_2018_prices_unless_indexed():
    from opbouw.policy import index_factor, price_level

    assert Settings().scenario().cost_per_fte_eur == 85_000.0
    assert price_level(2018, 0.0) == "prijspeil 2018"
    # Three years at 2 %: 85.000 × 1,02³ = 90.202,68
    indexed = Settings(price_year=2021, index_pct=2.0).scenario()
    assert indexed.cost_per_fte_eur == pytest.approx(90_202.68, abs=0.01)
    assert indexed.price_year == 2021 and index_factor(2021, 0.0) == 1.0
    assert price_level(2021, 2.0) == "prijspeil 2021 (2018 + 2,0 % per jaar)"
