"""Staff's own figures: a template to fill in, and a checked upload that replaces nothing until it is right.

The path every upload takes is :func:`apply_upload`: it reads a CSV or Excel file (a Dutch Excel
export with ``;`` and decimal commas included), optionally a GeoJSON with area polygons, validates
everything with the same pandera schema as the built-in data plus the checks an upload needs, and
returns either new :class:`OwnData` or the data that was in use, unchanged, with every problem in
Dutch (row and column where there is one).

Over 300 lines because that path is one job: the Dutch number parsing, the checks and the comparison
with the data in use (:func:`changes`) decide together what an upload may replace. Reading the bytes
lives in :mod:`opbouw.upload_table` and :mod:`opbouw.upload_geojson`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from openpyxl import Workbook

from . import format as fmt
from .data import WIJKEN_SCHEMA, validate_wijken
from .text import echo, one_line, spreadsheet_safe, workbook_bytes
from .upload_geojson import read_geojson
from .upload_table import MAX_UPLOAD_BYTES, read_table

__all__ = ["MAX_UPLOAD_BYTES", "OwnData", "apply_upload", "read_geojson", "read_table", "template_csv"]

COLUMNS = list(WIJKEN_SCHEMA.columns)
REQUIRED = ["code", "name", "stadsdeel", "population_2022", "population_2024"]
TEXT_COLUMNS = {"code", "name", "stadsdeel", "stadsdeel_status", "stadsdeel_source", "stadsdeel_alternative"}
NUMERIC_COLUMNS = [c for c in COLUMNS if c not in TEXT_COLUMNS]
# The template's column headings, in Dutch (the figures' own names in data/wijken.csv are English, like
# the code). An upload may use either; problems name the Dutch heading.
HEADINGS = {
    "code": "wijkcode",
    "name": "wijk",
    "stadsdeel": "stadsdeel",
    "stadsdeel_status": "indeling_status",
    "stadsdeel_source": "indeling_bron",
    "population_2022": "inwoners_2022",
    "population_2024": "inwoners_2024",
    "households_2024": "huishoudens_2024",
    "income_per_inhabitant_keur": "inkomen_per_inwoner_x1000_euro",
    "labour_participation_pct": "netto_arbeidsparticipatie_pct",
    "rented_homes_pct": "huurwoningen_pct",
    "bvb_liveability": "bvb_leefbaarheid",
    "bvb_social_cohesion": "bvb_sociale_cohesie",
    "bvb_social_nuisance": "bvb_sociale_overlast",
    "bvb_dilapidation": "bvb_verloedering",
    "bvb_buurten_used": "bvb_aantal_buurten",
    "stadsdeel_alternative": "indeling_alternatief",
    "welfare_pct": "bijstand_pct",
    "si_work": "si_werk",
    "si_living": "si_woonomgeving",
    "vi_nuisance": "vi_overlast",
    "vi_nuisance_felt": "vi_ervaren_overlast",
    "si_safety": "si_veiligheid",
    "si_contacts": "si_sociale_contacten",
    "si_involvement": "si_betrokkenheid",
}
_FROM_HEADING = {heading: column for column, heading in HEADINGS.items()}


def heading(column: str) -> str:
    """The template's Dutch heading of a column ('inwoners_2024' for population_2024)."""
    return HEADINGS.get(column, column)


DEFAULTS = {"stadsdeel_status": "bevestigd", "stadsdeel_source": "eigen gegevens", "stadsdeel_alternative": None}


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
    frame = spreadsheet_safe(wijken.reset_index()[COLUMNS].rename(columns=HEADINGS))
    return ("\ufeff" + frame.to_csv(sep=";", decimal=",", index=False)).encode("utf-8")


