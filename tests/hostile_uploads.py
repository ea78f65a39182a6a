"""Hostile upload files, made here (nothing is stored): each a table (name, bytes), an optional GeoJSON
(name, bytes) and what must happen to it: refused with a message that contains ``says``, accepted, or
either (``None``: random damage, where only "no crash, quickly, within memory" is asked).

``python -m tests.hostile_uploads read`` applies every case in a process of its own and prints one JSON
line per case and a last line with the process's peak memory; ``... render`` also renders what is
accepted (both levels: allocation, map, difference map, charts, CSV, Excel, PDF).
``tests/test_upload_fuzz.py`` runs both.
(Longer than most files here: every attack is spelled out in one place, next to the answer it must get.)
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
import re
import resource
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from opbouw.data import NAME_MAX_CHARS, STADSDEEL_MAX_CHARS, load_shapes, read_wijken
from opbouw.upload import COLUMNS, template_csv, template_xlsx

BUILTIN = read_wijken()
SHAPES = load_shapes("wijk")
CSV = template_csv(BUILTIN).decode("utf-8-sig")
LINES = CSV.splitlines()
HOLTENBROEK = next(i for i, line in enumerate(LINES) if ";Holtenbroek;" in line)
NAMES_THAT_ARE_CODE = [
    "<iframe srcdoc=\"&lt;script&gt;parent.alert('X')&lt;/script&gt;\">",
    "<img src=x onerror=alert(1)>",
    "![x](http://192.0.2.1/x.png)",
    "[klik](http://192.0.2.1/phish)",
    "http://192.0.2.1/",
    "www.example.org",
    "a@example.org",
    ":red[rood] :material/warning:",
    "$x^2$",
    "&lt;b&gt;",
    '=HYPERLINK("http://192.0.2.1","x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "@@=constructor",
    "# Kop",
    "- lijst",
    "1. lijst",
    "`code`",
    "Noord*",
]


@dataclass(frozen=True)
class Case:
    label: str
    table: tuple[str, bytes]
    geojson: tuple[str, bytes] | None = None
    says: str | None = ""  # "": must be accepted; text: refused with this in a problem; None: either


def csv_with(row: int, column: str, value: str) -> bytes:
    lines = list(LINES)
    cells = lines[row].split(";")
    cells[COLUMNS.index(column)] = value
    lines[row] = ";".join(cells)
    return ("\n".join(lines) + "\n").encode()


def geo(features: list[dict]) -> tuple[str, bytes]:
    return "vlakken.geojson", json.dumps({"type": "FeatureCollection", "features": features}).encode()


def with_geometry(index: int, geometry: object, properties: dict | None = None) -> tuple[str, bytes]:
    features = json.loads(json.dumps(SHAPES["features"]))
    features[index]["geometry"] = geometry
    if properties is not None:
        features[index]["properties"].update(properties)
    return geo(features)


def xlsx_parts(parts: dict[str, bytes | list[bytes]]) -> bytes:
    """A zip of these parts; a part given as a list of pieces is written piece by piece (a bomb is never
    held unpacked in memory here either)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in parts.items():
            if isinstance(data, bytes):
                archive.writestr(path, data)
                continue
            with archive.open(path, "w", force_zip64=True) as part:
                for piece in data:
                    part.write(piece)
    return out.getvalue()


def template_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(template_xlsx(BUILTIN))) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def far_cell_xlsx(declared: bool) -> bytes:
    """A tiny workbook with one cell in the last row Excel has (with or without its dimension)."""
    book = Workbook()
    book.active["A1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    if declared:
        return out.getvalue()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"<dimension[^>]*/>", b"", parts[sheet])
    return xlsx_parts(parts)


def bomb_xlsx(part: str, head: bytes, piece: bytes, count: int, tail: bytes) -> bytes:
    """The template workbook with one part replaced by ``piece`` repeated ``count`` times: it packs small
    and unpacks to tens of MB."""
    parts = template_parts()
    parts[part] = [head, *[piece] * count, tail]
    return xlsx_parts(parts)


SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = b"</sheetData></worksheet>"
STRINGS_HEAD = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
ROWS = b"<row><c><v>1</v></c></row>" * 10_000  # identical rows: tiny once packed


