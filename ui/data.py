"""Cached data loading for every page (``st.cache_data``: each user gets their own copy)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from opbouw import load_areas, load_shapes
from opbouw.sources import read_sources


def data_dir() -> str | None:
    """The data folder: ``OPBOUW_DATA_DIR`` if set (tests point it at broken data), else ``data/``."""
    return os.environ.get("OPBOUW_DATA_DIR")


@st.cache_data(show_spinner=False)
def areas(level: str, year: int, folder: str | None):
    return load_areas(level, year, Path(folder) if folder else None)


@st.cache_data(show_spinner=False)
def shapes(level: str, folder: str | None):
    return load_shapes(level, Path(folder) if folder else None)


@st.cache_data(show_spinner=False)
def sources(folder: str | None):
    return read_sources(Path(folder) if folder else None)
