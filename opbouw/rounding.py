"""Rounding exact FTE shares to whole units without ever taking staff away as the total grows."""

from __future__ import annotations

import heapq
from collections.abc import Callable

import numpy as np


def quota_sequence(
    n: int, units: int, release: Callable[[int, int], int], deadline: Callable[[int, int], float]
) -> list[int]:
    """The area that gets unit 1, 2, ..., ``units`` when units are handed out one at a time.

    Area *i*'s *k*-th unit may be given from step ``release(i, k)`` on (the first
    step at which its exact share exceeds *k - 1* units, so that it never passes
    its upper quota) and must be given by ``deadline(i, k)`` (the step, as a real
    number, at which its exact share reaches *k* units, so that it never falls a
    whole unit behind; inf if never). Each step gives the unit whose deadline is
    first among the units already released; ties go to the area listed first.

    This is Balinski and Young's quota method, with the look-ahead that the vaste
    voet needs (then shares are not proportional to the total):

    - the total is exact: step *h* hands out unit *h*;
    - raising the total never lowers an area: the allocation for *h* units is the
      one for *h - 1* plus one unit, and release and deadline do not depend on
      how many units are shared out in the end (house monotonicity);
    - no area passes its upper quota, and handing out the unit that is due first
      is the order that meets every deadline whenever any order can (earliest
      deadline first is optimal for unit jobs with release times).

    The property tests in ``tests/test_model_rules.py`` check all three.

    >>> shares = [0.3, 0.7]  # exact units per step, proportional
    >>> quota_sequence(2, 3, lambda i, k: int((k - 1) / shares[i]) + 1, lambda i, k: k / shares[i])
    [1, 1, 0]
    """
    sequence: list[int] = []
    ready: list[tuple[float, int]] = []  # (deadline, area) of released next units
    waiting: list[tuple[int, float, int]] = []  # (release, deadline, area)
    for i in range(n):
        heapq.heappush(waiting, (release(i, 1), deadline(i, 1), i))
    held = [0] * n
    for step in range(1, units + 1):
        while waiting and waiting[0][0] <= step:
            _, due, i = heapq.heappop(waiting)
            heapq.heappush(ready, (due, i))
        if ready:
            _, best = heapq.heappop(ready)
        else:  # only through rounding noise at a release boundary: the unit released first
            _, _, best = heapq.heappop(waiting)
        sequence.append(best)
        held[best] += 1
        k = held[best] + 1
        heapq.heappush(waiting, (release(best, k), deadline(best, k), best))
    return sequence


def quota_round(
    n: int, units: int, release: Callable[[int, int], int], deadline: Callable[[int, int], float]
) -> np.ndarray:
    """Whole units per area after ``units`` steps of :func:`quota_sequence`."""
    return np.bincount(np.asarray(quota_sequence(n, units, release, deadline), dtype=np.int64), minlength=n)