def template_xlsx(wijken: pd.DataFrame) -> bytes:
    """The table as an Excel workbook, every text cell as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "wijken"
    frame = wijken.reset_index()[COLUMNS]
    ws.append([heading(c) for c in COLUMNS])
    for row in frame.itertuples(index=False):
        ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    return workbook_bytes(wb)


# Numbers as a person types them. A Dutch file (';' between cells, or a decimal comma anywhere) uses '.'
# only between thousands; an English one only as the decimal point. '12.345' alone is read either way.
_DUTCH_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")
_ENGLISH_DECIMAL = re.compile(r"^[-+]?\d*\.\d+$")
_PLAIN = re.compile(r"^[-+]?\d+$")
_SCIENTIFIC = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
WHOLE_COLUMNS = {"population_2022", "population_2024", "households_2024", "bvb_buurten_used"}


def _is_dutch(frame: pd.DataFrame) -> bool:
    """Whether any number in the table has a decimal comma."""
    cells = (v for c in NUMERIC_COLUMNS if c in frame.columns for v in frame[c])
    return any(isinstance(v, str) and _DUTCH_DECIMAL.match(v.strip()) for v in cells)


def _number(text: str, dutch: bool, whole: bool) -> tuple[float | int | None, str | None]:
    """(number, None) or (None, why not) for one cell's text; ('' is an empty cell: (None, None))."""
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if not t:
        return None, None
    if _PLAIN.match(t):
        return int(t), None
    if _DUTCH_DECIMAL.match(t):
        if not dutch:
            return None, "heeft een decimale komma, terwijl dit bestand de punt gebruikt"
        value = float(t.replace(".", "").replace(",", "."))
    elif _THOUSANDS.match(t) and (dutch or whole):
        return int(t.replace(".", "")), None  # 12.345 inwoners: a Dutch thousands separator
    elif _SCIENTIFIC.match(t):
        if dutch:
            return None, "staat in e-notatie; schrijf het getal uit"
        value = float(t)
    elif _ENGLISH_DECIMAL.match(t):
        if dutch:
            return None, "heeft een decimale punt, terwijl dit bestand de komma gebruikt"
        value = float(t)
    else:
        return None, "is geen getal"
    if not math.isfinite(value):
        return None, "is geen eindig getal"
    if whole and value != int(value):
        return None, "is geen heel getal"
    return (int(value) if whole else value), None


def _numbers(frame: pd.DataFrame, dutch: bool) -> tuple[pd.DataFrame, list[str]]:
    """Numeric columns as numbers (Excel's number cells as they are, text as a person meant it), and
    a Dutch problem for every cell that is not one."""
    out, problems = frame.copy(), []
    for column in NUMERIC_COLUMNS:
        if column not in out.columns:
            continue
        whole = column in WHOLE_COLUMNS
        values = []
        for position, cell in enumerate(out[column]):
            if isinstance(cell, str):
                value, why = _number(cell, dutch, whole)
            elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
                value, why = cell, None
                if not math.isfinite(cell):
                    value, why = None, "is geen eindig getal"
                elif whole and cell != int(cell):
                    value, why = None, "is geen heel getal"
            else:
                value, why = None, "is geen getal"
            if why:
                problems.append(f"rij {position + 2}, kolom '{heading(column)}': '{echo(cell)}' {why}")
            values.append(math.nan if value is None else value)
        out[column] = pd.Series(values, index=out.index, dtype=object)
    return out, problems


def _text_problems(frame: pd.DataFrame) -> list[str]:
    """Names that cannot be told apart or that carry line breaks."""
    problems = []
    for column in ("name", "stadsdeel"):
        for position, value in enumerate(frame[column]):
            if isinstance(value, str) and one_line(value) != value:
                problems.append(
                    f"rij {position + 2}, kolom '{heading(column)}': bevat een regeleinde of een stuurteken"
                )
    seen: dict[str, int] = {}
    for position, value in enumerate(frame["name"]):
        key = " ".join(str(value).split()).casefold()
        if key in seen:
            problems.append(
                f"rij {position + 2}, kolom 'wijk': '{echo(value)}' heet net zo als de wijk in rij {seen[key] + 2}"
            )
        else:
            seen[key] = position
    return problems


def validate_table(frame: pd.DataFrame, dutch: bool | None = None) -> tuple[pd.DataFrame | None, list[str], list[str]]:
    """(validated wijk table, problems, notes) for an uploaded table of cells. ``dutch``: whether the
    file writes numbers the Dutch way (None: decide from the cells)."""
    frame = frame.rename(columns=lambda c: str(c).strip().lstrip("\ufeff"))
    frame = frame.rename(columns=lambda c: _FROM_HEADING.get(c.lower(), c))  # the template's Dutch headings
    duplicated = sorted({c for c in frame.columns if list(frame.columns).count(c) > 1})
    if duplicated:
        return None, [f"kolom '{heading(c)}' staat er meer dan eens in" for c in duplicated], []
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        return None, [f"kolom '{heading(c)}' ontbreekt" for c in missing], []
    notes = []
    extra = [str(c) for c in frame.columns if c not in COLUMNS]
    if extra:
        notes.append(f"Niet gebruikt: de kolom(men) {', '.join(extra[:6])}.")
    frame = frame[[c for c in COLUMNS if c in frame.columns]].copy()
    absent = [c for c in COLUMNS if c not in frame.columns and c not in DEFAULTS]
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = DEFAULTS.get(column, "")  # an empty cell: unknown
    if len(absent) == 1:
        notes.append(f"Kolom '{heading(absent[0])}' ontbreekt; die waarde geldt als onbekend.")
    elif absent:
        notes.append(
            f"De kolommen {', '.join(repr(heading(c)) for c in absent)} ontbreken; die waarden gelden als onbekend."
        )
    for column in TEXT_COLUMNS:
        text = frame[column].map(lambda v: v.strip() if isinstance(v, str) else ("" if pd.isna(v) else str(v)))
        frame[column] = text.astype(object).where(text != "", None)
    if dutch is None:
        dutch = _is_dutch(frame)
    frame["stadsdeel_status"] = frame["stadsdeel_status"].fillna("bevestigd")
    frame, problems = _numbers(frame, dutch)
    problems += _text_problems(frame)
    if problems:
        return None, problems, notes
    validated, problems = validate_wijken(frame.reset_index(drop=True), heading)
    if problems:
        return None, problems, notes
    for column in TEXT_COLUMNS - {"code"}:
        validated[column] = validated[column].astype("str")  # the dtype the built-in table has
    validated.index = validated.index.astype("str")
    for year in (2022, 2024):
        column = f"population_{year}"
        for position, (code, value) in enumerate(validated[column].items()):
            if value <= 0:
                problems.append(f"rij {position + 2}, kolom '{heading(column)}': {code} heeft geen inwoners ({value})")
    return (None if problems else validated), problems, notes


