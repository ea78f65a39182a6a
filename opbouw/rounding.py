"""Rounding exact FTE shares to whole units without ever taking staff away as the total grows."""

from __future__ import annotations

import numpy as np

_TOL = 1e-9


def sequential_round(exact_units: np.ndarray) -> np.ndarray:
    """Hand out whole units one at a time; return the units per area after the last step.

    ``exact_units[h - 1, i]`` is area *i*'s exact share, in units, when *h*
    units are shared out (each row sums to *h*). Step *h* gives one unit to the
    area furthest below its exact share; ties go to the area listed first.

    Why this keeps the three rules of issue 2:

    - the total is exact: step *h* hands out unit *h*;
    - raising the total never lowers an area: the allocation for *h* units is
      the one for *h - 1* plus one unit (house monotonicity);
    - every area stays within one unit of its exact share: before step *h* the
      deficits (exact share minus units held) add up to exactly 1, so the
      largest is positive and the area that gets the unit was below its exact
      share, so it never passes its upper quota (exact share rounded up).
      The lower side is checked by the property tests in
      ``tests/test_model_rules.py``.

    >>> sequential_round(np.array([[0.5, 0.5], [1.0, 1.0], [1.5, 1.5]])).tolist()
    [2, 1]
    >>> sequential_round(np.array([[0.3, 0.7], [0.6, 1.4], [0.9, 2.1]])).tolist()
    [1, 2]
    """
    rows = np.asarray(exact_units, dtype=float)
    if rows.ndim != 2:
        raise ValueError("exact_units must be a matrix: one row per number of units")
    # Rounded so that areas with the same share tie exactly instead of by float noise.
    rows = np.round(rows, 9)
    alloc = np.zeros(rows.shape[1])
    for row in rows:
        # argmax takes the first of equal maxima: ties go to the area listed first.
        alloc[(row - alloc).argmax()] += 1
    return alloc.astype(np.int64)
