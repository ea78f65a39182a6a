"""Rounding exact FTE shares to whole units without ever taking staff away as the total grows."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

_TOL = 1e-9
# Steps beyond any real total (1000 FTE in units of 0.001 FTE is 10^6 steps).
_NEVER = 1e9


def quota_round(exact_units: np.ndarray, due: Callable[[int, int], float]) -> np.ndarray:
    """Hand out whole units one at a time; return the units per area after the last step.

    ``exact_units[h - 1, i]`` is area *i*'s exact share, in units, when *h* units
    are shared out (each row sums to *h*). ``due(i, k)`` is the first step at
    which area *i*'s exact share reaches *k* units (inf if never): by then it
    must hold *k* units to stay within one unit of its share.

    Step *h* gives one unit to the area whose next unit is due soonest, among
    the areas still under their upper quota (exact share rounded up); ties go
    to the area furthest below its exact share, then to the area listed first.
    This is Balinski and Young's quota method, with the look-ahead needed when
    the shares are not proportional to the total (the vaste voet):

    - the total is exact: step *h* hands out unit *h*;
    - raising the total never lowers an area: the allocation for *h* units is
      the one for *h - 1* plus one unit (house monotonicity), and ``due`` does
      not depend on how many units are shared out in the end;
    - no area passes its upper quota (eligibility), and giving out the unit
      that is due first is the order that keeps every area at or above its
      lower quota whenever any order can. The property tests in
      ``tests/test_model_rules.py`` check both sides.

    >>> shares = np.array([[0.3, 0.7], [0.6, 1.4], [0.9, 2.1]])
    >>> quota_round(shares, lambda i, k: math.ceil(k / [0.3, 0.7][i])).tolist()
    [1, 2]
    """
    rows = np.asarray(exact_units, dtype=float)
    if rows.ndim != 2:
        raise ValueError("exact_units must be a matrix: one row per number of units")
    n = rows.shape[1]
    # Rounded so that areas with the same share tie exactly instead of by float noise.
    rows = np.round(rows, 9)
    uppers = np.ceil(rows - _TOL)
    alloc = np.zeros(n)
    next_due = np.array([min(due(i, 1), _NEVER) for i in range(n)])
    for row, upper in zip(rows, uppers):
        deficit = row - alloc
        # Deficits lie in (-1, 1], so half a deficit never outweighs a whole step of 'due'.
        key = next_due - 0.5 * deficit
        key[alloc >= upper] = np.inf
        best = int(key.argmin())  # the first of equal keys: the area listed first
        if math.isinf(key[best]):  # only through rounding noise: take the largest deficit
            best = int(deficit.argmax())
        alloc[best] += 1
        next_due[best] = min(due(best, int(alloc[best]) + 1), _NEVER)
    return alloc.astype(np.int64)