def _semicolons(table: tuple[str, bytes]) -> bool:
    """Whether a CSV separates its cells with ';', as Dutch Excel does (then ',' is the decimal sign)."""
    name, content = table
    if not name.lower().endswith((".csv", ".txt")):
        return False
    first = content[:4096].split(b"\n", 1)[0]
    return first.count(b";") > max(first.count(b","), first.count(b"\t"))


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
    wijken, problems, more = validate_table(frame, dutch=_semicolons(table) or None)
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
            f"rij {i + 2}, kolom 'wijkcode': onbekende wijkcode '{c}' (nieuwe gebieden: voeg een GeoJSON toe)"
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


# An inhabitant count that moves this much against the built-in figures is worth a second look (a typo
# such as 16.380 for 6.380): Zwolle's wijken grew at most a few per cent a year.
PLAUSIBLE_CHANGE = 0.25


def _same(a: object, b: object) -> bool:
    """Two cells with the same value: both empty, the same text, or numbers equal to rounding."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _shown(column: str, value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "leeg"
    if column in TEXT_COLUMNS:
        return f"'{echo(value)}'"
    number = float(value)
    return fmt.integer(number) if number == int(number) else fmt.number(number, 2)


@dataclass(frozen=True)
class Changes:
    """What an upload changes against other figures (the built-in ones), in Dutch plain text."""

    lines: tuple[str, ...]  # one per changed figure, new or missing wijk
    doubts: tuple[str, ...]  # changes worth a second look

    @property
    def none(self) -> bool:
        return not self.lines


def changes(before: pd.DataFrame, after: pd.DataFrame) -> Changes:
    """Per wijk, every figure in ``after`` that differs from ``before`` (both validated wijk tables,
    indexed by code), the wijken added or left out, and inhabitant counts that moved more than
    :data:`PLAUSIBLE_CHANGE`.

    >>> from opbouw.data import read_wijken
    >>> builtin = read_wijken()
    >>> changes(builtin, builtin).none
    True
    >>> typo = builtin.copy()
    >>> typo.loc[typo["name"] == "Wipstrik", "population_2024"] = 16380
    >>> changes(builtin, typo).lines
    ('Wipstrik: inwoners 2024 van 6.380 naar 16.380',)
    """
    lines, doubts = [], []
    for code in after.index:
        name = echo(after.loc[code, "name"])
        if code not in before.index:
            lines.append(f"{name} ({code}): nieuwe wijk")
            continue
        for column in COLUMNS:
            if column == "code":
                continue
            old, new = before.loc[code, column], after.loc[code, column]
            if _same(old, new):
                continue
            lines.append(
                f"{name}: {heading(column).replace('_', ' ')} van {_shown(column, old)} naar {_shown(column, new)}"
            )
            if column.startswith("population_") and not pd.isna(old) and not pd.isna(new) and old > 0:
                moved = (float(new) - float(old)) / float(old)
                if abs(moved) > PLAUSIBLE_CHANGE:
                    doubts.append(
                        f"{name}: {fmt.integer(float(new))} inwoners in {column[-4:]}, "
                        f"{fmt.percent(abs(moved), 0)} {'meer' if moved > 0 else 'minder'} dan de ingebouwde "
                        f"{fmt.integer(float(old))}. Klopt dat, of is het een tikfout?"
                    )
    lines += [
        f"{echo(before.loc[code, 'name'])} ({code}): staat niet in het bestand"
        for code in before.index
        if code not in after.index
    ]
    return Changes(tuple(lines), tuple(doubts))


def changes_nothing(upload: OwnData, active: OwnData | None, builtin: pd.DataFrame) -> bool:
    """Whether an upload holds exactly the figures and polygons in use (the template sent back as it
    came): then nothing is computed differently, and the app does not switch to it."""
    in_use = active.wijken if active is not None else builtin
    return changes(in_use, upload.wijken).none and upload.shapes == (active.shapes if active is not None else None)
