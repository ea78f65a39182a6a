"""What the explorer shows for one scenario, made once and shared by every session.

The same settings on the same figures give the same page, so the allocation, its table, its charts,
the map and an area's explanation are kept with ``st.cache_resource`` under a small key: which
figures (built-in, or an upload by its fingerprint), level, year and the scenario. A rerun after a
slider move to a setting anyone has used before then only draws the page; a new setting is computed
once. Everything here is read-only: nothing changes a view after it is made.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import pyarrow as pa
import pydeck as pdk
import streamlit as st

from opbouw import Allocation, Scenario, allocate, deployment
from opbouw.assumptions import effects
from opbouw.charts import per_10k_vs_need, stacked_fte, waterfall
from opbouw.explain import breakdown, need_table_rows, sentence, waterfall_rows
from opbouw.maps import allocation_map, legend_html
from opbouw.present import assumption_note, display_names, notes, table_rows
from opbouw.settings import Settings
from opbouw.text import md

from . import data

VIEWS_KEPT = 1_000  # about 0.1 MB each: a council meeting tries a few hundred settings
MAPS_KEPT = 300  # the wijk map is the largest part (about 0.5 MB)


@dataclass(frozen=True)
class View:
    key: str  # figures, level, year and scenario: what the cached parts below are keyed on
    result: Allocation
    names: dict[str, str]  # area code -> the name shown, marked when its stadsdeel is an assumption

    @property
    def scenario(self) -> Scenario:
        return self.result.scenario

    @property
    def level(self) -> str:
        return self.result.level


@dataclass(frozen=True)
class Notes:
    """'Let op' for a view, and the caption on the stadsdeel assumptions (with what each would move)."""

    notes: tuple[str, ...]
    assumption: str | None


@dataclass(frozen=True)
class Charts:
    """The explorer's two charts as Vega-Lite specs, as Altair writes them (see ``spec``)."""

    stacked: dict
    scatter: dict


@dataclass(frozen=True)
class Explanation:
    sentence: str
    name: str
    waterfall: dict
    need_table: pa.Table


def view(settings: Settings) -> View:
    """This session's page for these settings; raises ``ValueError`` or ``DataError`` with a Dutch message."""
    return view_of(data.source_key(), data.area_table("wijk", settings.year), settings)


def view_of(source: str, wijken: pd.DataFrame, settings: Settings) -> View:
    """The page for these settings on these figures (``source``: their :func:`ui.data.source_key`)."""
    scenario = settings.scenario()
    level, year = settings.level, settings.year
    return _view(f"{source}|{level}|{year}|{scenario!r}", wijken, scenario, level, year)


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _view(key: str, _areas: pd.DataFrame, _scenario: Scenario, _level: str, _year: int) -> View:
    # Keyed by ``key`` alone: it names the figures, level, year and scenario the other arguments hold.
    return build(key, allocate(_areas, _scenario, _level, _year))


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, written and checked by Altair once for the cached view: Streamlit
    would do the same on every rerun (benchmarks/bench_allocation.py shows what that costs), and the
    spec never changes."""
    return chart.to_dict()


def text_table(rows: list[dict[str, str]]) -> pa.Table:
    """Rows of text for ``st.table``, which renders Markdown in its cells and headers: every one is
    escaped (area names are uploaded text)."""
    return pa.Table.from_pylist([{md(k): md(v) for k, v in row.items()} for row in rows])


def build(key: str, result: Allocation) -> View:
    """What the headline figures need for an allocation result (uncached; ``view`` keeps it). The notes,
    the change against today and the charts are made apart (:func:`notes_of`, :func:`change_from_today`,
    :func:`charts`), after the figures are on their way to the browser."""
    return View(key=key, result=result, names=dict(zip(result.table.index, display_names(result.table))))


def notes_of(shown: View) -> Notes:
    """'Let op' and the assumption caption, with what the stadsdeel assumptions move at these settings
    (:func:`opbouw.assumptions.effects`: the exact shares regrouped for each other stadsdeel an assumed
    wijk could belong to)."""
    return _notes(shown.key, shown.result, data.wijk_table())


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _notes(key: str, _result: Allocation, _wijken) -> Notes:
    moved = effects(_wijken, _result.scenario, _result.year) if _result.level == "stadsdeel" else []
    return Notes(tuple(notes(_result, moved)), assumption_note(_result.table, moved))


def change_from_today(shown: View, settings: Settings) -> tuple[pd.Series | None, bool]:
    """Per area, the FTE minus today's (:func:`opbouw.deployment.change_from_today`), and whether today's
    figures are the assumption. Today's figures are made once per deployment, level and unit."""
    today = _today(_today_key(shown, settings), data.area_table("wijk", shown.result.year), settings, shown.level)
    return deployment.change_from_today(shown.result, today), bool(today is not None and today.assumed)


def _today_key(shown: View, settings: Settings) -> str:
    """What today's figures depend on: the figures, year, level, entered deployment and rounding unit."""
    return f"{data.source_key()}|{shown.result.year}|{shown.level}|{settings.current_deployment}|{settings.unit}"


def area_table(shown: View, settings: Settings) -> pa.Table:
    """The per-area table as shown, with the change against today; made once per view and deployment."""
    return _area_table(f"{shown.key}|{_today_key(shown, settings)}", shown, settings)


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _area_table(key: str, _shown: View, _settings: Settings) -> pa.Table:
    return text_table(table_rows(_shown.result, change_from_today(_shown, _settings)[0]))


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _today(key: str, _wijken: pd.DataFrame, _settings: Settings, _level: str) -> deployment.Deployment | None:
    # Keyed by ``key`` (:func:`_today_key`).
    return deployment.today_at(_wijken, _settings, _level)


def charts(shown: View) -> Charts:
    """The two charts for this view, made once and shared by every session."""
    return _charts(shown.key, shown.result)


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _charts(key: str, _result: Allocation) -> Charts:
    return Charts(stacked=spec(stacked_fte(_result)), scatter=spec(per_10k_vs_need(_result)))


def area_map(shown: View, colour_by: str) -> tuple[pdk.Deck, str]:
    """The map and its legend (HTML); raises ``DataError`` when the polygons do not fit the figures."""
    return _area_map(f"{shown.key}|{colour_by}", shown.result, colour_by, data.area_shapes(shown.level))


@st.cache_resource(max_entries=MAPS_KEPT, show_spinner=False)
def _area_map(key: str, _result: Allocation, colour_by: str, _shapes: dict) -> tuple[pdk.Deck, str]:
    deck, legend = allocation_map(_result, _shapes, colour_by)
    return deck, legend_html(legend)


def explanation(shown: View, code: str) -> Explanation:
    """'Waarom dit aantal?' for one area: the sentence, the waterfall and its need-index table."""
    return _explanation(f"{shown.key}|{code}", shown.result, code, data.area_table("wijk", shown.result.year))


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _explanation(key: str, _result: Allocation, code: str, _areas: pd.DataFrame) -> Explanation:
    parts = breakdown(_result, code)
    return Explanation(
        sentence=sentence(parts, _result.scenario, _result.level),
        name=parts.name,
        waterfall=spec(waterfall(waterfall_rows(parts), f"{parts.name}: van vaste voet tot toegekende fte")),
        need_table=text_table(need_table_rows(_areas, _result.scenario, code, _result.level)),
    )


def forget() -> None:
    """Forget every view (the benchmark measures a rerun on a setting nobody used before)."""
    for cached in (_view, _notes, _today, _area_table, _charts, _area_map, _explanation):
        cached.clear()