def hidden_first_sheet_xlsx() -> bytes:
    book = Workbook()
    hidden = book.active
    hidden.title = "verborgen"
    hidden.append(COLUMNS)
    hidden.append(["WK019311", "Verborgen", "Noord", "bevestigd", "", 1, 1] + [None] * 9)
    hidden.sheet_state = "hidden"
    visible = book.create_sheet("wijken")
    for row in csv.reader(io.StringIO(CSV), delimiter=";"):
        visible.append([_typed(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(cell: str) -> object:
    try:
        return int(cell)
    except ValueError:
        try:
            return float(cell.replace(",", "."))
        except ValueError:
            return cell or None


def ring(lon: float, lat: float, radius: float, points: int, zigzag: bool = False) -> list[list[float]]:
    out = []
    for k in range(points):
        angle = 2 * math.pi * k / points
        r = radius * (1.6 if zigzag and k % 2 else 1.0)
        x, y = lon + r * math.cos(angle if not zigzag else angle * 7), lat + r * math.sin(angle)
        out.append([round(x, 5), round(y, 5)])
    return [*out, out[0]]


def future_zip_version_xlsx() -> bytes:
    """The template workbook whose third part claims zip version 12,4, which Python's zipfile refuses
    with NotImplementedError (found by the random cases: a flipped byte in a header)."""
    data = bytearray(template_xlsx(BUILTIN))
    header = -1
    for _ in range(3):
        header = data.find(b"PK\x01\x02", header + 1)
    data[header + 6 : header + 8] = (124).to_bytes(2, "little")
    return bytes(data)


def named_cases() -> list[Case]:
    cases = [
        Case("zipversie 12,4 in een kop", ("versie.xlsx", future_zip_version_xlsx()), says="geen leesbaar Excel"),
        Case("cel in rij 1.048.576", ("ver.xlsx", far_cell_xlsx(True)), says="loopt door tot rij"),
        Case("cel in rij 1.048.576 zonder dimensie", ("ver.xlsx", far_cell_xlsx(False)), says="loopt door voorbij"),
        Case(
            "zipbom: een miljoen rijen",
            ("bom.xlsx", bomb_xlsx(SHEET, SHEET_HEAD, ROWS, 100, SHEET_TAIL)),
            says="uitgepakt",
        ),
        Case(
            "zipbom: één lange tekst",
            ("bom.xlsx", bomb_xlsx("xl/sharedStrings.xml", STRINGS_HEAD, b"A" * 1_000_000, 60, b"</t></si></sst>")),
            says="uitgepakt",
        ),
        Case(
            "werkmap met veel rijen", ("rijen.xlsx", bomb_xlsx(SHEET, SHEET_HEAD, ROWS, 2, SHEET_TAIL)), says="wijken"
        ),
        Case("verborgen eerste werkblad", ("verborgen.xlsx", hidden_first_sheet_xlsx())),
        Case("naam van 100.000 tekens", ("lang.csv", csv_with(HOLTENBROEK, "name", "W" * 100_000)), says="tekens"),
        Case("naam van 61 tekens", ("lang.csv", csv_with(HOLTENBROEK, "name", "W" * 61)), says="str_length"),
        Case("naam van 60 tekens, één woord", ("lang.csv", csv_with(HOLTENBROEK, "name", "W" * 60))),
        Case("naam met regeleinde", ("nl.csv", csv_with(HOLTENBROEK, "name", '"Holten\nbroek"')), says="regeleinde"),
        Case("dubbele naam", ("dubbel.csv", csv_with(HOLTENBROEK, "name", "Aa-landen")), says="heet net zo"),
        Case("12.345 inwoners", ("nl.csv", csv_with(HOLTENBROEK, "population_2024", "12.345"))),
        Case("3.5 inwoners", ("nl.csv", csv_with(HOLTENBROEK, "population_2024", "3.5")), says="decimale punt"),
        Case("3,5 inwoners", ("nl.csv", csv_with(HOLTENBROEK, "population_2024", "3,5")), says="geen heel getal"),
        Case("1.234,5 inwoners", ("nl.csv", csv_with(HOLTENBROEK, "population_2024", "1.234,5")), says="heel getal"),
        Case(
            "int64-max inwoners", ("nl.csv", csv_with(HOLTENBROEK, "population_2024", str(2**63 - 1))), says="in_range"
        ),
        Case("1e300 huishoudens", ("nl.csv", csv_with(HOLTENBROEK, "households_2024", "1e300")), says="e-notatie"),
        Case("inf inkomen", ("nl.csv", csv_with(HOLTENBROEK, "income_per_inhabitant_keur", "inf")), says="geen getal"),
        Case("diep genest", ("wijken.csv", CSV.encode()), ("diep.geojson", b"[" * 100_000 + b"]" * 100_000), "genest"),
        Case("NaN in JSON", ("wijken.csv", CSV.encode()), ("nan.geojson", b'{"features": [NaN]}'), "NaN"),
    ]
    big = [ring(6.1, 52.52, 0.01, 60_000, zigzag=True)]
    cases.append(
        Case("60.000 hoekpunten", ("wijken.csv", CSV.encode()), with_geometry(3, big_polygon(big)), "hoekpunten")
    )
    bowtie = {"type": "Polygon", "coordinates": [[[6.1, 52.5], [6.2, 52.6], [6.2, 52.5], [6.1, 52.6], [6.1, 52.5]]]}
    cases.append(Case("zelfdoorsnijdend", ("wijken.csv", CSV.encode()), with_geometry(3, bowtie), "snijdt"))
    circle = {"type": "Polygon", "coordinates": [ring(6.1, 52.52, 0.01, 19_000)]}
    cases.append(Case("19.000 hoekpunten, geldig", ("wijken.csv", CSV.encode()), with_geometry(3, circle)))
    first = SHAPES["features"][3]["geometry"]
    with_z = {"type": first["type"], "coordinates": _map_positions(first["coordinates"], lambda p: [*p, 12.5])}
    cases.append(Case("hoogte in de coördinaten", ("wijken.csv", CSV.encode()), with_geometry(3, with_z)))
    for label, change in [
        ("tekst als coördinaat", lambda p: [str(p[0]), p[1]]),
        ("breedtegraad 100", lambda p: [p[0], 100.0]),
        ("Infinity als coördinaat", lambda p: [math.inf, p[1]]),
        ("waar/onwaar als coördinaat", lambda p: [True, p[1]]),
    ]:
        shape = {"type": first["type"], "coordinates": _map_positions(first["coordinates"], change)}
        says = "Infinity" if "Infinity" in label else "vlak 4"
        cases.append(Case(label, ("wijken.csv", CSV.encode()), with_geometry(3, shape), says))
    name, text = with_geometry(3, first)
    big_number = re.sub(rb"\[6\.\d+, ", b"[1e999, ", text, count=1)  # JSON's own way to write infinity
    cases.append(Case("1e999 als coördinaat", ("wijken.csv", CSV.encode()), (name, big_number), "eindig getal"))
    cases.append(
        Case("label_lon is tekst", ("wijken.csv", CSV.encode()), with_geometry(3, first, {"label_lon": "abc"}))
    )
    cases.append(Case("één wijk", ("een.csv", ("\n".join(LINES[:2]) + "\n").encode())))
    for i, name in enumerate(NAMES_THAT_ARE_CODE):
        row = 1 + i % (len(LINES) - 1)
        # a name over the length limit is refused; one within it must come out as text everywhere
        as_name = "" if len(name) <= NAME_MAX_CHARS else "str_length"
        as_stadsdeel = "" if len(name) <= STADSDEEL_MAX_CHARS else "str_length"
        cases.append(Case(f"naam {name[:30]}", ("namen.csv", csv_with(row, "name", _csv_cell(name))), says=as_name))
        cases.append(
            Case(
                f"stadsdeel {name[:30]}", ("namen.csv", csv_with(row, "stadsdeel", _csv_cell(name))), says=as_stadsdeel
            )
        )
        cases.append(Case(f"bestandsnaam {name[:30]}", (f"{name}.csv", CSV.encode())))
    return cases


def big_polygon(rings: list) -> dict:
    return {"type": "Polygon", "coordinates": rings}


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\n') else text


def _map_positions(coordinates: list, change) -> list:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return change(coordinates)
    return [_map_positions(c, change) for c in coordinates]


def random_cases(count: int, seed: int = 20261202) -> list[Case]:
    """Random damage to the template (cells, lines, bytes) and to the polygons."""
    rng = random.Random(seed)
    junk = ["", "nan", "-1", "1e400", "10,5", "1.000.000", "x" * 300, "<b>", "=1+1", "\u202e", "\x00", "NULL"]
    xlsx = template_xlsx(BUILTIN)
    cases = []
    for k in range(count):
        kind = k % 6
        if kind == 0:  # a damaged cell
            row, column = rng.randrange(1, len(LINES)), rng.choice(COLUMNS)
            cases.append(Case(f"cel {k}", ("r.csv", csv_with(row, column, rng.choice(junk))), says=None))
        elif kind == 1:  # lines dropped, repeated or cut
            lines = list(LINES)
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(lines))
                choice = rng.random()
                if choice < 0.3:
                    lines.pop(i)
                elif choice < 0.6:
                    lines.insert(i, lines[i])
                else:
                    lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
                if not lines:
                    break
            cases.append(Case(f"regels {k}", ("r.csv", "\n".join(lines).encode()), says=None))
        elif kind == 2:  # random bytes flipped in the workbook
            data = bytearray(xlsx)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cases.append(Case(f"werkmap {k}", ("r.xlsx", bytes(data)), says=None))
        elif kind == 3:  # random bytes
            cases.append(
                Case(f"bytes {k}", (rng.choice(["r.csv", "r.xlsx"]), rng.randbytes(rng.randint(1, 3000))), says=None)
            )
        elif kind == 4:  # a polygon's coordinates scrambled
            features = json.loads(json.dumps(SHAPES["features"]))
            f = rng.choice(features)
            f["geometry"]["coordinates"] = _map_positions(
                f["geometry"]["coordinates"], lambda p: [p[0] + rng.uniform(-0.05, 0.05), p[1]]
            )
            cases.append(Case(f"vlak {k}", ("wijken.csv", CSV.encode()), geo(features), says=None))
        else:  # the GeoJSON text cut or damaged
            text = bytearray(geo(SHAPES["features"])[1])
            for _ in range(rng.randint(1, 5)):
                text[rng.randrange(len(text))] = rng.choice(b'[]{},:"0-.e')
            cases.append(Case(f"json {k}", ("wijken.csv", CSV.encode()), ("r.geojson", bytes(text)), says=None))
    return cases


def all_cases() -> list[Case]:
    return named_cases() + random_cases(250)


def render_everything(own) -> None:
    """What the app makes of accepted figures, at both levels: allocation, maps, charts, CSV, Excel, PDF."""
    from opbouw import allocate
    from opbouw.charts import per_10k_vs_need, stacked_fte
    from opbouw.data import areas_from_wijken
    from opbouw.export import Memo, excel_bytes, pdf_bytes
    from opbouw.geometry import stadsdelen_from
    from opbouw.maps import allocation_map, difference_map
    from opbouw.present import csv_bytes, headline
    from opbouw.settings import Settings
    from opbouw.sources import for_own_data, read_sources

    wijk_shapes = own.shapes if own.shapes is not None else SHAPES
    rows = zip(own.wijken.index, own.wijken["name"], own.wijken["stadsdeel"])
    shapes = {"wijk": wijk_shapes, "stadsdeel": stadsdelen_from(wijk_shapes, rows, "eigen indeling")}
    sources = for_own_data(read_sources(), own.label, own_polygons=own.shapes is not None)
    for level in ("wijk", "stadsdeel"):
        settings = Settings(level=level, total_fte=10.0)
        scenario = settings.scenario()
        result = allocate(areas_from_wijken(own.wijken, level, 2024), scenario)
        today = allocate(areas_from_wijken(own.wijken, level, 2024), Settings(level=level).scenario())
        allocation_map(result, shapes[level])
        difference_map(today, result, shapes[level], "8 fte", "10 fte")
        stacked_fte(result).to_dict()
        per_10k_vs_need(result).to_dict()
        memo = Memo(result, settings, headline(result), "http://localhost/", sources, own.label)
        csv_bytes(result)
        excel_bytes(memo)
        pdf_bytes(memo, shapes[level])


def main(phase: str) -> None:
    """``read``: apply every upload, one JSON line each; ``render``: also render what is accepted. Each
    phase runs in a process of its own, so its last line's peak memory is its own."""
    from opbouw.upload import OwnData, apply_upload

    known = {f["properties"]["code"] for f in SHAPES["features"]}
    before = OwnData(wijken=BUILTIN.copy(), shapes=None, label="eerder.csv")
    for case in all_cases():
        start = time.perf_counter()
        error = None
        try:
            data, problems, _ = apply_upload(before, case.table, case.geojson, known)
            seconds = time.perf_counter() - start
            if not problems and phase == "render":
                render_everything(data)
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            data, problems, seconds, error = before, [], time.perf_counter() - start, repr(exc)[:300]
        line = {
            "label": case.label,
            "says": case.says,
            "accepted": not problems and error is None,
            "unchanged": data is before if problems else True,
            "problems": problems[:3],
            "seconds": round(seconds, 3),
            "error": error,
        }
        print(json.dumps(line), flush=True)
    print(json.dumps({"peak_mb": round(peak_mb())}), flush=True)


def peak_mb() -> float:
    """This process's own peak memory. Linux carries ``ru_maxrss`` over from the parent through exec (a
    test started from a large pytest process would report pytest's peak); VmHWM belongs to this process."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "render"))
