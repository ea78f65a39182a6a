"""What a person reads on the page for text the app escaped for Markdown (``opbouw.text.md``):
Markdown shows a backslash-escaped punctuation character as the character itself."""

from __future__ import annotations

import re

import pandas as pd

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(text: str) -> str:
    """Escapes undone, and the invisible word joiners that keep a web address from becoming a link."""
    return _ESCAPE.sub(r"\1", text).replace("\u2060", "")


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """An ``st.table`` as read on the page: headers and text cells without their Markdown escapes."""
    out = frame.rename(columns=lambda c: shown(str(c)))
    for column in out.columns:
        out[column] = [shown(v) if isinstance(v, str) else v for v in out[column]]
    return out
