"""The need index: how much more (or less) need for opbouwwerk an area has than the city average.

Every indicator is put on one scale (a population-weighted standard score, turned so that higher is
more need, capped at :data:`Z_CAP` and standardised once more); an area's score is the weighted mean of
its scores; a small area's deviation counts in part (:func:`credibility`); and the result becomes the
positive multiplier the model needs, with a population-weighted city average of exactly 1.0. The
weights come from :attr:`opbouw.model.Scenario.indicator_weights` (themes shared over their
indicators). Plain numpy and pandas; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .indicators import INDICATOR_KEYS, INDICATORS

# The need index (need_components): standard scores are capped at Z_CAP either way, and an area one
# standard deviation above average gets DEFAULT_NEED_STRENGTH more need. An area's score and the
# city's mean score both lie within Z_CAP of 0, so with strength at most MAX_NEED_STRENGTH the index
# never falls below 1 - 0.25 × (2 + 2) = 0; and one extreme value moves an area's index by at most
# about 0.2 × (2 + 2 + 1) = 1.0 at the default (tests/test_need_index.py).
Z_CAP = 2.0
DEFAULT_NEED_STRENGTH = 0.2
MAX_NEED_STRENGTH = 0.25
# Small areas (issue 16): an area's deviation from the city average counts in proportion to its
# population up to FULL_WEIGHT_POPULATION inhabitants (1.000 inhabitants: half), so that a wijk of a few
# hundred people, whose survey figures rest on a handful of answers, is not ranked a hotspot. Zwolle's
# four wijken below it have 365-1.195 inhabitants; the next smallest has 4.225.
FULL_WEIGHT_POPULATION = 2000


def equal_weights() -> dict[str, float]:
    return {key: 1.0 for key in INDICATOR_KEYS}


def credibility(population: np.ndarray) -> np.ndarray:
    """How much of an area's own deviation from the city average counts: 1 from
    :data:`FULL_WEIGHT_POPULATION` inhabitants up, in proportion below.

    >>> credibility(np.array([365.0, 1000.0, 4225.0])).tolist()
    [0.1825, 0.5, 1.0]
    """
    return np.clip(np.asarray(population, dtype=float) / FULL_WEIGHT_POPULATION, 0.0, 1.0)


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
    _, avg, _ = _city_stats(column(areas, "population"), matrix(areas, keys))
    return dict(zip(keys, avg.tolist()))


@dataclass(frozen=True)
class NeedIndex:
    """The need index in plain arrays, one row per area (see :func:`need_components`).

    ``index = base + parts.sum(axis=1)``; ``scores`` are the capped standard scores (NaN where an
    area has no value), ``capped`` says which were capped, ``no_data`` which areas have no value at all,
    ``credibility`` how much of each area's own deviation counts (:func:`credibility`).
    """

    index: np.ndarray
    base: np.ndarray
    parts: np.ndarray
    scores: np.ndarray
    capped: np.ndarray
    no_data: np.ndarray
    credibility: np.ndarray


def _restandardise(z: np.ndarray, usable: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Per column, ``z`` minus its population-weighted mean over the usable areas, divided by its
    population-weighted standard deviation (unchanged where that is zero)."""
    w = np.where(usable, population[:, None], 0.0)
    w = np.where((w.sum(axis=0) <= 0)[None, :] & usable, 1.0, w)
    wsum = np.where(w.sum(axis=0) > 0, w.sum(axis=0), 1.0)
    mean = (z * w).sum(axis=0) / wsum
    sd = np.sqrt(((z - mean) ** 2 * w).sum(axis=0) / wsum)
    ok = sd > 1e-12
    return np.where(ok, (z - mean) / np.where(ok, sd, 1.0), z)


