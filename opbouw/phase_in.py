"""The ingroeipad: from today's deployment to a scenario's allocation in yearly steps (issue 17).

Health systems that allocate by need (NHS England's "pace of change") and the Dutch gemeentefonds (its
ingroeipad after a new distribution model) both move areas towards a target in capped steps, so that
no district is stripped in one go. :func:`phase_in` does that for opbouwwerk, in whole units:

- the total of each year is given (by default today's total moves to the target's in equal steps of
  whole units);
- no area changes by more than ``max_change_per_year`` from one year to the next;
- with ``hold_harmless`` no area falls below today's deployment in a year whose total is not below
  today's;
- every area moves towards its target and never past it, unless the year's total cannot be met
  otherwise (then an area may pass its target, within the cap, and a note says so);
- each year the units that must move go to (or come from) the areas furthest from their target first.

When the target is not reached in the last year, the notes say which areas fall short and by how much,
and what larger cap, or how many more years, would reach it. Plain pandas and numpy; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import format as fmt

_EPS = 1e-6
MAX_YEARS = 20  # a path longer than this is not a path a council decides on
SEARCH_YEARS = 30  # how far "how many more years would reach it" looks


class PhaseInError(ValueError):
    """Input that cannot make a path; the message is Dutch, for the user."""


@dataclass(frozen=True)
class PhaseIn:
    """A path: ``steps`` has the area codes as index and one column per step 0..years (column 0 is
    today's deployment); ``shortfall`` is target minus the last step (FTE; positive = too little, negative
    = too much, 0 where the target is reached); ``notes`` are Dutch sentences."""

    steps: pd.DataFrame
    shortfall: pd.Series
    notes: tuple[str, ...]

    @property
    def reached(self) -> bool:
        return bool((self.shortfall.abs() < _EPS).all())


def _units(values: pd.Series | np.ndarray, unit: float, what: str) -> np.ndarray:
    """FTE as whole units, or a Dutch PhaseInError naming what is not a multiple of the unit."""
    array = np.asarray(values, dtype=float)
    if not np.isfinite(array).all() or (array < -_EPS).any():
        raise PhaseInError(f"{what}: elk getal moet 0 fte of meer zijn.")
    exact = array / unit
    whole = np.round(exact)
    if (np.abs(exact - whole) > 1e-6).any():
        raise PhaseInError(f"{what}: elk getal moet een veelvoud van {fmt.fte(unit, 2)} zijn.")
    return whole.astype(np.int64)


def default_totals(current_total: int, target_total: int, years: int) -> list[int]:
    """The total of each step 1..years in units: from today's to the target's in equal steps of whole
    units (steps differ by at most one unit; the larger ones come first).

    >>> default_totals(80, 100, 4), default_totals(80, 83, 4), default_totals(100, 80, 3)
    ([85, 90, 95, 100], [81, 82, 83, 83], [93, 86, 80])
    """
    diff = target_total - current_total
    sign = 1 if diff >= 0 else -1
    return [current_total + sign * -(-abs(diff) * t // years) for t in range(1, years + 1)]


def _step(
    prev: np.ndarray,
    target: np.ndarray,
    total: int,
    cap: int,
    floor: np.ndarray,
) -> tuple[np.ndarray, bool]:
    """One year: the allocation closest to ``target`` that sums to ``total``, changes no area by more than
    ``cap`` units and keeps every area at or above ``floor``. Returns it and whether an area had to pass
    its target (or move away from it) to meet the total."""
    lo_towards = np.maximum.reduce([prev - cap, np.minimum(prev, target), floor, np.zeros_like(prev)])
    hi_towards = np.minimum(prev + cap, np.maximum(prev, target))
    hi_towards = np.maximum(hi_towards, lo_towards)
    moved = np.clip(target, lo_towards, hi_towards)
    lo_any = np.maximum.reduce([prev - cap, floor, np.zeros_like(prev)])
    hi_any = np.maximum(prev + cap, lo_any)
    for lo, hi, passed in ((lo_towards, hi_towards, False), (lo_any, hi_any, True)):
        if lo.sum() <= total <= hi.sum():
            return _fill(np.clip(moved, lo, hi), target, total, lo, hi), passed
    raise PhaseInError(
        f"Een totaal van {total} eenheden past niet binnen de grens per gebied per jaar; "
        "kies een grotere grens of andere totalen per jaar."
    )


def _fill(a: np.ndarray, target: np.ndarray, total: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Add or take units one at a time until ``a`` sums to ``total``: a unit goes to the area furthest
    below its target (comes from the one furthest above it) that has room; ties to the first listed."""
    a = a.copy()
    while a.sum() < total:
        room = a < hi
        gap = np.where(room, target - a, np.iinfo(np.int64).min)
        a[int(np.argmax(gap))] += 1
    while a.sum() > total:
        room = a > lo
        gap = np.where(room, a - target, np.iinfo(np.int64).min)
        a[int(np.argmax(gap))] -= 1
    return a


