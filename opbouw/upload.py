"""Staff's own figures: a template to fill in, and a checked upload that replaces nothing until it is right.

The path every upload takes is :func:`apply_upload`: it reads a CSV or Excel file (a Dutch Excel
export with ``;`` and decimal commas included), optionally a GeoJSON with area polygons, validates
everything with the same pandera schema as the built-in data plus the checks an upload needs, and
returns either new :class:`OwnData` or the data that was in use, unchanged, with every problem in
Dutch (row and column where there is one).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from openpyxl import Workbook

from .data import WIJKEN_SCHEMA, validate_wijken
from .text import spreadsheet_safe, workbook_bytes

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the same as server.maxUploadSize in .streamlit/config.toml
COLUMNS = list(WIJKEN_SCHEMA.columns)
REQUIRED = ["code", "name", "stadsdeel", "population_2022", "population_2024"]
TEXT_COLUMNS = {"code", "name", "stadsdeel", "stadsdeel_status", "stadsdeel_source"}
NUMERIC_COLUMNS = [c for c in COLUMNS if c not in TEXT_COLUMNS]
DEFAULTS = {"stadsdeel_status": "bevestigd", "stadsdeel_source": "eigen gegevens"}
_NUMBER_WITH_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$")


@dataclass(frozen=True)
class OwnData:
    """Figures a user uploaded for this session: the wijk table (validated, indexed by code) and,
    if uploaded, wijk polygons (a GeoJSON FeatureCollection)."""

    wijken: pd.DataFrame
    shapes: dict | None
    label: str  # what the badge says: the file name(s)
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def digest(self) -> str:
        """A fingerprint of the figures and polygons: the same upload gives the same results, so they can
        be cached under it (computed once per upload)."""
        content = hashlib.sha256(self.wijken.to_csv().encode())
        content.update(json.dumps(self.shapes, sort_keys=True).encode())
        return content.hexdigest()


def template_csv(wijken: pd.DataFrame) -> bytes:
    """The table as a CSV for Dutch Excel: ';', decimal comma, UTF-8 with BOM (text cells that a
    spreadsheet would run as a formula get a leading apostrophe)."""
    frame = spreadsheet_safe(wijken.reset_index()[COLUMNS])
    return ("\ufeff" + frame.to_csv(sep=";", decimal=",", index=False)).encode("utf-8")


def template_xlsx(wijken: pd.DataFrame) -> bytes:
    """The table as an Excel workbook, every text cell as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "wijken"
    frame = wijken.reset_index()[COLUMNS]
    ws.append(COLUMNS)
    for row in frame.itertuples(index=False):
        ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    return workbook_bytes(wb)


def _size_problems(name: str, content: bytes) -> list[str]:
    if not content:
        return [f"{name} is leeg."]
    if len(content) > MAX_UPLOAD_BYTES:
        return [f"{name} is te groot ({len(content) / 1e6:.1f} MB); hooguit {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."]
    return []


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


