"""Rounding exact FTE shares to whole units, at two levels at once, without size bias and without
ever taking staff away as the total grows.

Units are handed out one at a time (step *h* hands out unit *h*), so raising the total never lowers an
area: the allocation for *h* units is the one for *h - 1* plus one unit (house monotonicity). Each step
keeps two promises at both levels, for every wijk and for every stadsdeel (a group of wijken):

- *upper quota*: nobody gets a unit that takes it more than its exact share rounded up;
- *lower quota*: nobody falls a whole unit behind its exact share.

Among the wijken the upper quotas allow, the unit goes by divisor priority, the exact share divided
by the units held plus :data:`ROUNDING_POINT` (ties: the wijk furthest below its share, then the first
listed), unless that would leave a later lower quota impossible to meet: then the unit goes to the
first wijk in that order that keeps every promise. D'Hondt-like rules (the earliest deadline first, as
before issue 16; a rounding point of 1) favour large areas (Birkhoff, PNAS 1976). Sainte-Laguë
(Webster, 0.5) is unbiased when the areas' fractional shares are spread evenly (Balinski and Young,
*Fair Representation*, 2001), but Zwolle's smallest wijken hold less than one unit over most totals, and
there Webster leaves them short on average (-0.07 of a unit for the five smallest over 0.1-20 FTE).
The rounding point is therefore the one of this family (Balinski and Young's stationary divisor
methods) at which the measured lean is smallest: ``benchmarks/bench_rounding_bias.py --sweep`` prints
it for every point from 0.40 to 0.50 over the presets and both population years;
``tests/test_rounding_bias.py`` checks the lean and ``tests/test_model_rules.py`` every promise.

Whether the lower quotas can still be met is a counting argument: by every later step *t*, the units
still needed (per stadsdeel the larger of what its wijken still need and what it still needs itself)
must fit in the steps left until *t*, and what a stadsdeel's wijken must then hold may not pass the
stadsdeel's upper quota (a unit to a small wijk now must not leave no room for a large one later).
The check looks :func:`lookahead` steps ahead of each step, never at the final total, so the first
*h* units are handed out the same whatever the total.
"""

from __future__ import annotations

import numpy as np

_TOL = 1e-9
LOOKAHEAD_MIN = 8  # steps; plus two per area (see lookahead)
# The divisor priority is exact share / (units held + ROUNDING_POINT): 0.5 is Sainte-Laguë (Webster),
# 1 D'Hondt. 0.44 gives the least lean between Zwolle's small and large wijken (see the module text).
ROUNDING_POINT = 0.44


def lookahead(n_areas: int) -> int:
    """How many steps ahead the lower-quota check looks: enough for every area's next deadline to
    fall inside it whenever two could collide."""
    return LOOKAHEAD_MIN + 2 * n_areas


def quota_sequence(
    exact_units: np.ndarray,
    groups: np.ndarray | None = None,
    steps: int | None = None,
    rounding_point: float = ROUNDING_POINT,
) -> list[int]:
    """The area that gets unit 1, 2, ..., *H* (``steps``, default: every row) when units are handed out
    one at a time.

    ``exact_units[h - 1, i]`` is area *i*'s exact share, in units, when *h* units are shared out (each
    row sums to *h*, and no column falls); rows after *H* are the look-ahead (give at least
    :func:`lookahead` more where the shares are known). ``groups[i]`` is area *i*'s stadsdeel as a
    number 0..G-1 (default: every area its own). ``rounding_point`` is the divisor's offset
    (:data:`ROUNDING_POINT`; 0.5 is Webster).

    >>> shares = np.array([[0.3, 0.7], [0.6, 1.4], [0.9, 2.1]])
    >>> quota_sequence(shares)
    [1, 0, 1]
    """
    exact = np.round(np.asarray(exact_units, dtype=float), 9)
    rows, n = exact.shape
    steps = rows if steps is None else steps
    if steps == 0:
        return []
    groups = np.arange(n) if groups is None else np.asarray(groups, dtype=np.int64)
    n_groups = int(groups.max()) + 1
    member = np.zeros((n, n_groups))
    member[np.arange(n), groups] = 1.0
    group_exact = np.round(exact @ member, 9)
    upper = np.ceil(exact - _TOL)
    lower = np.floor(exact + _TOL)
    group_upper = np.ceil(group_exact - _TOL)
    group_lower = np.floor(group_exact + _TOL)
    window = lookahead(n)
    slots = np.arange(1, window + 1)

    held = np.zeros(n)
    group_held = np.zeros(n_groups)
    sequence: list[int] = []
    for step in range(steps):
        end = min(step + window, rows)
        # What every stadsdeel still needs by each of the next steps, and how much room there is.
        wijk_need = np.maximum(lower[step:end] - held, 0.0) @ member
        own_need = np.maximum(group_lower[step:end] - group_held, 0.0)
        need = np.maximum(wijk_need, own_need)
        tight = np.flatnonzero(need.sum(axis=1) >= slots[: end - step])

        allowed = np.flatnonzero((held < upper[step]) & (group_held[groups] < group_upper[step, groups]))
        if len(allowed) == 0:
            raise ValueError("the exact shares must allow h units by step h")
        share = exact[step, allowed]
        priority = share / (held[allowed] + rounding_point)
        deficit = share - held[allowed]
        order = allowed[np.lexsort((allowed, -deficit, -priority))]
        # What each stadsdeel must hold by each of the next steps if its wijken keep their lower quota:
        # it may not pass the stadsdeel's upper quota then.
        future = lower[step:end]
        demand = np.maximum(future, held) @ member
        room = group_upper[step:end] - demand
        rows_ = tight + step
        choice, best_count = order[0], -1
        for i in order:
            g = groups[i]
            if ((room[:, g] - (held[i] + 1 > future[:, i])) < 0).any():
                continue  # a unit here would crowd out a wijk of the same stadsdeel later
            if not len(tight):
                choice = i
                break
            after = np.maximum(
                wijk_need[tight, g] - (lower[rows_, i] > held[i]),
                np.maximum(group_lower[rows_, g] - group_held[g] - 1, 0.0),
            )
            relieved = int((after < need[tight, g]).sum())
            if relieved == len(tight):
                choice = i
                break
            if relieved > best_count:  # no area keeps every promise (never seen): the one closest
                choice, best_count = i, relieved
        sequence.append(int(choice))
        held[choice] += 1
        group_held[groups[choice]] += 1
    return sequence


def quota_round(exact_units: np.ndarray, groups: np.ndarray | None = None, steps: int | None = None) -> np.ndarray:
    """Whole units per area after the steps of :func:`quota_sequence`."""
    n = np.asarray(exact_units).shape[1]
    sequence = quota_sequence(exact_units, groups, steps)
    return np.bincount(np.asarray(sequence, dtype=np.int64), minlength=n)
