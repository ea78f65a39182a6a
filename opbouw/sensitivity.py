"""How the allocation moves as the total or the presence share runs over a range.

The rounding hands out units one at a time and never takes one back, so one
pass over the largest total gives the rounded allocation at every smaller total
on the unit grid: a sweep over the total costs about as much as one allocation.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .model import Scenario, need_index
from .rounding import quota_sequence
from .shares import release_and_deadline, share_lines

SWEEP_UNIT_WITHOUT_ROUNDING = 0.1  # the step of a sweep when results are not rounded


def fte_by_total(areas: pd.DataFrame, scenario: Scenario, max_total_fte: float = 20.0) -> pd.DataFrame:
    """Rounded FTE per area (columns: area codes) for every total from 0 to ``max_total_fte`` (index)
    in steps of the scenario's rounding unit; each row equals ``allocate`` at that total."""
    population = areas["population"].to_numpy(dtype=float)
    need = need_index(areas, scenario.need_weights).to_numpy()
    lines = share_lines(population, need, scenario)
    unit = scenario.unit_fte or SWEEP_UNIT_WITHOUT_ROUNDING
    units = int(round(max_total_fte / unit))
    totals = np.arange(units + 1) * unit
    if scenario.unit_fte:
        sequence = np.asarray(quota_sequence(*release_and_deadline(lines, units, unit)), dtype=np.int64)
        steps = np.zeros((units + 1, len(areas)))
        steps[np.arange(1, units + 1), sequence] = 1
        fte = np.cumsum(steps, axis=0) * unit
    else:
        fte = lines.exact(totals)
    return pd.DataFrame(fte, index=pd.Index(totals, name="total_fte"), columns=areas.index)


def fte_by_share(areas: pd.DataFrame, scenario: Scenario, shares_pct: range = range(0, 101, 5)) -> pd.DataFrame:
    """Rounded FTE per area (columns) at the scenario's total for each presence share in percent (index)."""
    rows = {}
    for pct in shares_pct:
        sweep = fte_by_total(areas, replace(scenario, presence_share=pct / 100), max_total_fte=scenario.total_fte)
        rows[pct] = sweep.iloc[-1]
    return pd.DataFrame(rows).T.rename_axis("presence_pct")
