"""Text from users (scenario names and notes, uploaded names and file names, link parameters) as text.

Everything in ``opbouw`` produces plain text. Where it is shown, it must stay text: Streamlit renders
Markdown in most elements (markdown, captions, alerts, metric labels and deltas, table cells and
headers), a spreadsheet program runs a cell that starts with ``=``, and deck.gl's tooltip is HTML.
One function per kind of place:

- :func:`md` (and :func:`markdown_table`) for anything Streamlit renders as Markdown;
- :func:`html_text` for the map's HTML tooltip, :func:`deck_text` for the map's other strings;
- :func:`spreadsheet_cell` (and :func:`spreadsheet_safe`) for CSV cells, :func:`workbook_bytes` for an
  Excel workbook whose text cells must stay text;
- :func:`shorten` and :func:`echo` for text repeated back to the user (a link parameter, a cell).

The tests hold these to what a browser shows (``tests/test_browser.py``: no script runs, no link or
image appears, nothing is fetched from another host).
"""

from __future__ import annotations

import html
import io
import re
import unicodedata

import pandas as pd
from openpyxl import Workbook

# CommonMark lets any ASCII punctuation character be escaped with a backslash, which then stands for
# itself. These are escaped wherever they stand: together they start every link, image, HTML tag,
# entity, emphasis, code, table, heading, maths and Streamlit directive (``:red[...]``).
_ALWAYS = frozenset("\\`*_{}[]<>#|~$!&@")
# These only matter in one position: an autolink (``http://``, ``www.``), or the start of a list item
# or a setext heading. Everywhere else ordinary Dutch text ("t.o.v.", "Aa-landen", "(8 fte)") is kept.
# Autolinks are made after parsing, from the text itself (``http://``, ``www.``, ``name@host``), so an escape
# does not stop them: an invisible word joiner (U+2060) inside the pattern does.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"
_BLOCK_START = re.compile(r"^(\s*)(?:([-+])(?=\s|$|-)|(\d{1,9})([.)])(?=\s|$))")
# Line breaks and other control characters would start new Markdown blocks (a heading, a list, a
# setext underline); in a name or a notice they become a space.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")
# A formula in a spreadsheet: the characters Excel, LibreOffice and Google Sheets read as a start
# (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def one_line(text: object) -> str:
    """``text`` as one line: line breaks and control characters become single spaces."""
    return _BREAKS.sub(" ", str(text))


def md(text: object) -> str:
    """``text`` for a Streamlit element that renders Markdown, shown exactly as written (on one line):
    never a link, an image, HTML or formatting.

    >>> md("[klik](http://example.org) *niet* <b>vet</b>")
    '\\\\[klik\\\\](http:\\u2060//example.org) \\\\*niet\\\\* \\\\<b\\\\>vet\\\\</b\\\\>'
    >>> md("0,0 fte t.o.v. nu (8 fte)")
    '0,0 fte t.o.v. nu (8 fte)'
    """
    flat = "".join("\\" + ch if ch in _ALWAYS else ch for ch in one_line(text))
    flat = _AUTOLINK.sub(WORD_JOINER, flat)
    return _BLOCK_START.sub(_escape_block_start, flat)


def _escape_block_start(match: re.Match) -> str:
    space, mark, digits, dot = match.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{dot}"


def deck_text(text: object) -> str:
    """``text`` for a row of the map's data: deck.gl reads a JSON string that starts with ``@@`` as an
    expression or a constant to look up, so such a name gets an invisible zero-width space in front."""
    flat = str(text)
    return "\u200b" + flat if flat.startswith("@@") else flat


def html_text(text: object) -> str:
    """``text`` for an HTML context (the map's tooltip): tags and entities shown, never run, and never
    read by deck.gl as an expression."""
    return deck_text(html.escape(one_line(text), quote=True))


def shorten(text: object, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis when longer.

    >>> shorten("Aa-landen en Holtenbroek", 12)
    'Aa-landen e…'
    """
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: max(limit - 1, 0)] + "…"


def echo(text: object, limit: int = 40) -> str:
    """What a user sent, repeated in a message: shortened, and with invisible characters named, so a
    message cannot be made to say more than the app wrote (still plain text: pass it through
    :func:`md` where Markdown is rendered)."""
    visible = "".join(ch if unicodedata.category(ch)[0] != "C" else "\N{REPLACEMENT CHARACTER}" for ch in str(text))
    return shorten(visible, limit)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as the text it is: a string starting with a formula
    character gets a leading apostrophe (the usual neutralising prefix). Numbers stay numbers.

    >>> spreadsheet_cell('=HYPERLINK("http://example.org","x")'), spreadsheet_cell(-2.5)
    ('\\'=HYPERLINK("http://example.org","x")', -2.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def markdown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for ``st.table``, which renders Markdown in its cells and headers: every
    header and text cell escaped with :func:`md` (numbers are left as they are)."""
    out = frame.rename(columns=md)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [md(v) if isinstance(v, str) else v for v in out[column]]
    return out


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for a CSV file: every text cell through :func:`spreadsheet_cell`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [spreadsheet_cell(v) for v in out[column]]
    return out


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as an .xlsx file, with every text cell written as text.

    openpyxl stores a string that starts with ``=`` as a formula; names and notes come from users
    (an uploaded wijk called ``=HYPERLINK(...)``), and no export has a formula of its own, so every
    such cell is turned back into the text it was."""
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
