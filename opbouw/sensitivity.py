"""How the allocation moves as the total or the presence share runs over a range.

The rounding hands out units one at a time and never takes one back, so one
pass over the largest total gives the rounded allocation at every smaller total
on the unit grid: a sweep over the total costs about as much as one allocation.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .model import Scenario, group_numbers
from .need import need_index
from .shares import share_lines, unit_sequence

SWEEP_UNIT_WITHOUT_ROUNDING = 0.1  # the step of a sweep when results are not rounded


def fte_by_total(
    areas: pd.DataFrame, scenario: Scenario, max_total_fte: float = 20.0, level: str | None = None
) -> pd.DataFrame:
    """Rounded FTE per area (columns: area codes) for every total from 0 to ``max_total_fte`` (index)
    in steps of the scenario's rounding unit; each row equals ``allocate(areas, ..., level)`` at that
    total. ``areas`` are the wijken; with ``level="stadsdeel"`` the columns are their stadsdelen."""
    population = areas["population"].to_numpy(dtype=float)
    need = need_index(areas, scenario.indicator_weights, scenario.need_strength).to_numpy()
    groups = group_numbers(areas)
    lines = share_lines(population, need, scenario, groups)
    unit = scenario.unit_fte or SWEEP_UNIT_WITHOUT_ROUNDING
    units = int(round(max_total_fte / unit))
    totals = np.arange(units + 1) * unit
    if scenario.unit_fte:
        sequence = np.asarray(unit_sequence(lines, units, unit, groups), dtype=np.int64)
        steps = np.zeros((units + 1, len(areas)))
        steps[np.arange(1, units + 1), sequence] = 1
        fte = np.cumsum(steps, axis=0) * unit
    else:
        fte = lines.exact(totals)
    table = pd.DataFrame(fte, index=pd.Index(totals, name="total_fte"), columns=areas.index)
    if level == "stadsdeel":
        table = table.T.groupby(areas["stadsdeel"], sort=True).sum().T
        table.columns.name = "code"
    return table


def fte_by_share(
    areas: pd.DataFrame, scenario: Scenario, shares_pct: range = range(0, 101, 5), level: str | None = None
) -> pd.DataFrame:
    """Rounded FTE per area (columns) at the scenario's total for each presence share in percent (index)."""
    rows = {}
    for pct in shares_pct:
        sweep = fte_by_total(
            areas, replace(scenario, presence_share=pct / 100), max_total_fte=scenario.total_fte, level=level
        )
        rows[pct] = sweep.iloc[-1]
    return pd.DataFrame(rows).T.rename_axis("presence_pct")
