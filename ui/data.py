"""The data every page uses: the built-in files or, while a user has uploaded their own figures, those
(for that session only).

Every loader is an ``st.cache_data`` function of its arguments: each caller gets its own copy, and a
failed read is not kept, so a repaired file is read again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from opbouw import load_areas, load_shapes
from opbouw.data import areas_from_wijken, read_wijken
from opbouw.geometry import stadsdelen_from
from opbouw.sources import for_own_data, read_sources
from opbouw.text import md
from opbouw.upload import OwnData


def data_dir() -> str | None:
    """The data folder: ``OPBOUW_DATA_DIR`` if set (tests point it at broken data), else ``data/``."""
    return os.environ.get("OPBOUW_DATA_DIR")


@st.cache_data(show_spinner=False, max_entries=16)
def areas(level: str, year: int, folder: str | None):
    return load_areas(level, year, Path(folder) if folder else None)


@st.cache_data(show_spinner=False, max_entries=8)
def shapes(level: str, folder: str | None):
    return load_shapes(level, Path(folder) if folder else None)


@st.cache_data(show_spinner=False, max_entries=8)
def sources(folder: str | None):
    return read_sources(Path(folder) if folder else None)


def sources_in_use():
    """What the exports cite: the built-in sources, or, while this session uses its own figures, those
    sources with the upload named as the origin of the figures per wijk. Raises ``DataError``."""
    builtin = sources(data_dir())
    own = own_data()
    return builtin if own is None else for_own_data(builtin, own.label, own_polygons=own.shapes is not None)


@st.cache_data(show_spinner=False, max_entries=8)
def wijken(folder: str | None):
    return read_wijken(Path(folder) if folder else None)


def own_data() -> OwnData | None:
    """The figures this session uploaded, if any."""
    return st.session_state.get("own_data")


def source_key() -> str:
    """Which figures this session computes with, as a short key for caches shared by all sessions."""
    own = own_data()
    return f"own:{own.digest}" if own is not None else builtin_key()


def builtin_key() -> str:
    """:func:`source_key` for the built-in figures."""
    return f"builtin:{data_dir() or ''}"


def area_table(level: str, year: int):
    """The areas every page computes with: this session's own figures, else the built-in data."""
    own = own_data()
    if own is not None:
        return _own_areas(own.wijken, level, year)
    return areas(level, year, data_dir())


def wijk_table():
    """The wijk table every page computes with: this session's own figures, else the built-in data."""
    own = own_data()
    return own.wijken if own is not None else wijken(data_dir())


@st.cache_data(show_spinner=False, max_entries=50)
def _own_areas(wijken, level: str, year: int):
    # Keyed by the table's content, so only the same figures share an entry.
    return areas_from_wijken(wijken, level, year)


def area_shapes(level: str) -> dict:
    return _area_shapes(level, own_data(), data_dir())


def shapes_later(level: str) -> Callable[[], dict]:
    """The polygons, read when called: for a file made on click, outside this script run."""
    return partial(_area_shapes, level, own_data(), data_dir())


def _area_shapes(level: str, own: OwnData | None, folder: str | None) -> dict:
    if own is None:
        return shapes(level, folder)
    wijk_shapes = own.shapes if own.shapes is not None else shapes("wijk", folder)
    if level == "wijk":
        return wijk_shapes
    # Own figures may move a wijk to another stadsdeel, or bring their own wijk polygons: the built-in
    # stadsdeel borders then no longer fit, so draw them from the wijk polygons in use.
    return _own_stadsdelen(own.digest, wijk_shapes, own.wijken)


@st.cache_data(show_spinner=False, max_entries=20)
def _own_stadsdelen(digest: str, _wijk_shapes: dict, _wijken) -> dict:
    # Keyed by the upload's fingerprint, which covers the table and the polygons.
    rows = zip(_wijken.index, _wijken["name"], _wijken["stadsdeel"])
    return stadsdelen_from(_wijk_shapes, rows, "Samengevoegd uit de wijkgrenzen in gebruik volgens de eigen indeling")


def builtin_codes() -> set[str]:
    """The wijk codes the built-in map knows (an upload without polygons must use these)."""
    return {f["properties"]["code"] for f in shapes("wijk", data_dir())["features"]}


def use_own_data(own: OwnData | None) -> None:
    """Compute with these figures in this session from now on (None: the built-in data again)."""
    st.session_state.own_data = own


def _back_to_builtin() -> None:
    use_own_data(None)


def own_data_badge() -> None:
    """On every page while own figures are in use: say so, with the way back."""
    own = own_data()
    if own is None:
        return
    badge, back = st.columns([4, 1], vertical_alignment="center")
    badge.info(
        f"**Eigen gegevens** in gebruik ({md(own.label)}), alleen in deze sessie.", icon=":material/description:"
    )
    back.button("Terug naar de ingebouwde gegevens", key="own_data_off", on_click=_back_to_builtin)
