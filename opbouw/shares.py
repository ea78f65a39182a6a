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

from .rounding import quota_round

if TYPE_CHECKING:
    from .model import Scenario

_EPS = 1e-9
_RELEASE_TOL = 1e-9


def _shares(values: np.ndarray) -> np.ndarray:
    total = values.sum()
    if total > 0:
        return values / total
    return np.full(len(values), 1.0 / len(values))


@dataclass(frozen=True)
class ShareLines:
    """Every area's exact FTE as a function of the total: straight lines with one bend.

    While the presence pool cannot pay the vaste voet of every area (total below
    ``switch_fte``), each area's exact share is ``small_slope × total``; from
    there on it is ``intercept + slope × total``. Knowing the lines, not just the
    values at one total, lets the rounding look ahead.
    """

    presence_share: float
    min_fte: float
    pop_share: np.ndarray
    assign_share: np.ndarray

    @property
    def n(self) -> int:
        return len(self.pop_share)

    def too_small(self, totals: np.ndarray) -> np.ndarray:
        return self.n * self.min_fte > self.presence_share * totals + _EPS

    def presence(self, totals: np.ndarray) -> np.ndarray:
        """Presence FTE, one row per total."""
        t = np.asarray(totals, dtype=float)[:, None]
        pool = self.presence_share * t
        m = self.min_fte
        return np.where(self.too_small(t), pool / self.n, m + np.maximum(pool - self.n * m, 0.0) * self.pop_share)

    def assignment(self, totals: np.ndarray) -> np.ndarray:
        """Assignment FTE, one row per total."""
        return (1.0 - self.presence_share) * np.asarray(totals, dtype=float)[:, None] * self.assign_share

    def exact(self, totals: np.ndarray) -> np.ndarray:
        """Presence plus assignment FTE, one row per total, from the lines' constants
        (one pass over the table instead of the two pools' formulas)."""
        t = np.asarray(totals, dtype=float)[:, None]
        after = self._intercept.T + self._slope.T * t
        if self._switch <= 0:  # no vaste voet, or one that always fits
            return after
        return np.where(t < self._switch, self._small_slope.T * t, after)

    def __post_init__(self) -> None:
        # The lines' constants, one row per area, for exact and first_totals_reaching.
        s, m, n = self.presence_share, self.min_fte, len(self.pop_share)
        if s > 0:
            switch = max((n * m - _EPS) / s, 0.0)
        else:
            switch = math.inf if n * m > _EPS else 0.0
        p, w = self.pop_share[:, None], self.assign_share[:, None]
        object.__setattr__(self, "_switch", switch)
        object.__setattr__(self, "_small_slope", (s / n if n else 0.0) + (1 - s) * w)
        object.__setattr__(self, "_intercept", m - n * m * p)
        object.__setattr__(self, "_slope", s * p + (1 - s) * w)

    def first_totals_reaching(self, fte: np.ndarray) -> np.ndarray:
        """The smallest total at which each area's exact share reaches each value in ``fte``
        (rows: areas, columns: values; inf where it never does)."""
        fte = np.asarray(fte, dtype=float)[None, :]
        switch = self._switch
        small, intercept, slope = self._small_slope, self._intercept, self._slope
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            after = np.where(
                slope > 0,
                np.maximum((fte - intercept) / np.where(slope > 0, slope, 1.0), switch),
                np.where(intercept >= fte, switch, math.inf),
            )
            if switch <= 0:  # the bend is at 0: every total is on the second line
                return after
            before = np.where(small > 0, fte / np.where(small > 0, small, 1.0), math.inf)
        if math.isinf(switch):
            after = np.full_like(after, math.inf)
        use_before = (small > 0) & (before < switch)  # switch > 0 here
        return np.where(use_before, np.maximum(before, 0.0), after)


def share_lines(population: np.ndarray, need: np.ndarray, scenario: Scenario) -> ShareLines:
    """The lines for these areas under this scenario (everything but the total)."""
    n = len(population)
    weight = need * population if scenario.need_basis == "population_x_need" else need.copy()
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
    return ShareLines(
        presence_share=scenario.presence_share,
        min_fte=scenario.min_fte_per_area,
        pop_share=_shares(population.astype(float)),
        assign_share=_shares(weight),
    )


def round_to_units(lines: ShareLines, units: int, unit_fte: float) -> np.ndarray:
    """Whole units per area when ``units`` units are shared out (see :func:`opbouw.rounding.quota_sequence`)."""
    return quota_round(*release_and_deadline(lines, units, unit_fte))


def release_and_deadline(lines: ShareLines, units: int, unit_fte: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tables the rounding reads: exact shares in units at steps 1..``units``, how many
    units each area may have by each step, and by which step each of those units is due."""
    steps = np.arange(1, units + 1) * unit_fte
    exact_units = np.round(lines.exact(steps) / unit_fte, 9)
    # A running maximum: shares never fall as the total grows, but float noise at the bend could.
    exact_units = np.maximum.accumulate(exact_units, axis=0)
    # An area may have k units from the first step where its share is above k - 1 units.
    released = np.maximum(np.ceil(exact_units - _RELEASE_TOL), 0).astype(np.int64)
    most = int(released[-1].max()) if units else 0
    with np.errstate(over="ignore"):  # a total too large to reach is inf, which is the right answer
        deadlines = lines.first_totals_reaching(np.arange(1, most + 1) * unit_fte) / unit_fte
    return exact_units, released, deadlines


def grid_units(total_fte: float, unit_fte: float) -> tuple[int, bool]:
    """How many whole units fit in the total, and whether the total is on the unit grid."""
    exact = total_fte / unit_fte
    nearest = round(exact)
    if abs(nearest - exact) <= 1e-6:
        return int(nearest), True
    return int(math.floor(exact)), False
