"""The allocation model: a scenario in, FTE per area out.

Two pools (informatienota opbouwwerk, gemeente Zwolle, 28 May 2018):

- *presentie-inzet* = ``presence_share × total_fte``: every area first gets the
  vaste voet ``min_fte_per_area``, the rest goes in proportion to population;
- *opgavegerichte inzet* = the rest, in proportion to ``population × need_index``
  (:mod:`opbouw.need`), optionally only to the areas with the highest need.

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
from .indicators import INDICATORS, THEME_KEYS, THEMES, effective_weights
from .need import (
    DEFAULT_NEED_STRENGTH,
    MAX_NEED_STRENGTH,
    Z_CAP,
    NeedIndex,
    column,
    equal_weights,
    matrix,
    need_arrays,
    weighted_keys,
)
from .policy import BASELINE_FTE, COST_PER_FTE_EUR, PRICE_YEAR
from .shares import grid_units, round_to_units, share_lines

VASTE_VOET_LEVELS = ("stadsdeel", "wijk")
MAX_TOTAL_FTE = 1000.0
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


def equal_theme_weights() -> dict[str, float]:
    return {key: 1.0 for key in THEME_KEYS}


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
    theme_weights: Mapping[str, float] = field(default_factory=equal_theme_weights)
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
        indicator_names = {key: f"'{ind.label}'" for key, ind in INDICATORS.items()}
        theme_names = {key: f"het thema '{label.lower()}'" for key, label in THEMES.items()}
        object.__setattr__(
            self, "need_weights", _checked_weights(self.need_weights, indicator_names, "de indicatoren", "indicator")
        )
        object.__setattr__(
            self, "theme_weights", _checked_weights(self.theme_weights, theme_names, "de thema's", "thema")
        )

    @property
    def indicator_weights(self) -> dict[str, float]:
        """The weight each indicator has in the need index: its theme's weight shared over the theme's
        indicators by their own weights (:func:`opbouw.indicators.effective_weights`)."""
        return effective_weights(self.need_weights, self.theme_weights)

    def __hash__(self) -> int:
        mappings = ("need_weights", "theme_weights")
        return hash(
            (
                *(getattr(self, f) for f in self.__dataclass_fields__ if f not in mappings),
                *(tuple(sorted(getattr(self, f).items())) for f in mappings),
            )
        )


def _checked_weights(weights: object, names: Mapping[str, str], what: str, one: str) -> dict[str, float]:
    """``weights`` as a dict of floats, or a Dutch ValueError: not a mapping, an unknown key (``names``
    are the known keys with how to name them), or a weight that is not a number of 0 or more."""
    if not isinstance(weights, Mapping):
        raise ValueError(f"De gewichten van {what} moeten per {one} worden gegeven.")
    checked = {}
    for key, weight in weights.items():
        if key not in names:
            raise ValueError(f"Onbekende {one} '{key}'." if one == "indicator" else f"Onbekend {one} '{key}'.")
        if not _finite(weight) or weight < 0:
            raise ValueError(f"Het gewicht van {names[key]} moet 0 of meer zijn.")
        checked[key] = float(weight)
    return checked


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

    weights = scenario.indicator_weights
    keys = weighted_keys(areas, weights)
    if keys:
        values = matrix(areas, keys)
        computed = need_arrays(population, values, keys, weights, scenario.need_strength)
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
