"""An uploaded table (CSV or Excel) read within fixed bounds, before anything else looks at it.

Every limit is checked on what the file declares or on a bounded read, never after loading all of
it: a 7 KB workbook that claims a cell in row 1.048.576, or a zip bomb that unpacks to gigabytes, is
refused in milliseconds with a Dutch message that names the limit. What comes out is a table of
cells: text from a CSV, text or numbers from Excel (a number cell stays a number, so ``12.345`` in a
spreadsheet cell is never mistaken for a Dutch thousands separator).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

import pandas as pd
from openpyxl import load_workbook

from . import format as fmt
from .data import WIJKEN_SCHEMA

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the same as server.maxUploadSize in .streamlit/config.toml
MAX_ROWS = 500  # wijken; Zwolle has 16, the largest Dutch municipality fewer than 100
TEMPLATE_COLUMNS = len(WIJKEN_SCHEMA.columns)
MAX_COLUMNS = 40  # the template has TEMPLATE_COLUMNS (25)
MAX_CELL_CHARS = 500  # the longest is a quoted source for a stadsdeel (data.SOURCE_MAX_CHARS)
MAX_SCAN_ROWS = 5_000  # rows of a worksheet looked at (empty ones after the table included)
MAX_XLSX_PARTS = 200  # files inside the .xlsx (a workbook with one sheet has about ten)
MAX_XLSX_UNPACKED_BYTES = 8 * 1024 * 1024
MAX_XLSX_RATIO = 100  # unpacked size over packed size of one part larger than 1 MB (a zip bomb: thousands)


def size_problems(name: str, content: bytes) -> list[str]:
    if not content:
        return [f"{name} is leeg."]
    if len(content) > MAX_UPLOAD_BYTES:
        return [f"{name} is te groot ({len(content) / 1e6:.1f} MB); hooguit {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."]
    return []


def read_table(name: str, content: bytes) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    """(table of cells with the header as column names, problems, notes) from a CSV or Excel file."""
    problems = size_problems(name, content)
    if problems:
        return None, problems, []
    lower = name.lower()
    if lower.endswith(".xlsx"):
        frame, problems, notes = _read_xlsx(name, content)
    elif lower.endswith((".csv", ".txt")):
        frame, problems, notes = _read_csv(name, content)
    elif lower.endswith((".xls", ".xlsm", ".xlsb", ".ods")):
        return None, [f"{name}: sla het bestand op als Excel-werkmap (.xlsx) of als CSV."], []
    else:
        return None, [f"{name}: gebruik een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."], []
    if frame is None:
        return None, problems, notes
    problems = _cell_problems(name, frame)
    return (None if problems else frame), problems, notes


def _decode(name: str, content: bytes) -> tuple[str | None, list[str], list[str]]:
    if b"\x00" in content[:4096]:
        return None, [f"{name} is geen tekstbestand (CSV); sla het op als CSV of als Excel-bestand (.xlsx)."], []
    try:
        return content.decode("utf-8-sig"), [], []
    except UnicodeDecodeError:
        # A Dutch Excel on Windows saves CSV in Windows-1252; that reads fine, but say so.
        return (
            content.decode("cp1252", errors="replace"),
            [],
            [f"{name} is niet in UTF-8 opgeslagen; gelezen als Windows-1252."],
        )


def _read_csv(name: str, content: bytes) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    text, problems, notes = _decode(name, content)
    if text is None:
        return None, problems, notes
    lines = text.splitlines()
    header = lines[0] if lines else ""
    if not header.strip():
        return None, [f"{name} is leeg."], notes
    filled = sum(1 for line in lines if line.strip())
    if filled > MAX_ROWS + 1:
        return None, [f"{name} heeft {fmt.integer(filled - 1)} rijen; hooguit {fmt.integer(MAX_ROWS)} wijken."], notes
    separator = max([";", ",", "\t"], key=header.count)
    if header.count(separator) + 1 > MAX_COLUMNS:
        return None, [f"{name} heeft meer dan {MAX_COLUMNS} kolommen; het sjabloon heeft er {TEMPLATE_COLUMNS}."], notes
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        return None, [f"{name} is geen geldige CSV: {str(exc).splitlines()[0][:120]}"], notes
    return frame, [], notes


def _unpacked_problems(name: str, archive: zipfile.ZipFile) -> list[str]:
    parts = archive.infolist()
    if len(parts) > MAX_XLSX_PARTS:
        return [f"{name} bestaat uit {len(parts)} onderdelen; hooguit {MAX_XLSX_PARTS} (een tabel heeft er enkele)."]
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        return [
            f"{name} is uitgepakt {unpacked / 1e6:.0f} MB; hooguit {MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)} MB "
            "(een tabel met wijken is veel kleiner)."
        ]
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
            return [
                f"{name} pakt zich uit tot meer dan {MAX_XLSX_RATIO} keer zijn eigen grootte; "
                "zo'n werkmap wordt niet gelezen."
            ]
    return []


def _read_xlsx(name: str, content: bytes) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    unreadable = [f"{name} is geen leesbaar Excel-bestand."]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            problems = _unpacked_problems(name, archive)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        # NotImplementedError: a header that claims a zip version or compression Python cannot read
        return None, unreadable, []
    if problems:
        return None, problems, []
    try:
        # read_only streams the sheet; data_only gives a formula's stored result, never the formula
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return None, unreadable, []
    try:
        return _first_visible_sheet(name, book)
    except Exception:  # noqa: BLE001 - a part that turns out broken only while it is read
        return None, unreadable, []
    finally:
        book.close()


def _first_visible_sheet(name: str, book) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    if not visible:
        return None, [f"{name} heeft geen zichtbaar werkblad."], []
    sheet = visible[0]
    notes = []
    others = [ws.title for ws in book.worksheets if ws is not sheet]
    if others:
        hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
        notes.append(
            f"Alleen het werkblad '{sheet.title}' is gelezen"
            + (f"; verborgen werkbladen ({', '.join(hidden[:5])}) zijn niet gebruikt." if hidden else ".")
        )
    declared_rows, declared_columns = sheet.max_row, sheet.max_column  # from the sheet's own dimension
    if (declared_rows or 0) > MAX_SCAN_ROWS or (declared_columns or 0) > MAX_COLUMNS:
        return (
            None,
            [
                f"Het werkblad '{sheet.title}' in {name} loopt door tot rij {fmt.integer(declared_rows or 0)}, "
                f"kolom {fmt.integer(declared_columns or 0)}; hooguit {fmt.integer(MAX_ROWS)} wijken in "
                f"{MAX_COLUMNS} kolommen. Verwijder wat onder of naast de tabel staat."
            ],
            notes,
        )
    rows = []
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
        if number > MAX_SCAN_ROWS:
            limit = fmt.integer(MAX_SCAN_ROWS)
            return None, [f"Het werkblad '{sheet.title}' in {name} loopt door voorbij rij {limit}."], notes
        if any(v is not None and v != "" for v in row):
            if number > MAX_ROWS + 1:
                return None, [f"{name} heeft meer dan {fmt.integer(MAX_ROWS)} wijken."], notes
            if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] not in (None, ""):
                return (
                    None,
                    [f"{name} heeft meer dan {MAX_COLUMNS} kolommen; het sjabloon heeft er {TEMPLATE_COLUMNS}."],
                    notes,
                )
            rows.append(row[:MAX_COLUMNS])
    if not rows:
        return None, [f"{name} is leeg."], notes
    header, *body = rows
    width = max(i + 1 for i, v in enumerate(header) if v not in (None, "")) if any(header) else 0
    if not width:
        return None, [f"{name}: de eerste rij moet de kolomnamen bevatten."], notes
    cells = [[_cell(v) for v in row[:width]] for row in body]
    return pd.DataFrame(cells, columns=[_cell(v) for v in header[:width]], dtype=object), [], notes


def _cell(value: object) -> object:
    """An Excel cell as the upload reads it: text, a number (int or float), or '' when empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()  # a date where a number belongs: validation names the cell
    return str(value)


def _cell_problems(name: str, frame: pd.DataFrame) -> list[str]:
    """Header names and cells longer than the limit, with row and column."""
    problems = [
        f"{name}: kolomnaam '{str(c)[:40]}…' is langer dan {MAX_CELL_CHARS} tekens"
        for c in frame.columns
        if len(str(c)) > MAX_CELL_CHARS
    ]
    for i, column in enumerate(frame.columns):
        for position, value in enumerate(frame.iloc[:, i]):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(
                    f"rij {position + 2}, kolom '{str(column)[:40]}': {fmt.integer(len(value))} tekens; "
                    f"hooguit {MAX_CELL_CHARS}"
                )
    return problems[:50]