def _path(
    current: np.ndarray, target: np.ndarray, totals: list[int], cap: int, hold_harmless: bool
) -> tuple[list[np.ndarray], list[int]]:
    """Every step in units, and the steps (1-based) where an area had to pass its target."""
    steps, passed = [current], []
    today = int(current.sum())
    for year, total in enumerate(totals, start=1):
        floor = current if hold_harmless and total >= today else np.zeros_like(current)
        allocation, had_to = _step(steps[-1], target, total, cap, floor)
        steps.append(allocation)
        if had_to:
            passed.append(year)
    return steps, passed


def phase_in(
    current: pd.Series,
    target: pd.Series,
    years: int,
    max_change_per_year: float,
    unit_fte: float = 0.1,
    hold_harmless: bool = False,
    totals: Sequence[float] | None = None,
    names: pd.Series | None = None,
    first_year: int | None = None,
) -> PhaseIn:
    """The path from ``current`` to ``target`` (FTE per area code, the same index) in ``years`` steps.

    ``max_change_per_year`` is the largest change of one area from one step to the next (FTE, at least
    one unit); ``totals`` the total of steps 1..years (FTE; default :func:`default_totals`). ``names``
    (area code -> name) and ``first_year`` (the calendar year of step 1) only make the notes read well.
    Raises :class:`PhaseInError` (Dutch) for input that cannot make a path.
    """
    if not current.index.equals(target.index):
        raise PhaseInError("De huidige inzet en het doel moeten dezelfde gebieden hebben.")
    if not isinstance(years, (int, np.integer)) or isinstance(years, bool) or not 1 <= years <= MAX_YEARS:
        raise PhaseInError(f"Het ingroeipad moet 1 tot {MAX_YEARS} jaar duren.")
    if not unit_fte > 0:
        raise PhaseInError("Het ingroeipad rekent in hele eenheden; kies een afrondingseenheid.")
    cap = int(np.floor(float(max_change_per_year) / unit_fte + 1e-6)) if np.isfinite(max_change_per_year) else -1
    if cap < 1:
        raise PhaseInError(f"De grootste verandering per jaar moet minstens één eenheid ({fmt.fte(unit_fte, 2)}) zijn.")
    now = _units(current, unit_fte, "De huidige inzet")
    goal = _units(target, unit_fte, "Het doel")
    if totals is None:
        per_year = default_totals(int(now.sum()), int(goal.sum()), years)
    else:
        if len(totals) != years:
            raise PhaseInError(f"Geef voor elk van de {years} jaren een totaal.")
        per_year = [int(v) for v in _units(np.asarray(totals, dtype=float), unit_fte, "De totalen per jaar")]
    steps, passed = _path(now, goal, per_year, cap, hold_harmless)
    table = pd.DataFrame(np.column_stack(steps) * unit_fte, index=current.index, columns=range(years + 1))
    short = pd.Series((goal - steps[-1]) * unit_fte, index=current.index, name="shortfall")
    notes = _notes(now, goal, steps, passed, per_year, cap, hold_harmless, unit_fte, current.index, names, first_year)
    return PhaseIn(steps=table, shortfall=short, notes=tuple(notes))


def _year(step: int, first_year: int | None) -> str:
    return str(first_year + step - 1) if first_year is not None else f"jaar {step}"


