"""Every area's exact FTE as a function of the total, and its rounding to whole units.

The lines depend on everything in a scenario but the total, so the rounding can look ahead
(:mod:`opbouw.rounding`) and a sweep over totals (:mod:`opbouw.sensitivity`) costs about one
allocation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .rounding import lookahead, quota_round, quota_sequence

if TYPE_CHECKING:
    from .model import Scenario

_EPS = 1e-9


def _shares(values: np.ndarray) -> np.ndarray:
    total = values.sum()
    if total > 0:
        return values / total
    return np.full(len(values), 1.0 / len(values))


@dataclass(frozen=True)
class ShareLines:
    """Every area's exact FTE as a function of the total: straight lines with one bend.

    ``floor[i]`` is the vaste voet area *i* gets from the presence pool (per wijk, or its share of its
    stadsdeel's); while the pool cannot pay all of them (total below the bend), the pool is shared in
    proportion to those floors, and from there on every area gets its floor plus a population share
    of the rest. The assignment pool follows ``assign_share``. Knowing the lines, not just the values
    at one total, lets the rounding look ahead and a sweep over totals cost one allocation.
    """

    presence_share: float
    floor: np.ndarray
    pop_share: np.ndarray
    assign_share: np.ndarray

    @property
    def n(self) -> int:
        return len(self.pop_share)

    @property
    def floors(self) -> float:
        return float(self.floor.sum())

    def too_small(self, totals: np.ndarray) -> np.ndarray:
        return self.floors > self.presence_share * np.asarray(totals, dtype=float) + _EPS

    def presence(self, totals: np.ndarray) -> np.ndarray:
        """Presence FTE, one row per total."""
        t = np.asarray(totals, dtype=float)[:, None]
        pool = self.presence_share * t
        floors = self.floors
        by_floor = self.floor / floors if floors > 0 else np.zeros(self.n)
        return np.where(
            self.too_small(t), pool * by_floor, self.floor + np.maximum(pool - floors, 0.0) * self.pop_share
        )

    def assignment(self, totals: np.ndarray) -> np.ndarray:
        """Assignment FTE, one row per total."""
        return (1.0 - self.presence_share) * np.asarray(totals, dtype=float)[:, None] * self.assign_share

    def exact(self, totals: np.ndarray) -> np.ndarray:
        """Presence plus assignment FTE, one row per total."""
        return self.presence(totals) + self.assignment(totals)


def vaste_voet(population: np.ndarray, groups: np.ndarray, min_fte: float, per_group: bool) -> np.ndarray:
    """Each area's floor: ``min_fte`` per area, or ``min_fte`` per group shared by population within it
    (equally where a group has no inhabitants)."""
    if not per_group:
        return np.full(len(population), float(min_fte))
    member = np.zeros((len(population), int(groups.max()) + 1 if len(groups) else 0))
    member[np.arange(len(population)), groups] = 1.0
    group_pop = population @ member
    size = member.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        within = np.where(group_pop[groups] > 0, population / group_pop[groups], 1.0 / size[groups])
    return min_fte * within


def share_lines(
    population: np.ndarray, need: np.ndarray, scenario: Scenario, groups: np.ndarray | None = None
) -> ShareLines:
    """The lines for these areas under this scenario (everything but the total). ``groups`` numbers
    each area's stadsdeel (for a vaste voet per stadsdeel; default: every area its own)."""
    n = len(population)
    groups = np.arange(n) if groups is None else groups
    weight = need * population
    weight = np.where(np.isfinite(weight) & (weight > 0), weight, 0.0)
    k = scenario.assignment_focus_areas
    keep = np.ones(n, dtype=bool)
    if 0 < k < n:
        # Highest need first; ties go to the area listed first (stable sort).
        keep[:] = False
        keep[np.argsort(-need, kind="stable")[:k]] = True
        weight = np.where(keep, weight, 0.0)
    # Without any weight (no need, or nobody living there) share by population, then equally,
    # but always among the areas that may get assignment work.
    if weight.sum() <= 0:
        weight = np.where(keep, population.astype(float), 0.0)
    if weight.sum() <= 0:
        weight = keep.astype(float)
    per_group = scenario.min_fte_per == "stadsdeel"
    return ShareLines(
        presence_share=scenario.presence_share,
        floor=vaste_voet(population.astype(float), groups, scenario.min_fte_per_area, per_group),
        pop_share=_shares(population.astype(float)),
        assign_share=_shares(weight),
    )


def exact_units(lines: ShareLines, units: int, unit_fte: float) -> np.ndarray:
    """The exact shares in units at steps 1..``units`` plus the rounding's look-ahead steps (no
    column falls: float noise at the bend could make one)."""
    steps = np.arange(1, units + lookahead(lines.n) + 1) * unit_fte
    return np.maximum.accumulate(np.round(lines.exact(steps) / unit_fte, 9), axis=0)


def round_to_units(lines: ShareLines, units: int, unit_fte: float, groups: np.ndarray | None = None) -> np.ndarray:
    """Whole units per area when ``units`` units are shared out (see :func:`opbouw.rounding.quota_sequence`)."""
    return quota_round(exact_units(lines, units, unit_fte), groups, units)


def unit_sequence(lines: ShareLines, units: int, unit_fte: float, groups: np.ndarray | None = None) -> list[int]:
    """Which area gets unit 1, 2, ..., ``units``: the allocation at every total on the unit grid at once."""
    return quota_sequence(exact_units(lines, units, unit_fte), groups, units)


def grid_units(total_fte: float, unit_fte: float) -> tuple[int, bool]:
    """How many whole units fit in the total, and whether the total is on the unit grid."""
    exact = total_fte / unit_fte
    nearest = round(exact)
    if abs(nearest - exact) <= 1e-6:
        return int(nearest), True
    return int(math.floor(exact)), False