def need_arrays(
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
    z = np.where(usable, np.clip(z, -Z_CAP, Z_CAP), 0.0)
    # Standardise the capped scores once more: a capped outlier no longer widens the spread the other
    # areas are measured by, so every indicator spreads the index about equally (issue 16).
    z = np.where(usable, _restandardise(z, usable, population), 0.0)
    capped |= usable & (np.abs(z) > Z_CAP)
    z = np.clip(z, -Z_CAP, Z_CAP)
    scores = np.where(usable, z, np.nan)
    wvec = np.array([weights[key] for key in keys], dtype=float)
    wsum = (usable * wvec).sum(axis=1)
    no_data = wsum <= 0
    share = np.where(usable, wvec, 0.0) / np.where(no_data, 1.0, wsum)[:, None]
    combined = (np.where(usable, scores, 0.0) * share).sum(axis=1)
    scored = ~no_data
    centre = _mean(combined[scored], population[scored]) if scored.any() else 0.0
    # A small area's deviation from the centre counts in part; the shift that leaves is shared out so
    # that the population-weighted mean over the scored areas stays exactly 1.
    trust = credibility(population)
    deviation = trust * (combined - centre)
    shift = _mean(deviation[scored], population[scored]) if scored.any() else 0.0
    parts = strength * trust[:, None] * share * np.where(usable, scores, 0.0)
    # An area without any indicator is treated as exactly average.
    base = np.where(no_data, 1.0, 1.0 - strength * (trust * centre + shift))
    index = base + parts.sum(axis=1)
    return NeedIndex(index, base, parts, scores, capped, no_data, trust)


def column(areas: pd.DataFrame, key: str, dtype: type | None = float) -> np.ndarray:
    """One column as a fresh numpy array (of floats unless ``dtype`` says otherwise)."""
    return areas[key].to_numpy(dtype=dtype, copy=True)


def matrix(areas: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Columns as a float matrix, one row per area."""
    if not keys:
        return np.empty((len(areas), 0))
    return np.column_stack([column(areas, key) for key in keys])


def weighted_keys(areas: pd.DataFrame, weights: Mapping[str, float]) -> list[str]:
    return [key for key in INDICATOR_KEYS if weights.get(key, 0) > 0 and key in areas.columns]


def need_components(areas: pd.DataFrame, weights: Mapping[str, float], strength: float | None = None) -> pd.DataFrame:
    """Per area and indicator: its contribution to the need index.

    Every indicator is put on one scale first: its standard score, how many population-weighted
    standard deviations an area lies from the population-weighted city average, turned so that
    higher means more need and capped at :data:`Z_CAP` either way. An area's score is the weighted
    mean of its scores over the indicators it has, so a weight means the same for every indicator
    however much that indicator varies. The index is ``1 + strength × (score - the city's mean
    score)``: the population-weighted city average is exactly 1.0, and with the default strength an
    area one standard deviation above average has 0.2 more need. Below
    :data:`FULL_WEIGHT_POPULATION` inhabitants an area's deviation counts in proportion to its
    population (:func:`credibility`).

    Columns: one per weighted indicator key (its contribution), ``base`` (what every area starts
    from, about 1.0), ``score_<key>`` (the capped standard score, NaN where missing),
    ``capped_<key>``, ``no_data``, ``credibility`` and ``need_index`` (= ``base`` plus the
    contributions).
    """
    strength = DEFAULT_NEED_STRENGTH if strength is None else strength
    keys = weighted_keys(areas, weights)
    population = column(areas, "population")
    need = need_arrays(population, matrix(areas, keys), keys, weights, strength)
    columns = {key: need.parts[:, j] for j, key in enumerate(keys)}
    columns["base"] = need.base
    columns.update({f"score_{key}": need.scores[:, j] for j, key in enumerate(keys)})
    columns.update({f"capped_{key}": need.capped[:, j] for j, key in enumerate(keys)})
    columns["no_data"] = need.no_data
    columns["credibility"] = need.credibility
    columns["need_index"] = need.index
    return pd.DataFrame(columns, index=areas.index)


def need_index(
    areas: pd.DataFrame, weights: Mapping[str, float] | None = None, strength: float | None = None
) -> pd.Series:
    """The relative need per area; the population-weighted city average is 1.0."""
    weights = equal_weights() if weights is None else weights
    if not weighted_keys(areas, weights):
        return pd.Series(1.0, index=areas.index, name="need_index")
    return need_components(areas, weights, strength)["need_index"].rename("need_index")
