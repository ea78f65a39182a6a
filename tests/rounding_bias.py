"""The size bias of the rounding over a sweep of totals (shared by tests/test_rounding_bias.py and
benchmarks/bench_rounding_bias.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from opbouw import Scenario
from opbouw.model import group_numbers, need_index
from opbouw.sensitivity import fte_by_total
from opbouw.shares import share_lines


@dataclass(frozen=True)
class Bias:
    smallest: float  # mean (rounded - exact) in units over the five smallest wijken and every total
    largest: float  # the same for the five largest
    wijk_violations: int  # wijk-total pairs more than one unit from the exact share
    stadsdeel_violations: int
    checks: int
    worst: float


def bias(areas: pd.DataFrame, scenario: Scenario, max_total_fte: float = 20.0, unit: float = 0.1) -> Bias:
    scenario = replace(scenario, unit_fte=unit)
    rounded = fte_by_total(areas, scenario, max_total_fte).iloc[1:]  # totals 0,1 .. 20
    population = areas["population"].to_numpy(dtype=float)
    need = need_index(areas, scenario.need_weights, scenario.need_strength).to_numpy()
    lines = share_lines(population, need, scenario, group_numbers(areas))
    exact = pd.DataFrame(lines.exact(rounded.index.to_numpy()), index=rounded.index, columns=areas.index)
    error = (rounded - exact) / unit
    order = areas["population"].sort_values(kind="stable").index
    by_stadsdeel = error.T.groupby(areas["stadsdeel"]).sum().T
    return Bias(
        smallest=float(error[order[:5]].to_numpy().mean()),
        largest=float(error[order[-5:]].to_numpy().mean()),
        wijk_violations=int((error.abs() >= 1 - 1e-9).to_numpy().sum()),
        stadsdeel_violations=int((by_stadsdeel.abs() >= 1 - 1e-9).to_numpy().sum()),
        checks=int(error.size + by_stadsdeel.size),
        worst=float(np.abs(error.to_numpy()).max()),
    )
