"""The size bias of the rounding over a sweep of totals (shared by tests/test_rounding_bias.py and
benchmarks/bench_rounding_bias.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from opbouw import Scenario
from opbouw.model import group_numbers
from opbouw.need import MAX_NEED_STRENGTH, need_index
from opbouw.rounding import ROUNDING_POINT, quota_sequence
from opbouw.settings import PRESETS, Settings
from opbouw.shares import exact_units, share_lines

# The scenarios the lean is measured on: every preset, and the two settings that bend the shares most.
SCENARIOS: dict[str, Scenario] = {
    **{f"preset {key}": preset.apply(Settings()).scenario() for key, preset in PRESETS.items()},
    "vaste voet 0,2 fte per wijk": Scenario(min_fte_per_area=0.2, min_fte_per="wijk"),
    "behoefte telt maximaal": Scenario(need_strength=MAX_NEED_STRENGTH),
}


@dataclass(frozen=True)
class Bias:
    smallest: float  # mean (rounded - exact) in units over the five smallest wijken and every total
    largest: float  # the same for the five largest
    wijk_violations: int  # wijk-total pairs more than one unit from the exact share
    stadsdeel_violations: int
    checks: int
    worst: float
    webster_smallest: float  # the same two means for plain Webster rounding of the same shares, each
    webster_largest: float  # total on its own (no quota or monotonicity promises): the unbiased reference


def bias(
    areas: pd.DataFrame,
    scenario: Scenario,
    max_total_fte: float = 20.0,
    unit: float = 0.1,
    rounding_point: float = ROUNDING_POINT,
) -> Bias:
    """The lean over totals ``unit`` .. ``max_total_fte`` of the app's rounding, or of the same method
    with another rounding point (each total's units are the first of one sequence, as in
    :func:`opbouw.sensitivity.fte_by_total`, which tests/test_sensitivity.py checks against ``allocate``)."""
    scenario = replace(scenario, unit_fte=unit)
    population = areas["population"].to_numpy(dtype=float)
    need = need_index(areas, scenario.indicator_weights, scenario.need_strength).to_numpy()
    groups = group_numbers(areas)
    lines = share_lines(population, need, scenario, groups)
    units = int(round(max_total_fte / unit))
    sequence = quota_sequence(exact_units(lines, units, unit), groups, units, rounding_point)
    steps = np.zeros((units, len(areas)))
    steps[np.arange(units), sequence] = 1
    rounded = pd.DataFrame(np.cumsum(steps, axis=0) * unit, index=np.arange(1, units + 1) * unit, columns=areas.index)
    exact = pd.DataFrame(lines.exact(rounded.index.to_numpy()), index=rounded.index, columns=areas.index)
    error = (rounded - exact) / unit
    order = areas["population"].sort_values(kind="stable").index
    by_stadsdeel = error.T.groupby(areas["stadsdeel"]).sum().T
    plain = _webster(exact.to_numpy() / unit) - exact.to_numpy() / unit
    small, large = areas.index.get_indexer(order[:5]), areas.index.get_indexer(order[-5:])
    return Bias(
        smallest=float(error[order[:5]].to_numpy().mean()),
        largest=float(error[order[-5:]].to_numpy().mean()),
        wijk_violations=int((error.abs() >= 1 - 1e-9).to_numpy().sum()),
        stadsdeel_violations=int((by_stadsdeel.abs() >= 1 - 1e-9).to_numpy().sum()),
        checks=int(error.size + by_stadsdeel.size),
        worst=float(np.abs(error.to_numpy()).max()),
        webster_smallest=float(plain[:, small].mean()),
        webster_largest=float(plain[:, large].mean()),
    )


def _webster(exact_units: np.ndarray) -> np.ndarray:
    """Each row rounded on its own by Sainte-Laguë/Webster: h units, each to the highest exact / (held + 0.5)."""
    out = np.zeros_like(exact_units)
    for row, shares in enumerate(exact_units):
        held = np.zeros(len(shares))
        for _ in range(int(round(shares.sum()))):
            held[int(np.argmax(shares / (held + 0.5)))] += 1
        out[row] = held
    return out
