"""Deployment settings: an environment variable, else the Streamlit secret of the same name."""

from __future__ import annotations

import os

import streamlit as st


def setting(name: str) -> str | None:
    """The value of ``name`` (environment first, then ``st.secrets``), or None when it is not set."""
    if os.environ.get(name):
        return os.environ[name]
    try:
        return str(st.secrets[name]) if name in st.secrets else None
    except Exception:  # noqa: BLE001 - no or unreadable secrets.toml: not set
        return None
