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
from .data import stadsdelen_of
from .indicators import INDICATOR_KEYS, INDICATORS
from .policy import BASELINE_FTE, COST_PER_FTE_EUR, PRICE_YEAR
from .shares import grid_units, round_to_units, share_lines

VASTE_VOET_LEVELS = ("stadsdeel", "wijk")
MAX_TOTAL_FTE = 1000.0
# The need index (need_components): standard scores are capped at Z_CAP either way, and an area one
# standard deviation above average gets DEFAULT_NEED_STRENGTH more need. An area's score and the
# city's mean score both lie within Z_CAP of 0, so with strength at most MAX_NEED_STRENGTH the index
# never falls below 1 - 0.25 × (2 + 2) = 0; and one extreme value moves an area's index by at most
# about 0.2 × (2 + 2 + 1) = 1.0 at the default (tests/test_need_index.py).
Z_CAP = 2.0
DEFAULT_NEED_STRENGTH = 0.2
MAX_NEED_STRENGTH = 0.25
RESULT_COLUMNS = [
    "need_index",
    "vaste_voet_fte",
    "presence_fte",
    "assignment_fte",
    "exact_fte",
    "fte",
    "fte_per_10k",
    "cost_eur",
]
_SUMMED = RESULT_COLUMNS[1:6]  # what a stadsdeel adds up from its wijken


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
    cost_per_fte_eur: float = COST_PER_FTE_EUR
    assignment_focus_areas: int = 0
    need_strength: float = DEFAULT_NEED_STRENGTH
    min_fte_per: str = "stadsdeel"
    price_year: int = PRICE_YEAR  # the price level of cost_per_fte_eur (for the labels; changes no number)

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
        if self.min_fte_per not in VASTE_VOET_LEVELS:
            raise ValueError("De vaste voet geldt per stadsdeel of per wijk.")
        if not _finite(self.cost_per_fte_eur) or self.cost_per_fte_eur < 0:
            raise ValueError("De kosten per fte moeten 0 euro of meer zijn.")
        if not _finite(self.need_strength) or not 0 <= self.need_strength <= MAX_NEED_STRENGTH:
            raise ValueError(
                f"Hoe sterk behoefteverschillen tellen moet tussen 0 en {fmt.number(MAX_NEED_STRENGTH, 1)} liggen."
            )
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


