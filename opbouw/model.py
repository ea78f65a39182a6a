"""The allocation model: a scenario in, FTE per area out.

Two pools (informatienota opbouwwerk, gemeente Zwolle, 28 May 2018):

- *presentie-inzet* = ``presence_share × total_fte``: every area first gets the
  vaste voet ``min_fte_per_area``, the rest goes in proportion to population;
- *opgavegerichte inzet* = the rest, in proportion to ``population × need_index``
  (or ``need_index`` alone), optionally only to the areas with the highest need.

Each area's exact FTE as a function of the total is a pair of straight lines
(:mod:`opbouw.shares`); the exact shares are then rounded to whole units of
``unit_fte`` by :func:`opbouw.rounding.quota_round`, which keeps the total exact, keeps
every area within one unit of its exact share, and never lowers an area when the
total grows by a unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import format as fmt
from .indicators import INDICATOR_KEYS, INDICATORS
from .policy import BASELINE_FTE, COST_PER_FTE_EUR
from .shares import grid_units, round_to_units, share_lines

NEED_BASES = ("population_x_need", "need_only")
MAX_TOTAL_FTE = 1000.0
RESULT_COLUMNS = ["need_index", "presence_fte", "assignment_fte", "exact_fte", "fte", "fte_per_10k", "cost_eur"]


def equal_weights() -> dict[str, float]:
    return {key: 1.0 for key in INDICATOR_KEYS}


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class Scenario:
    """All settings that change a number; validated once, here.

    Units are in the names: FTE, a share 0..1, euros per year. ``unit_fte`` 0
    means no rounding. ``assignment_focus_areas`` 0 means every area can get
    assignment work; k > 0 gives it only to the k areas with the highest need.
    Invalid values raise ``ValueError`` with a Dutch message.
    """

    total_fte: float = BASELINE_FTE
    presence_share: float = 0.5
    min_fte_per_area: float = 0.0
    unit_fte: float = 0.1
    need_weights: Mapping[str, float] = field(default_factory=equal_weights)
    need_basis: str = "population_x_need"
    cost_per_fte_eur: float = COST_PER_FTE_EUR
    assignment_focus_areas: int = 0

    def __post_init__(self) -> None:
        if not _finite(self.total_fte) or not 0 <= self.total_fte <= MAX_TOTAL_FTE:
            raise ValueError(f"Het totaal aantal fte moet een getal tussen 0 en {MAX_TOTAL_FTE:g} zijn.")
        if not _finite(self.presence_share) or not 0 <= self.presence_share <= 1:
            raise ValueError("Het aandeel presentie-inzet moet tussen 0 % en 100 % liggen.")
        if not _finite(self.min_fte_per_area) or self.min_fte_per_area < 0:
            raise ValueError("De vaste voet per gebied moet 0 fte of meer zijn.")
        if not _finite(self.unit_fte) or not 0 <= self.unit_fte <= 10:
            raise ValueError("De afrondingseenheid moet tussen 0 (niet afronden) en 10 fte liggen.")
        if 0 < self.unit_fte < 0.001:
            raise ValueError("De afrondingseenheid is te klein: kies minstens 0,001 fte of 0 (niet afronden).")
        if self.need_basis not in NEED_BASES:
            raise ValueError("De basis voor opgavegerichte inzet moet 'inwoners × behoefte' of 'alleen behoefte' zijn.")
        if not _finite(self.cost_per_fte_eur) or self.cost_per_fte_eur < 0:
            raise ValueError("De kosten per fte moeten 0 euro of meer zijn.")
        focus = self.assignment_focus_areas
        if not isinstance(focus, (int, np.integer)) or isinstance(focus, bool) or focus < 0:
            raise ValueError("Het aantal gebieden voor geconcentreerde inzet moet een geheel getal van 0 of meer zijn.")
        if not isinstance(self.need_weights, Mapping):
            raise ValueError("De gewichten van de indicatoren moeten per indicator worden gegeven.")
        weights = {}
        for key, weight in self.need_weights.items():
            if key not in INDICATORS:
                raise ValueError(f"Onbekende indicator '{key}'.")
            if not _finite(weight) or weight < 0:
                raise ValueError(f"Het gewicht van '{INDICATORS[key].label}' moet 0 of meer zijn.")
            weights[key] = float(weight)
        object.__setattr__(self, "need_weights", weights)

    def __hash__(self) -> int:
        return hash(
            (
                *(getattr(self, f) for f in self.__dataclass_fields__ if f != "need_weights"),
                tuple(sorted(self.need_weights.items())),
            )
        )


def _mean(values: np.ndarray, weights: np.ndarray) -> float:
    """Weighted mean; the plain mean when all weights are 0."""
    total = weights.sum()
    return float((values * weights).sum() / total) if total > 0 else float(values.mean())


def _city_averages(population: np.ndarray, values: np.ndarray, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Which values count (``usable``: finite, and above 0 where lower means more need) and, per
    indicator, their population-weighted mean (the plain mean when none of those areas has inhabitants)."""
    higher = np.array([INDICATORS[key].more_need_when_higher for key in keys], dtype=bool)
    with np.errstate(invalid="ignore"):
        usable = np.isfinite(values) & np.where(higher, values >= 0, values > 0)
    x = np.where(usable, values, 0.0)
    w = np.where(usable, population[:, None], 0.0)
    wsum, count = w.sum(axis=0), usable.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(wsum > 0, (x * w).sum(axis=0) / np.where(wsum > 0, wsum, 1.0), x.sum(axis=0) / count)
    return usable, avg


