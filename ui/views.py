"""What the main page shows for one scenario, made once and shared by every session.

The same settings on the same figures give the same page, so the allocation, the table, the charts
(with their rows already in Arrow, the form Streamlit sends them in), the map's JSON and an area's
explanation are kept on shelves shared by all sessions, under a small key: which figures (built-in,
or an upload by its fingerprint), level, year and the scenario. A rerun after a slider move to a
setting anyone has used before then only sends the page; a new setting is computed once.
Everything here is read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pydeck as pdk
from streamlit import dataframe_util

from opbouw import Scenario, allocate
from opbouw.charts import per_10k_vs_need, stacked_fte, waterfall
from opbouw.explain import breakdown, need_table_rows, sentence, waterfall_rows
from opbouw.maps import allocation_map, legend_html
from opbouw.present import assumption_note, display_names, notes, table_rows
from opbouw.settings import Settings
from opbouw.text import md

from . import data

T = TypeVar("T")
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


class Shelf:
    """A bounded map shared by every session and thread; the least recently used entry goes first.

    What ``st.cache_resource`` does for a string key, without its cost per call: it inspects the
    function's signature and hashes the arguments each time, about 1 ms here, several times a rerun.
    Two sessions asking for the same new key at once may both make it; either result is the same.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: a slow make does not hold up other sessions
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


VIEWS, MAPS, EXPLANATIONS = Shelf(1_000), Shelf(300), Shelf(2_000)


def view(settings: Settings) -> View:
    """This session's page for these settings; raises ``ValueError`` or ``DataError`` with a Dutch message."""
    scenario = settings.scenario()
    level, year = settings.level, settings.year
    key = f"{data.source_key()}|{level}|{year}|{scenario!r}"
    return VIEWS.get(key, lambda: build(key, scenario, level, year, allocate(data.area_table(level, year), scenario)))


def _arrow_rows(rows: list[dict[str, str]]) -> pa.Table:
    """Rows of text for ``st.table`` in Arrow, Streamlit's wire format: converted once, not on every
    rerun, and straight from the rows (through a DataFrame it took three times as long). ``st.table``
    renders Markdown in its cells and headers, so every one is escaped (area names are uploaded text)."""
    return pa.Table.from_pylist([{md(k): md(v) for k, v in row.items()} for row in rows])


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


def build(key: str, scenario: Scenario, level: str, year: int, result: pd.DataFrame) -> View:
    """The page's parts for an allocation result (uncached; ``view`` keeps them)."""
    return View(
        key=key,
        scenario=scenario,
        level=level,
        year=year,
        result=result,
        table=_arrow_rows(table_rows(result)),
        notes=tuple(notes(result)),
        assumption=assumption_note(result),
        names=dict(zip(result.index, display_names(result))),
        charts={kind: _arrow(make(result)) for kind, make in CHART_BUILDERS.items()},
    )


def area_map(shown: View, colour_by: str) -> tuple[pdk.Deck, str]:
    """The map and its legend (HTML); raises ``DataError`` when the polygons do not fit the figures."""
    return MAPS.get(f"{shown.key}|{colour_by}", lambda: _area_map(shown, colour_by, data.area_shapes(shown.level)))


def _area_map(shown: View, colour_by: str, shapes: dict) -> tuple[pdk.Deck, str]:
    deck, legend = allocation_map(shown.result, shapes, colour_by)
    # Streamlit serialises the deck on every rerun (st.pydeck_chart calls to_json); this one is final.
    text = deck.to_json()
    deck.to_json = lambda: text
    return deck, legend_html(legend)


def explanation(shown: View, code: str) -> Explanation:
    """'Waarom dit aantal?' for one area: the sentence, the waterfall and its need-index table."""
    return EXPLANATIONS.get(
        f"{shown.key}|{code}", lambda: _explanation(shown, code, data.area_table(shown.level, shown.year))
    )


def _explanation(shown: View, code: str, areas: pd.DataFrame) -> Explanation:
    parts = breakdown(shown.result, shown.scenario, code)
    return Explanation(
        sentence=sentence(parts, shown.scenario, shown.level),
        name=parts.name,
        waterfall=_arrow(waterfall(waterfall_rows(parts), f"{parts.name}: van vaste voet tot toegekende fte")),
        need_table=_arrow_rows(need_table_rows(areas, shown.scenario.need_weights, code)),
    )


def forget() -> None:
    """Empty the shelves (the benchmark measures a rerun on a setting nobody used before)."""
    for shelf in (VIEWS, MAPS, EXPLANATIONS):
        shelf.clear()