def _notes(
    now: np.ndarray,
    goal: np.ndarray,
    steps: list[np.ndarray],
    passed: list[int],
    per_year: list[int],
    cap: int,
    hold_harmless: bool,
    unit: float,
    index: pd.Index,
    names: pd.Series | None,
    first_year: int | None,
) -> list[str]:
    label = [str(names.get(code, code)) if names is not None else str(code) for code in index]
    notes = []
    if passed:
        when = fmt.names([_year(s, first_year) for s in passed])
        notes.append(
            f"In {when} past het totaal van dat jaar niet als elk gebied alleen naar zijn doel beweegt: "
            "een gebied gaat daar binnen de grens per jaar voorbij zijn doel."
        )
    today = int(now.sum())
    dips = [t for t, total in enumerate(per_year, start=1) if total < today]
    if hold_harmless and dips and any(total >= today for total in per_year[dips[0] :]):
        notes.append(
            f"In {_year(dips[0], first_year)} ligt het totaal onder dat van nu; daarna brengt het behoud van de "
            "huidige inzet gebieden terug op hun huidige inzet, ook als dat meer is dan de grens per jaar."
        )
    if per_year[-1] != int(goal.sum()):
        notes.append(
            f"Het totaal van het laatste jaar ({fmt.fte(per_year[-1] * unit, 1)}) is niet het totaal van het "
            f"scenario ({fmt.fte(goal.sum() * unit, 1)}); het doel kan daardoor niet precies worden gehaald."
        )
    last = steps[-1]
    off = np.flatnonzero(last != goal)
    if len(off) == 0:
        return notes
    years = len(per_year)
    parts = [
        f"{label[i]} {fmt.fte((goal[i] - last[i]) * unit, 1)} te weinig"
        if goal[i] > last[i]
        else f"{label[i]} {fmt.fte((last[i] - goal[i]) * unit, 1)} te veel"
        for i in off
    ]
    notes.append(f"In {_year(years, first_year)} is het doel niet bereikt: {fmt.names(parts)}.")
    if per_year[-1] == int(goal.sum()):
        notes.append(_what_would_reach(now, goal, per_year, cap, hold_harmless, unit, first_year))
    return notes


def _what_would_reach(
    now: np.ndarray,
    goal: np.ndarray,
    per_year: list[int],
    cap: int,
    hold_harmless: bool,
    unit: float,
    first: int | None,
) -> str:
    """A sentence: the smallest cap that reaches the target in these years, and the fewest years that
    reach it with this cap (totals in equal steps), as far as either exists."""
    years = len(per_year)
    widest = int(max(np.abs(goal - now).max(), 1))
    needed_cap = next(
        (c for c in range(cap + 1, widest + 1) if _reaches(now, goal, per_year, c, hold_harmless)),
        None,
    )
    needed_years = next(
        (
            y
            for y in range(years + 1, SEARCH_YEARS + 1)
            if _reaches(now, goal, default_totals(int(now.sum()), int(goal.sum()), y), cap, hold_harmless)
        ),
        None,
    )
    bits = []
    if needed_cap is not None:
        bits.append(f"een grens van {fmt.fte(needed_cap * unit, 1)} per jaar")
    if needed_years is not None:
        end = _year(needed_years, first) if first is not None else f"{needed_years} jaar"
        bits.append(f"met deze grens een pad tot en met {end}" if first is not None else f"met deze grens {end}")
    if bits:
        return f"Het doel wordt wel gehaald met {' of '.join(bits)}."
    if hold_harmless:
        return (
            "Met behoud van de huidige inzet kan het doel niet worden gehaald: een gebied dat onder zijn huidige "
            "inzet moet uitkomen, mag dat niet zolang het totaal niet krimpt."
        )
    return "Het doel wordt ook met een grotere grens of meer jaren niet gehaald."


def _reaches(now: np.ndarray, goal: np.ndarray, per_year: list[int], cap: int, hold_harmless: bool) -> bool:
    try:
        steps, _ = _path(now, goal, per_year, cap, hold_harmless)
    except PhaseInError:
        return False
    return bool((steps[-1] == goal).all())