def _city_stats(population: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which values count (finite) and, per indicator, the population-weighted mean and standard
    deviation over the areas that have it (plain ones when none of those areas has inhabitants)."""
    usable = np.isfinite(values)
    x = np.where(usable, values, 0.0)
    w = np.where(usable, population[:, None], 0.0)
    no_people = w.sum(axis=0) <= 0
    w = np.where(no_people[None, :] & usable, 1.0, w)  # then every area with a value counts once
    wsum = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = (x * w).sum(axis=0) / wsum
        deviation = np.where(usable, (x - avg) ** 2, 0.0)
        sd = np.sqrt((deviation * w).sum(axis=0) / wsum)
        # Where the inhabited areas are all alike, differences among the others still count.
        plain = np.sqrt(deviation.sum(axis=0) / usable.sum(axis=0))
    return usable, avg, np.where(sd > 1e-12, sd, plain)


def city_averages(areas: pd.DataFrame, keys: list[str] | None = None) -> dict[str, float]:
    """Per indicator, the city average the need index compares each area with (NaN if no area has it)."""
    keys = [k for k in (keys or INDICATOR_KEYS) if k in areas.columns]
    _, avg, _ = _city_stats(column(areas, "population"), _matrix(areas, keys))
    return dict(zip(keys, avg.tolist()))


@dataclass(frozen=True)
class NeedIndex:
    """The need index in plain arrays, one row per area (see :func:`need_components`).

    ``index = base + parts.sum(axis=1)``; ``scores`` are the capped standard scores (NaN where an
    area has no value), ``capped`` says which were capped, ``no_data`` which areas have no value at all.
    """

    index: np.ndarray
    base: np.ndarray
    parts: np.ndarray
    scores: np.ndarray
    capped: np.ndarray
    no_data: np.ndarray


def _need_arrays(
    population: np.ndarray, values: np.ndarray, keys: list[str], weights: Mapping[str, float], strength: float
) -> NeedIndex:
    """The need index for ``values`` (one column per key). See :func:`need_components` for the method."""
    usable, avg, sd = _city_stats(population, values)
    sign = np.array([1.0 if INDICATORS[key].more_need_when_higher else -1.0 for key in keys])
    flat = ~(sd > 1e-12)  # every area the same (or no area has it): no signal
    with np.errstate(invalid="ignore", divide="ignore"):
        z = sign * (values - avg) / np.where(flat, 1.0, sd)
    z = np.where(flat, 0.0, z)
    capped = usable & (np.abs(z) > Z_CAP)
    scores = np.where(usable, np.clip(z, -Z_CAP, Z_CAP), np.nan)
    wvec = np.array([weights[key] for key in keys], dtype=float)
    wsum = (usable * wvec).sum(axis=1)
    no_data = wsum <= 0
    share = np.where(usable, wvec, 0.0) / np.where(no_data, 1.0, wsum)[:, None]
    combined = (np.where(usable, scores, 0.0) * share).sum(axis=1)
    scored = ~no_data
    centre = _mean(combined[scored], population[scored]) if scored.any() else 0.0
    parts = strength * share * np.where(usable, scores, 0.0)
    # An area without any indicator is treated as exactly average.
    base = np.where(no_data, 1.0, 1.0 - strength * centre)
    index = base + parts.sum(axis=1)
    return NeedIndex(index, base, parts, scores, capped, no_data)


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


def need_components(areas: pd.DataFrame, weights: Mapping[str, float], strength: float | None = None) -> pd.DataFrame:
    """Per area and indicator: its contribution to the need index.

    Every indicator is put on one scale first: its standard score, how many population-weighted
    standard deviations an area lies from the population-weighted city average, turned so that
    higher means more need and capped at :data:`Z_CAP` either way. An area's score is the weighted
    mean of its scores over the indicators it has, so a weight means the same for every indicator
    however much that indicator varies. The index is ``1 + strength × (score - the city's mean
    score)``: the population-weighted city average is exactly 1.0, and with the default strength an
    area one standard deviation above average has 0.2 more need.

    Columns: one per weighted indicator key (its contribution), ``base`` (what every area starts
    from, about 1.0), ``score_<key>`` (the capped standard score, NaN where missing),
    ``capped_<key>``, ``no_data`` and ``need_index`` (= ``base`` plus the contributions).
    """
    strength = DEFAULT_NEED_STRENGTH if strength is None else strength
    keys = _weighted_keys(areas, weights)
    population = column(areas, "population")
    need = _need_arrays(population, _matrix(areas, keys), keys, weights, strength)
    columns = {key: need.parts[:, j] for j, key in enumerate(keys)}
    columns["base"] = need.base
    columns.update({f"score_{key}": need.scores[:, j] for j, key in enumerate(keys)})
    columns.update({f"capped_{key}": need.capped[:, j] for j, key in enumerate(keys)})
    columns["no_data"] = need.no_data
    columns["need_index"] = need.index
    return pd.DataFrame(columns, index=areas.index)


def need_index(
    areas: pd.DataFrame, weights: Mapping[str, float] | None = None, strength: float | None = None
) -> pd.Series:
    """The relative need per area; the population-weighted city average is 1.0."""
    weights = equal_weights() if weights is None else weights
    if not _weighted_keys(areas, weights):
        return pd.Series(1.0, index=areas.index, name="need_index")
    return need_components(areas, weights, strength)["need_index"].rename("need_index")


@dataclass(frozen=True)
class Allocation:
    """What :func:`allocate` returns: one scenario's FTE per area and what the user should know.

    ``table`` has one row per area of ``level``: the areas' own columns (``name``, ``population``,
    ...) followed by :data:`RESULT_COLUMNS`: ``need_index``, ``vaste_voet_fte`` (the floor the
    presence pool pays first), ``presence_fte``, ``assignment_fte``, ``exact_fte``, ``fte`` (rounded),
    ``fte_per_10k`` and ``cost_eur`` (per year). ``by_wijk`` is the same for the areas it was
    computed on (the wijken); a stadsdeel's row is the sum of its wijken's (its need index their
    population-weighted mean), so switching level never changes a stadsdeel's number. ``warnings``
    are Dutch sentences: a vaste voet that does not fit, a total off the rounding grid, outliers,
    missing indicators. Nothing in the app changes a table it is given.
    """

    table: pd.DataFrame
    warnings: tuple[str, ...]
    scenario: Scenario
    level: str | None = None
    year: int | None = None
    by_wijk: pd.DataFrame | None = None

    @property
    def distributed_fte(self) -> float:
        """The rounded total (below the requested total when that is off the rounding grid)."""
        return float(self.table["fte"].sum())


def group_numbers(areas: pd.DataFrame) -> np.ndarray:
    """Each area's stadsdeel as a number 0..G-1 (in order of first appearance); every area its own
    when the table has no ``stadsdeel`` column."""
    if "stadsdeel" not in areas.columns:
        return np.arange(len(areas))
    codes, _ = pd.factorize(areas["stadsdeel"])
    return codes.astype(np.int64)


def allocate(areas: pd.DataFrame, scenario: Scenario, level: str | None = None, year: int | None = None) -> Allocation:
    """FTE per area for one scenario (see :class:`Allocation`).

    ``areas`` are the wijken (``opbouw.load_areas("wijk", year)``), each with its ``stadsdeel``:
    everything is computed per wijk, and with ``level="stadsdeel"`` the table adds them up per
    stadsdeel. The rounding keeps every wijk and every stadsdeel within one unit of its exact share.
    Raises ``ValueError`` with a Dutch message when there are no areas or a population is missing or
    negative.
    """
    if len(areas) == 0:
        raise ValueError("Er zijn geen gebieden om over te verdelen.")
    warnings: list[str] = []
    population = column(areas, "population")
    if not np.all(np.isfinite(population)) or (population < 0).any():
        raise ValueError("Elk gebied moet een inwonertal van 0 of meer hebben.")
    groups = group_numbers(areas)

    keys = _weighted_keys(areas, scenario.need_weights)
    if keys:
        values = _matrix(areas, keys)
        computed = _need_arrays(population, values, keys, scenario.need_weights, scenario.need_strength)
        need = computed.index
        if scenario.presence_share < 1:  # without opgavegerichte inzet the need index changes no number
            _warn_missing(areas, keys, computed, values, warnings)
    else:
        need = np.ones(len(areas))
        if scenario.presence_share < 1:
            warnings.append(
                "Geen enkele indicator telt mee: de opgavegerichte inzet wordt daarom verdeeld "
                "alsof de behoefte overal gelijk is."
            )

    lines = share_lines(population, need, scenario, groups)
    totals = np.array([scenario.total_fte])
    presence, assignment, too_small = lines.presence(totals)[0], lines.assignment(totals)[0], lines.too_small(totals)
    exact = presence + assignment
    if too_small[0]:
        per, count = (
            ("stadsdeel", int(groups.max()) + 1) if scenario.min_fte_per == "stadsdeel" else ("wijk", len(areas))
        )
        warnings.append(
            f"De vaste voet van {fmt.fte(scenario.min_fte_per_area, 2)} per {per} past niet in de "
            f"presentie-inzet van {fmt.fte(scenario.presence_share * scenario.total_fte, 2)} "
            f"(nodig: {fmt.fte(lines.floors, 2)} voor {count} {'stadsdelen' if per == 'stadsdeel' else 'wijken'}); "
            "de presentie-inzet is daarom naar verhouding van de vaste voet verdeeld."
        )

    unit = scenario.unit_fte
    if unit > 0:
        units, on_grid = grid_units(scenario.total_fte, unit)
        if not on_grid:
            warnings.append(
                f"Het totaal van {fmt.fte(scenario.total_fte, 2)} is geen veelvoud van de afrondingseenheid "
                f"({fmt.fte(unit, 2)}); verdeeld is {fmt.fte(units * unit, 2)}."
            )
        fte = round_to_units(lines, units, unit, groups) * unit
    else:
        fte = exact.copy()

    values = np.array([need, lines.floor, presence, assignment, exact, fte])
    computed = pd.DataFrame(values.T, index=areas.index, columns=RESULT_COLUMNS[:6])
    # Result columns replace any of the same name (a result passed in again as areas).
    own = areas.drop(columns=[c for c in RESULT_COLUMNS if c in areas.columns])
    by_wijk = _finish(pd.concat([own, computed], axis=1), scenario)
    table = by_wijk if level != "stadsdeel" else _finish(_per_stadsdeel(by_wijk), scenario)
    return Allocation(table=table, warnings=tuple(warnings), scenario=scenario, level=level, year=year, by_wijk=by_wijk)


def _finish(table: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Add FTE per 10.000 inhabitants and the cost to a table with ``fte``."""
    population = column(table, "population")
    fte = column(table, "fte")
    with np.errstate(invalid="ignore", divide="ignore"):
        per_10k = np.where(population > 0, fte / np.where(population > 0, population, 1) * 10_000, np.nan)
    return table.assign(fte_per_10k=per_10k, cost_eur=fte * scenario.cost_per_fte_eur)