def read_table(name: str, content: bytes) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    """(table as text cells, problems, notes) from a CSV or Excel file."""
    problems = _size_problems(name, content)
    if problems:
        return None, problems, []
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        try:
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            return None, [f"{name} is geen leesbaar Excel-bestand."], []
        return frame.fillna(""), [], []
    if not lower.endswith((".csv", ".txt")):
        return None, [f"{name}: gebruik een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."], []
    text, problems, notes = _decode(name, content)
    if text is None:
        return None, problems, notes
    header = text.splitlines()[0] if text.strip() else ""
    if not header.strip():
        return None, [f"{name} is leeg."], notes
    separator = max([";", ",", "\t"], key=header.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        return None, [f"{name} is geen geldige CSV: {str(exc).splitlines()[0][:120]}"], notes
    return frame, [], notes


def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Numeric columns as numbers where they are numbers (Dutch '1.234,5' and English '1234.5' both),
    left as text where they are not, so that validation names the cell."""
    out = frame.copy()
    for column in NUMERIC_COLUMNS:
        if column not in out.columns:
            continue
        cells = out[column].astype(str).str.strip()
        comma = cells.str.match(_NUMBER_WITH_COMMA)
        cells = cells.where(~comma, cells.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        numeric = pd.to_numeric(cells.where(cells != "", None), errors="coerce")
        bad = cells.ne("") & numeric.isna()
        out[column] = numeric.astype(object).where(~bad, cells)
    return out


def validate_table(frame: pd.DataFrame) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    """(validated wijk table, problems, notes) for an uploaded table of text cells."""
    frame = frame.rename(columns=lambda c: str(c).strip().lstrip("\ufeff"))
    duplicated = sorted({c for c in frame.columns if list(frame.columns).count(c) > 1})
    if duplicated:
        return None, [f"kolom '{c}' staat er meer dan eens in" for c in duplicated], []
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        return None, [f"kolom '{c}' ontbreekt" for c in missing], []
    notes = []
    extra = [str(c) for c in frame.columns if c not in COLUMNS]
    if extra:
        notes.append(f"Niet gebruikt: de kolom(men) {', '.join(extra[:6])}.")
    frame = frame[[c for c in COLUMNS if c in frame.columns]].copy()
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = DEFAULTS.get(column, math.nan)
            if column not in DEFAULTS:
                notes.append(f"Kolom '{column}' ontbreekt; die waarde geldt als onbekend.")
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype(object).where(frame[column].astype(str).str.strip() != "", None)
    frame["stadsdeel_status"] = frame["stadsdeel_status"].fillna("bevestigd")
    frame = _numbers(frame)
    validated, problems = validate_wijken(frame.reset_index(drop=True))
    if problems:
        return None, problems, notes
    for column in TEXT_COLUMNS - {"code"}:
        validated[column] = validated[column].astype("str")  # the dtype the built-in table has
    validated.index = validated.index.astype("str")
    for year in (2022, 2024):
        column = f"population_{year}"
        for position, (code, value) in enumerate(validated[column].items()):
            if value <= 0:
                problems.append(f"rij {position + 2}, kolom '{column}': {code} heeft geen inwoners ({value})")
    return (None if problems else validated), problems, notes


def read_geojson(name: str, content: bytes) -> tuple[dict | None, list[str]]:
    """A FeatureCollection of polygons, each with ``properties.code``; label points added where missing."""
    problems = _size_problems(name, content)
    if problems:
        return None, problems
    try:
        collection = json.loads(content.decode("utf-8-sig"))
        features = collection["features"]
        if not isinstance(features, list) or not features:
            raise ValueError
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None, [f"{name} is geen geldige GeoJSON FeatureCollection."]
    out = []
    for number, feature in enumerate(features, start=1):
        try:
            code = str(feature["properties"]["code"])
            geometry = feature["geometry"]
            rings = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            if geometry["type"] not in ("Polygon", "MultiPolygon"):
                raise ValueError
            outer = [(float(x), float(y)) for x, y, *_ in rings[0][0]]
            if len(outer) < 3:
                raise ValueError
        except (KeyError, TypeError, ValueError, IndexError):
            problems.append(f"{name}, vlak {number}: geen polygoon met een eigenschap 'code'")
            continue
        properties = dict(feature["properties"], code=code)
        properties.setdefault("label_lon", sum(x for x, _ in outer) / len(outer))
        properties.setdefault("label_lat", sum(y for _, y in outer) / len(outer))
        out.append({"type": "Feature", "geometry": geometry, "properties": properties})
    codes = [f["properties"]["code"] for f in out]
    problems += [
        f"{name}: code '{c}' heeft meer dan één vlak" for c in sorted({c for c in codes if codes.count(c) > 1})
    ]
    return (None if problems else {"type": "FeatureCollection", "features": out}), problems


def apply_upload(
    active: OwnData | None,
    table: tuple[str, bytes] | None,
    geojson: tuple[str, bytes] | None,
    known_codes: set[str],
) -> tuple[OwnData | None, list[str], list[str]]:
    """(data in use afterwards, problems, notes). On any problem the first item is ``active`` itself.

    ``table`` and ``geojson`` are (file name, content); ``known_codes`` are the wijk codes the
    built-in map has, which an upload without its own polygons must use.
    """
    if table is None:
        return active, ["Kies eerst een bestand met de tabel (CSV of Excel)."], []
    frame, problems, notes = read_table(*table)
    if frame is None:
        return active, problems, notes
    wijken, problems, more = validate_table(frame)
    notes += more
    if wijken is None:
        return active, problems, notes
    shapes = None
    if geojson is not None:
        shapes, problems = read_geojson(*geojson)
        if shapes is None:
            return active, problems, notes
        polygon_codes = {f["properties"]["code"] for f in shapes["features"]}
        problems = [
            f"{wijken.loc[c, 'name']} ({c}) heeft geen vlak in {geojson[0]}"
            for c in wijken.index
            if c not in polygon_codes
        ]
        problems += [
            f"{geojson[0]}: vlak met code '{c}' hoort bij geen wijk in de tabel"
            for c in sorted(polygon_codes - set(wijken.index))
        ]
    else:
        problems = [
            f"rij {i + 2}, kolom 'code': onbekende wijkcode '{c}' (nieuwe gebieden: voeg een GeoJSON toe)"
            for i, c in enumerate(wijken.index)
            if c not in known_codes
        ]
    if problems:
        return active, problems, notes
    label = table[0] + (f" en {geojson[0]}" if geojson else "")
    return OwnData(wijken=wijken, shapes=shapes, label=label, notes=tuple(notes)), [], notes


def with_stadsdelen(
    data: OwnData | None, builtin: pd.DataFrame, assignment: dict[str, str]
) -> tuple[OwnData | None, list[str]]:
    """The data in use (own or built-in) with a corrected wijk -> stadsdeel assignment; changed wijken
    are marked as corrected. Returns (new data, problems); on a problem the data in use is unchanged."""
    wijken = (data.wijken if data is not None else builtin).copy()
    problems = []
    for code, stadsdeel in assignment.items():
        text = str(stadsdeel).strip() if stadsdeel is not None else ""
        if code not in wijken.index:
            problems.append(f"onbekende wijkcode '{code}'")
        elif not text:
            problems.append(f"{wijken.loc[code, 'name']}: het stadsdeel is leeg")
        elif text != wijken.loc[code, "stadsdeel"]:
            wijken.loc[code, "stadsdeel"] = text
            wijken.loc[code, "stadsdeel_status"] = "bevestigd"
            wijken.loc[code, "stadsdeel_source"] = "eigen correctie"
    if problems:
        return data, problems
    validated, problems = validate_wijken(wijken.reset_index())
    if validated is None:
        return data, problems
    label = (data.label + ", " if data is not None else "") + "eigen stadsdeelindeling"
    shapes = data.shapes if data is not None else None
    return OwnData(wijken=validated, shapes=shapes, label=label, notes=data.notes if data else ()), []
