"""Hypothesis strategies for areas and scenarios."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from opbouw import Scenario
from opbouw.indicators import INDICATOR_KEYS, INDICATORS, THEME_KEYS

UNITS = [0.1, 1 / 9, 0.25, 0.5, 1.0]


def indicator_value(key: str):
    higher = INDICATORS[key].more_need_when_higher
    lo = 0.0 if higher else 0.5
    return st.one_of(st.none(), st.floats(lo, 100.0, allow_nan=False)).map(lambda v: math.nan if v is None else v)


@st.composite
def areas(draw, min_size: int = 1, max_size: int = 16) -> pd.DataFrame:
    """A random area table shaped like load_areas' output."""
    n = draw(st.integers(min_size, max_size))
    population = draw(st.lists(st.integers(0, 40_000), min_size=n, max_size=n))
    if sum(population) == 0:
        population[0] = draw(st.integers(1, 40_000))
    frame = pd.DataFrame(
        {"name": [f"Gebied {i:02d}" for i in range(n)], "population": np.array(population, dtype=np.int64)},
        index=pd.Index([f"A{i:02d}" for i in range(n)], name="code"),
    )
    for key in INDICATOR_KEYS:
        frame[key] = draw(st.lists(indicator_value(key), min_size=n, max_size=n))
    frame["status"] = "bevestigd"
    # Wijken in one to five stadsdelen (any order): the model computes per wijk and adds up per stadsdeel.
    groups = draw(st.integers(1, min(n, 5)))
    frame["stadsdeel"] = [f"S{g}" for g in draw(st.lists(st.integers(0, groups - 1), min_size=n, max_size=n))]
    frame["assumed_wijken"] = ""
    return frame


def weights():
    return st.fixed_dictionaries({key: st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]) for key in INDICATOR_KEYS})


def theme_weights():
    return st.fixed_dictionaries({key: st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]) for key in THEME_KEYS})


@st.composite
def scenarios(draw, max_units: int = 250) -> Scenario:
    """A valid scenario whose total lies on its rounding grid."""
    unit = draw(st.sampled_from(UNITS))
    units = draw(st.integers(0, min(max_units, int(25 / unit))))
    return Scenario(
        total_fte=units * unit,
        presence_share=draw(st.integers(0, 20)) / 20,
        min_fte_per_area=draw(st.sampled_from([0.0, 0.1, 0.5, 1.0, 2.0])),
        unit_fte=unit,
        need_weights=draw(weights()),
        theme_weights=draw(theme_weights()),
        min_fte_per=draw(st.sampled_from(["stadsdeel", "wijk"])),
        need_strength=draw(st.sampled_from([0.0, 0.1, 0.2, 0.25])),
        assignment_focus_areas=draw(st.sampled_from([0, 0, 1, 2, 3])),
    )