def _per_stadsdeel(by_wijk: pd.DataFrame) -> pd.DataFrame:
    """The stadsdelen's rows: their areas' columns (opbouw.data.stadsdelen_of), the summed FTE and the
    population-weighted mean need index (the plain mean where nobody lives)."""
    areas = stadsdelen_of(by_wijk)
    codes = pd.Index(areas.index).get_indexer(by_wijk["stadsdeel"])
    n = len(areas)
    population = column(by_wijk, "population")
    need = column(by_wijk, "need_index")
    people = np.bincount(codes, weights=population, minlength=n)
    plain = np.bincount(codes, weights=need, minlength=n) / np.bincount(codes, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        weighted = np.bincount(codes, weights=need * population, minlength=n) / people
    sums = {key: np.bincount(codes, weights=column(by_wijk, key), minlength=n) for key in _SUMMED}
    computed = pd.DataFrame({"need_index": np.where(people > 0, weighted, plain), **sums}, index=areas.index)
    return pd.concat([areas, computed], axis=1)


def _warn_missing(
    areas: pd.DataFrame, keys: list[str], need: NeedIndex, values: np.ndarray, warnings: list[str]
) -> None:
    names = column(areas, "name", dtype=object)
    if need.capped.any():
        per_area = [
            f"{names[i]} ({', '.join(INDICATORS[keys[j]].short for j in np.flatnonzero(need.capped[i]))})"
            for i in np.flatnonzero(need.capped.any(axis=1))
        ]
        warnings.append(
            f"Uitschieters tellen begrensd mee, als {fmt.number(Z_CAP, 0)} standaardafwijkingen van het "
            f"stadsgemiddelde, zodat één waarde de verdeling niet bepaalt: {fmt.names(per_area)}."
        )
    missing = np.isnan(need.scores) & ~need.no_data[:, None]
    for j in np.flatnonzero(missing.any(axis=0)).tolist():
        warnings.append(
            f"Voor {fmt.names(list(names[missing[:, j]]))} is de indicator "
            f"'{INDICATORS[keys[j]].label.lower()}' niet bekend; hun behoefte-index gebruikt de andere indicatoren."
        )
    if need.no_data.any():
        warnings.append(
            f"Voor {fmt.names(list(names[need.no_data]))} is geen enkele indicator bekend; hun behoefte-index "
            "is op het stadsgemiddelde (1,0) gezet."
        )
