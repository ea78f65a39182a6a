"""What the main page shows for one scenario, made once and shared by every session.

The same settings on the same figures give the same page, so the allocation, the table, the charts
(with their rows already in Arrow, the form Streamlit sends them in), the map's JSON and an area's
explanation are kept in ``st.cache_resource`` under a small key: which figures (built-in, or an upload
by its fingerprint), level, year and the scenario. A rerun after a slider move to a setting anyone has
used before then only sends the page; a new setting is computed once. Everything here is read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pydeck as pdk
import streamlit as st
from streamlit import dataframe_util

from opbouw import Scenario, allocate
from opbouw.charts import per_10k_vs_need, stacked_fte, waterfall
from opbouw.explain import breakdown, need_table, sentence, waterfall_rows
from opbouw.maps import COLOUR_BY, allocation_map, legend_html
from opbouw.present import assumption_note, display_names, notes, table
from opbouw.settings import Settings

from . import data

CHART_BUILDERS = {"stacked_fte": stacked_fte, "per_10k_vs_need": per_10k_vs_need}


@dataclass(frozen=True)
class View:
    key: str  # figures, level, year and scenario: what the cached parts below are keyed on
    scenario: Scenario
    level: str
    year: int
    result: pd.DataFrame
    table: pa.Table
    notes: tuple[str, ...]
    assumption: str | None
    names: dict[str, str]  # area code -> the name shown, marked when its stadsdeel is an assumption
    charts: dict[str, dict]  # Vega-Lite specs by CHART_BUILDERS key


@dataclass(frozen=True)
class Explanation:
    sentence: str
    name: str
    waterfall: dict
    need_table: pa.Table


def view(settings: Settings) -> View:
    """This session's page for these settings; raises ``ValueError`` or ``DataError`` with a Dutch message."""
    scenario = settings.scenario()
    level, year = settings.level, settings.year
    # A string key: Streamlit hashes it in microseconds (a Scenario it would take apart field by field).
    key = f"{data.source_key()}|{level}|{year}|{scenario!r}"
    return _view(key, scenario, level, year, lambda: data.area_table(level, year))


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A table for ``st.table`` in Arrow, Streamlit's wire format: converted once, not on every rerun."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def _arrow(spec: dict) -> dict:
    """Altair puts a chart's rows under ``datasets``; Streamlit turns those into Arrow on every call
    unless they already are (vega_charts._marshall_chart_data), so do it once here."""
    datasets = spec.get("datasets", {})
    return spec | {
        "datasets": {
            name: dataframe_util.convert_anything_to_arrow_bytes(pa.Table.from_pylist(rows))
            for name, rows in datasets.items()
        }
    }


@st.cache_resource(show_spinner=False, max_entries=1_000)
def _view(key: str, _scenario: Scenario, _level: str, _year: int, _areas: Callable[[], pd.DataFrame]) -> View:
    return build(key, _scenario, _level, _year, allocate(_areas(), _scenario))


def build(key: str, scenario: Scenario, level: str, year: int, result: pd.DataFrame) -> View:
    """The page's parts for an allocation result (uncached; ``view`` caches it)."""
    return View(
        key=key,
        scenario=scenario,
        level=level,
        year=year,
        result=result,
        table=_arrow_table(table(result)),
        notes=tuple(notes(result)),
        assumption=assumption_note(result),
        names=dict(zip(result.index, display_names(result))),
        charts={kind: _arrow(build(result)) for kind, build in CHART_BUILDERS.items()},
    )


def area_map(shown: View, colour_by: str) -> tuple[pdk.Deck, str]:
    """The map and its legend (HTML); raises ``DataError`` when the polygons do not fit the figures."""
    level = shown.level
    return _area_map(shown.key, colour_by, shown, lambda: data.area_shapes(level))


@st.cache_resource(show_spinner=False, max_entries=300)
def _area_map(key: str, colour_by: str, _shown: View, _shapes: Callable[[], dict]) -> tuple[pdk.Deck, str]:
    deck, legend = allocation_map(_shown.result, _shapes(), colour_by)
    # Streamlit serialises the deck on every rerun (st.pydeck_chart calls to_json); this one is final.
    text = deck.to_json()
    deck.to_json = lambda: text
    return deck, legend_html(legend, COLOUR_BY[colour_by].capitalize())


def explanation(shown: View, code: str) -> Explanation:
    """'Waarom dit aantal?' for one area: the sentence, the waterfall and its need-index table."""
    level, year = shown.level, shown.year
    return _explanation(shown.key, code, shown, lambda: data.area_table(level, year))


@st.cache_resource(show_spinner=False, max_entries=2_000)
def _explanation(key: str, code: str, _shown: View, _areas: Callable[[], pd.DataFrame]) -> Explanation:
    parts = breakdown(_shown.result, _shown.scenario, code)
    return Explanation(
        sentence=sentence(parts, _shown.scenario, _shown.level),
        name=parts.name,
        waterfall=_arrow(waterfall(waterfall_rows(parts), f"{parts.name}: van vaste voet tot toegekende fte")),
        need_table=_arrow_table(need_table(_areas(), _shown.scenario.need_weights, code)),
    )


def forget() -> None:
    """Empty the caches above (the benchmark measures a rerun on a setting nobody used before)."""
    for cached in (_view, _area_map, _explanation):
        cached.clear()