def city_averages(areas: pd.DataFrame, keys: list[str] | None = None) -> dict[str, float]:
    """Per indicator, the city average the need index compares each area with (NaN if no area has it)."""
    keys = [k for k in (keys or INDICATOR_KEYS) if k in areas.columns]
    _, avg = _city_averages(column(areas, "population"), _matrix(areas, keys), keys)
    return dict(zip(keys, avg.tolist()))


def _need_arrays(
    population: np.ndarray, values: np.ndarray, keys: list[str], weights: Mapping[str, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The need index in plain arrays: ``(index, parts, ratios, no_data)``.

    ``values`` has one column per key. See :func:`need_components` for the method.
    """
    usable, avg = _city_averages(population, values, keys)
    higher = np.array([INDICATORS[key].more_need_when_higher for key in keys], dtype=bool)
    x = np.where(usable, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        flat = avg <= 1e-12  # no signal when everything is (about) zero
        safe_avg = np.where(flat, 1.0, avg)
        # Capped: a value a million times below average is no more informative than that.
        ratio = np.where(higher, x / safe_avg, np.minimum(safe_avg / np.maximum(x, 1e-300), 1e6))
    ratios = np.where(usable, np.where(flat, 1.0, ratio), np.nan)
    wvec = np.array([weights[key] for key in keys], dtype=float)
    present = np.isfinite(ratios)
    wsum = (present * wvec).sum(axis=1)
    no_data = wsum <= 0
    with np.errstate(invalid="ignore", divide="ignore"):
        parts = np.where(present, ratios, 0.0) * wvec / np.where(no_data, 1.0, wsum)[:, None]
    raw = parts.sum(axis=1)
    scored = ~no_data
    norm = _mean(raw[scored], population[scored]) if scored.any() else 1.0
    norm = norm if norm > 0 else 1.0
    parts = parts / norm
    # An area without any indicator is treated as exactly average.
    index = np.where(no_data, 1.0, raw / norm)
    return index, parts, ratios, no_data


def column(areas: pd.DataFrame, key: str, dtype: type | None = float) -> np.ndarray:
    """One column as a fresh numpy array (of floats unless ``dtype`` says otherwise)."""
    return areas[key].to_numpy(dtype=dtype, copy=True)


def _matrix(areas: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Columns as a float matrix, one row per area."""
    if not keys:
        return np.empty((len(areas), 0))
    return np.column_stack([column(areas, key) for key in keys])


def _weighted_keys(areas: pd.DataFrame, weights: Mapping[str, float]) -> list[str]:
    return [key for key in INDICATOR_KEYS if weights.get(key, 0) > 0 and key in areas.columns]


def need_components(areas: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Per area and indicator: its contribution to the need index.

    Each indicator becomes a ratio to the population-weighted city average,
    turned so that higher means more need (city average / value where a lower
    value means more need). An area's raw score is the weighted mean of its
    ratios over the indicators it has; the index divides that by the
    population-weighted mean of the raw scores, so that the city average is
    exactly 1.0. The contribution columns (one per indicator key) add up to
    ``need_index``; a missing indicator contributes 0 and has a NaN ratio
    (``ratio_<key>``).
    """
    keys = _weighted_keys(areas, weights)
    population = column(areas, "population")
    index, parts, ratios, no_data = _need_arrays(population, _matrix(areas, keys), keys, weights)
    columns = {key: parts[:, j] for j, key in enumerate(keys)}
    columns.update({f"ratio_{key}": ratios[:, j] for j, key in enumerate(keys)})
    columns["no_data"] = no_data
    columns["need_index"] = index
    return pd.DataFrame(columns, index=areas.index)


def need_index(areas: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.Series:
    """The relative need per area; the population-weighted city average is 1.0."""
    weights = equal_weights() if weights is None else weights
    if not _weighted_keys(areas, weights):
        return pd.Series(1.0, index=areas.index, name="need_index")
    return need_components(areas, weights)["need_index"].rename("need_index")


@dataclass(frozen=True)
class Allocation:
    """What :func:`allocate` returns: one scenario's FTE per area and what the user should know.

    ``table`` is indexed like the areas it was made from, with their columns (``name``,
    ``population``, ...) followed by :data:`RESULT_COLUMNS`: ``need_index``, ``presence_fte``,
    ``assignment_fte``, ``exact_fte``, ``fte`` (rounded), ``fte_per_10k`` and ``cost_eur`` (per
    year). ``warnings`` are Dutch sentences: a vaste voet that does not fit, a total off the
    rounding grid, missing indicators. ``level`` and ``year`` say which areas and population
    year the table is for, when the caller said so. Nothing in the app changes a table it is
    given.
    """

    table: pd.DataFrame
    warnings: tuple[str, ...]
    scenario: Scenario
    level: str | None = None
    year: int | None = None

    @property
    def distributed_fte(self) -> float:
        """The rounded total (below the requested total when that is off the rounding grid)."""
        return float(self.table["fte"].sum())


def allocate(areas: pd.DataFrame, scenario: Scenario, level: str | None = None, year: int | None = None) -> Allocation:
    """FTE per area for one scenario (see :class:`Allocation`).

    Raises ``ValueError`` with a Dutch message when there are no areas or a population is
    missing or negative.
    """
    if len(areas) == 0:
        raise ValueError("Er zijn geen gebieden om over te verdelen.")
    warnings: list[str] = []
    population = column(areas, "population")
    if not np.all(np.isfinite(population)) or (population < 0).any():
        raise ValueError("Elk gebied moet een inwonertal van 0 of meer hebben.")

    keys = _weighted_keys(areas, scenario.need_weights)
    if keys:
        need, _, ratios, no_data = _need_arrays(population, _matrix(areas, keys), keys, scenario.need_weights)
        _warn_missing(areas, keys, ratios, no_data, warnings)
    else:
        need = np.ones(len(areas))
        if scenario.presence_share < 1:
            warnings.append(
                "Geen enkele indicator telt mee: de opgavegerichte inzet wordt daarom verdeeld "
                "alsof de behoefte overal gelijk is."
            )

    lines = share_lines(population, need, scenario)
    totals = np.array([scenario.total_fte])
    presence, assignment, too_small = lines.presence(totals)[0], lines.assignment(totals)[0], lines.too_small(totals)
    exact = presence + assignment
    if too_small[0]:
        n = len(areas)
        warnings.append(
            f"De vaste voet van {fmt.fte(scenario.min_fte_per_area, 2)} per gebied past niet in de "
            f"presentie-inzet van {fmt.fte(scenario.presence_share * scenario.total_fte, 2)} "
            f"(nodig: {fmt.fte(n * scenario.min_fte_per_area, 2)} voor {n} gebieden); "
            "de presentie-inzet is daarom gelijk over de gebieden verdeeld."
        )

    unit = scenario.unit_fte
    if unit > 0:
        units, on_grid = grid_units(scenario.total_fte, unit)
        if not on_grid:
            warnings.append(
                f"Het totaal van {fmt.fte(scenario.total_fte, 2)} is geen veelvoud van de afrondingseenheid "
                f"({fmt.fte(unit, 2)}); verdeeld is {fmt.fte(units * unit, 2)}."
            )
        fte = round_to_units(lines, units, unit) * unit
    else:
        fte = exact.copy()

    with np.errstate(invalid="ignore", divide="ignore"):
        per_10k = np.where(population > 0, fte / np.where(population > 0, population, 1) * 10_000, np.nan)
    values = np.array([need, presence, assignment, exact, fte, per_10k, fte * scenario.cost_per_fte_eur])
    computed = pd.DataFrame(values.T, index=areas.index, columns=RESULT_COLUMNS)
    # Result columns replace any of the same name (a result passed in again as areas).
    own = areas.drop(columns=[c for c in RESULT_COLUMNS if c in areas.columns])
    table = pd.concat([own, computed], axis=1)
    return Allocation(table=table, warnings=tuple(warnings), scenario=scenario, level=level, year=year)


def _warn_missing(
    areas: pd.DataFrame, keys: list[str], ratios: np.ndarray, no_data: np.ndarray, warnings: list[str]
) -> None:
    missing = np.isnan(ratios) & ~no_data[:, None]
    gaps = np.flatnonzero(missing.any(axis=0)).tolist()
    if not gaps and not no_data.any():
        return
    names = column(areas, "name", dtype=object)
    for j in gaps:
        warnings.append(
            f"Voor {fmt.names(list(names[missing[:, j]]))} is de indicator "
            f"'{INDICATORS[keys[j]].label.lower()}' niet bekend; hun behoefte-index gebruikt de andere indicatoren."
        )
    if no_data.any():
        warnings.append(
            f"Voor {fmt.names(list(names[no_data]))} is geen enkele indicator bekend; hun behoefte-index "
            "is op het stadsgemiddelde (1,0) gezet."
        )
