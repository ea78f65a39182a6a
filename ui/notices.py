"""Notices that repeat text from users or from the data (link parameters, upload problems, area names):
every part goes through :func:`opbouw.text.md`, so it is shown as written and never becomes a link,
an image or HTML. Only the bold heading, which the app writes itself, is Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from opbouw.text import md

Kind = Literal["info", "warning", "error", "success"]
SHOWN_AT_MOST = 30  # a longer list ends with how many more there are


def notice(kind: Kind, intro: str, items: Sequence[str] = (), *, heading: str | None = None) -> None:
    """An alert: an optional bold ``heading`` (app text), ``intro`` and a bulleted list of ``items``
    (plain text, from anywhere), at most :data:`SHOWN_AT_MOST` of them."""
    parts = [f"**{md(heading)}**"] if heading else []
    if intro:
        parts.append(md(intro))
    shown = [f"- {md(item)}" for item in items[:SHOWN_AT_MOST]]
    if len(items) > SHOWN_AT_MOST:
        shown.append(f"- … en nog {len(items) - SHOWN_AT_MOST}")
    if shown:
        parts.append("\n".join(shown))
    getattr(st, kind)("\n\n".join(parts))


def link_problems(problems: Sequence[str]) -> None:
    """What in a link could not be used (the same words on every page)."""
    if problems:
        notice("warning", "Niet alles in de link kon worden gebruikt:", problems)
