"""Exports for the council memo: an Excel workbook and a one- or two-page A4 PDF 'scenarionotitie'.

Charts become images through vl-convert (``altair.Chart.save(format="png")``), the PDF is
laid out with fpdf2 and the workbook written with openpyxl: no hand-built file formats.

Over 300 lines because both files are written from one :class:`opbouw.memo.Memo` and must say the
same things; keeping them side by side makes a difference between them easy to see.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc
from babel.dates import format_date
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import format as fmt
from . import policy
from .charts import path_chart, stacked_fte, static_map
from .compare import setting_rows
from .deployment import PathReport
from .maps import COLOUR_BY, static_features
from .memo import Memo
from .model import Allocation
from .present import display_name, table
from .rounding import ROUNDING_POINT
from .sources import plain
from .text import workbook_bytes

TITLE = "Scenarionotitie opbouwwerk Zwolle"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/local/share/fonts")]
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")

# Five lines on the method, for readers of the memo (the method page says more).
METHOD = [
    "Berekend per wijk; een stadsdeel is de som van zijn wijken.",
    "Presentie-inzet (aandeel × totaal): eerst een eventuele vaste voet (per stadsdeel of per wijk), de rest "
    "naar inwonertal.",
    "Opgavegerichte inzet (de rest): naar inwoners × behoefte-index, eventueel alleen voor de wijken met de "
    "hoogste behoefte.",
    "Behoefte-index: vier thema's (inkomen en werk, wonen en leefbaarheid, veiligheid, sociale samenhang), elk "
    "met een eigen gewicht, gedeeld door zijn indicatoren (CBS 2022; Buurt-voor-Buurt, Sociale Index en "
    "Veiligheidsindex van de gemeente, c. 2014, indicatief). Elke indicator in standaardafwijkingen van het "
    "stadsgemiddelde (begrensd op 2), gewogen gemiddeld, maal de sterkte (standaard 0,2); stad = 1,00. Een signaal, "
    "geen verklaring.",
    "Buurtcijfers tellen alleen voor buurten waarvoor de gemeente haar Sociale Index publiceerde, elke buurt even "
    "zwaar; een wijk onder 2.000 inwoners telt zijn afwijking naar rato (1.000 inwoners: de helft).",
    f"Afronding in hele eenheden, één voor één naar het hoogste exacte aandeel / (eenheden + "
    f"{fmt.number(ROUNDING_POINT, 2)}): het totaal klopt precies, elke wijk en elk stadsdeel blijft binnen één "
    "eenheid van zijn exacte aandeel, meer budget neemt nooit een gebied iets af, en kleine en grote wijken "
    "worden gelijk behandeld.",
    policy.METHOD_COST_LINE,
]


AREA_COLUMNS = [
    ("Gebied", None, None),
    ("Code", None, None),
    ("Stadsdeel", "stadsdeel", None),
    ("Inwoners", "population", "#,##0"),
    ("Behoefte-index", "need_index", "0.00"),
    ("Presentie (fte)", "presence_fte", "0.00"),
    ("Opgavegericht (fte)", "assignment_fte", "0.00"),
    ("Exact (fte)", "exact_fte", "0.000"),
    ("Toegekend (fte)", "fte", "0.00"),
    ("Per 10.000 inwoners (fte)", "fte_per_10k", "0.00"),
    ("Kosten per jaar (EUR)", "cost_eur", '"€" #,##0'),
]


def _header(ws, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _table_sheet(ws, frame: pd.DataFrame, start_row: int, title: str) -> int:
    ws.cell(row=start_row, column=1, value=title).font = Font(bold=True, size=12)
    _header(ws, start_row + 1, list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 2):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=plain(str(value))).alignment = Alignment(wrap_text=True, vertical="top")
    return start_row + len(frame) + 3


def _path_sheet(ws, path: PathReport) -> None:
    """The ingroeipad: FTE per area per year (numbers), the yearly costs and the notes."""
    ws.cell(row=1, column=1, value="Ingroeipad: inzet per gebied per jaar (fte)").font = Font(bold=True, size=12)
    columns = ["Gebied", *path.steps.columns]
    _header(ws, 2, columns)
    for i, (name, row) in enumerate(path.steps.iterrows(), start=3):
        ws.cell(row=i, column=1, value=plain(str(name)))
        for j, value in enumerate(row.to_numpy(), start=2):
            ws.cell(row=i, column=j, value=float(value)).number_format = "0.0"
    row = len(path.steps) + 4
    ws.cell(row=row, column=1, value="Kosten per jaar (EUR, prijspeil van dat jaar)").font = Font(bold=True, size=12)
    _header(ws, row + 1, ["Jaar", "Totaal fte", "Kosten (EUR)", "Verschil met de huidige inzet (EUR)"])
    for i, cost in enumerate(path.costs.itertuples(index=False), start=row + 2):
        ws.cell(row=i, column=1, value="Totaal over de periode" if pd.isna(cost.year) else int(cost.year))
        if not pd.isna(cost.fte):
            ws.cell(row=i, column=2, value=float(cost.fte)).number_format = "0.0"
        ws.cell(row=i, column=3, value=float(cost.cost_eur)).number_format = "#,##0"
        ws.cell(row=i, column=4, value=float(cost.difference_eur)).number_format = "+#,##0;-#,##0;0"
    row = row + len(path.costs) + 3
    for note in path.notes:
        ws.cell(row=row, column=1, value=plain(note))
        row += 1
    _widths(ws, [24, *[12] * (len(columns) - 1)])


def excel_bytes(memo: Memo) -> bytes:
    """Sheets: Verdeling (numbers, with a total row), Instellingen, Ingroeipad (when there is a path),
    Bronnen, Link."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Verdeling"
    price = f"prijspeil {memo.result.scenario.price_year}"
    _header(ws, 1, [name.replace("(EUR)", f"(EUR, {price})") for name, _, _ in AREA_COLUMNS])
    result = memo.result.table
    for i, (code, r) in enumerate(result.iterrows(), start=2):
        values = [display_name(r), code] + [
            (str(r[col]) if col == "stadsdeel" else float(r[col])) for _, col, _ in AREA_COLUMNS[2:]
        ]
        for j, (value, (_, _, number_format)) in enumerate(zip(values, AREA_COLUMNS), start=1):
            cell = ws.cell(row=i, column=j, value=None if isinstance(value, float) and pd.isna(value) else value)
            if number_format:
                cell.number_format = number_format
    total = len(result) + 2
    ws.cell(row=total, column=1, value="Totaal").font = Font(bold=True)
    for j, (_, col, number_format) in enumerate(AREA_COLUMNS, start=1):
        if col in ("population", "presence_fte", "assignment_fte", "exact_fte", "fte", "cost_eur"):
            cell = ws.cell(row=total, column=j, value=float(result[col].sum()))
            cell.number_format, cell.font = number_format, Font(bold=True)
    ws.freeze_panes = "B2"
    _widths(ws, [24, 12, 12, 11, 10, 11, 12, 11, 11, 13, 14])
    note_row = total + 2
    for note in memo.warnings:
        ws.cell(row=note_row, column=1, value=plain(note))
        note_row += 1

    ws = wb.create_sheet("Instellingen")
    _header(ws, 1, ["Instelling", "Waarde"])
    rows = setting_rows(memo.settings)
    for i, (label, value) in enumerate(rows.items(), start=2):
        ws.cell(row=i, column=1, value=label)
        ws.cell(row=i, column=2, value=value)
    _widths(ws, [42, 44])

    if memo.path is not None:
        _path_sheet(wb.create_sheet("Ingroeipad"), memo.path)

    ws = wb.create_sheet("Bronnen")
    row = _table_sheet(ws, memo.sources.files, 1, "Bestanden")
    row = _table_sheet(ws, memo.sources.columns, row, "De cijfers per wijk: betekenis en bron")
    row = _table_sheet(ws, memo.sources.policy, row, "Beleidsgetallen")
    ws.cell(row=row, column=1, value="Kanttekeningen").font = Font(bold=True, size=12)
    for i, caveat in enumerate(memo.sources.caveats, start=row + 1):
        ws.cell(row=i, column=1, value=plain(caveat)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=5)
        ws.row_dimensions[i].height = 15 * (len(caveat) // 110 + 1)
    _widths(ws, [26, 50, 40, 16, 30])

    ws = wb.create_sheet("Link")
    ws["A1"] = "Link naar dit scenario"
    ws["A1"].font = Font(bold=True)
    ws["A2"] = memo.link
    ws["A2"].hyperlink = memo.link
    ws["A2"].style = "Hyperlink"
    ws["A4"] = "Gemaakt op"
    ws["B4"] = format_date(datetime.now(), "d MMMM y", locale="nl_NL")
    if memo.own_data:
        ws["A6"] = "Let op"
        ws["A6"].font = Font(bold=True)
        ws["B6"] = plain(own_data_caveat(memo.own_data))
        ws["B6"].alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws, [28, 60])

    return workbook_bytes(wb)


# --- PDF ----------------------------------------------------------------------------------------


VL_VERSION = "_".join(alt.SCHEMA_VERSION.split(".")[:2])  # as vl-convert names it, e.g. v6_1


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """An Altair chart as PNG through vl-convert."""
    return vlc.vegalite_to_png(chart.to_dict(), vl_version=VL_VERSION, scale=scale)


def _font(pdf: FPDF) -> tuple[str, bool]:
    """DejaVu Sans when installed (every character of Dutch figures), else Helvetica with a
    latin-1 fallback for the few characters it lacks."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


class _Pdf(FPDF):
    def __init__(self, link: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.share_link = link
        self.family, self.unicode = _font(self)
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(auto=True, margin=16)

    def text_of(self, text: str) -> str:
        if self.unicode:
            return text
        return text.replace(fmt.MINUS, "-").replace("×", "x").replace("€", "EUR").replace("–", "-").replace("…", "...")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.text_of(f"{TITLE} · pagina {self.page_no()} van {{nb}}"), align="R")

    def heading(self, text: str, size: float = 12) -> None:
        self.set_font(self.family, "B", size)
        self.set_text_color(20, 20, 20)
        self.multi_cell(0, size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1.5)

    def para(self, text: str, size: float = 9.5, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(20, 20, 20)
        self.multi_cell(0, size * 0.48, self.text_of(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.ln(1)


def pdf_bytes(memo: Memo, shapes: dict | None, colour_by: str = "fte_per_10k") -> bytes:
    """The scenarionotitie: title, date, settings, headline figures and the change against today,
    the map and the stacked bar chart as images, the per-area table, the method in five lines,
    the sources and the link. ``shapes`` None leaves the map out (and says so)."""
    pdf = _Pdf(memo.link)
    pdf.alias_nb_pages()
    pdf.set_title(TITLE)
    pdf.set_author("Opbouwwerk Zwolle, scenarioverkenner")
    pdf.add_page()
    head = memo.headline
    pdf.heading(TITLE, 17)
    subtitle = format_date(datetime.now(), "d MMMM y", locale="nl_NL")
    if memo.title:
        subtitle = f"{memo.title} · {subtitle}"
    pdf.para(subtitle, 10)

    pdf.heading("Uitkomst", 12)
    pdf.para(f"Totaal {head.total_fte} · {head.cost} per jaar · {head.hours} per week", 11, bold=True)
    pdf.para(f"Ten opzichte van {head.baseline}: {head.delta_fte}, {head.delta_cost}.", 10)

    pdf.heading("Instellingen", 12)
    _settings_list(pdf, setting_rows(memo.settings))

    y = pdf.get_y() + 1
    bottom = y
    if shapes is not None:
        features, legend = static_features(memo.result, shapes, colour_by)
        map_png = chart_png(static_map(features, legend, f"Kaart: {COLOUR_BY[colour_by]}"))
        bottom = max(bottom, y + pdf.image(io.BytesIO(map_png), x=15, y=y, w=86).rendered_height)
    else:
        pdf.set_xy(15, y)
        pdf.para("De kaart ontbreekt: de kaartgrenzen passen niet bij de gegevens.", 9)
    bars_png = chart_png(stacked_fte(memo.result).properties(width=300))
    bottom = max(bottom, y + pdf.image(io.BytesIO(bars_png), x=106, y=y, w=89).rendered_height)
    pdf.set_y(bottom + 3)

    pdf.heading("Verdeling per gebied", 12)
    _area_table(pdf, memo.result)

    if memo.path is not None:
        _path_section(pdf, memo.path)

    if memo.warnings:
        pdf.heading("Let op", 11)
        for note in memo.warnings:
            pdf.para(f"• {plain(note)}", 8.5)

    pdf.heading("Methode in vijf regels", 11)
    for line in METHOD:
        pdf.para(f"• {line}", 8.5)

    pdf.heading("Bronnen", 11)
    for _, row in memo.sources.files.iterrows():
        pdf.para(f"• {row['bestand']}: {plain(row['bron'])} ({row['jaar']}; {plain(row['licentie'])}).", 8)
    for _, row in memo.sources.policy.iterrows():
        pdf.para(f"• {row['getal']}: {row['waarde']} ({row['bron']}).", 8)
    pdf.para("Alle bronnen en kanttekeningen: de pagina 'Methode en bronnen' in de app.", 8)

    pdf.heading("Link naar dit scenario", 11)
    if memo.own_data:
        pdf.para(f"Let op: {own_data_caveat(memo.own_data)}", 8.5, bold=True)
    pdf.set_font(pdf.family, "", 8.5)
    pdf.set_text_color(0, 70, 160)
    pdf.multi_cell(0, 4.2, memo.link, link=memo.link, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def own_data_caveat(files: str) -> str:
    """What the link of a scenario computed with own figures does not bring back."""
    return (
        f"deze cijfers zijn berekend met eigen gegevens ({files}). De link brengt de instellingen terug, niet "
        "die gegevens: wie hem opent, ziet de ingebouwde cijfers, tenzij hij hetzelfde bestand uploadt op de "
        "pagina Gegevens."
    )


WEIGHT_PREFIX = "Gewicht "


def _settings_list(pdf: _Pdf, rows: dict[str, str]) -> None:
    """The settings as a list in two columns; the weights in one line (they are 1,0 unless changed)."""
    weights = {k.removeprefix(WEIGHT_PREFIX): v for k, v in rows.items() if k.startswith(WEIGHT_PREFIX)}
    items = [f"{k}: {v}" for k, v in rows.items() if not k.startswith(WEIGHT_PREFIX)]
    changed = {k: v for k, v in weights.items() if v != fmt.number(1.0, 1)}
    if weights:
        items.append(
            "Gewichten: alle thema's en indicatoren 1,0"
            if not changed
            else "Gewichten: " + "; ".join(f"{k} {v}" for k, v in changed.items()) + "; de overige 1,0"
        )
    half = (len(items) + 1) // 2
    width = (pdf.epw - 6) / 2
    top = pdf.get_y()
    bottom = top
    pdf.set_font(pdf.family, "", 8.5)
    pdf.set_text_color(20, 20, 20)
    for column, part in enumerate((items[:half], items[half:])):
        pdf.set_xy(pdf.l_margin + column * (width + 6), top)
        for item in part:
            pdf.set_x(pdf.l_margin + column * (width + 6))
            pdf.multi_cell(width, 4.1, pdf.text_of(f"• {item}"), new_x="LEFT", new_y="NEXT", align="L")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(pdf.l_margin, bottom + 1)


PATH_CHART_MM = 90  # the path chart at 150 mm wide is about 75 mm high (title and legend included)


def _path_section(pdf: _Pdf, path: PathReport) -> None:
    """The ingroeipad: its chart, the yearly costs and the notes (the heading stays with the chart)."""
    if pdf.will_page_break(PATH_CHART_MM + 10):
        pdf.add_page()
    pdf.heading("Ingroeipad", 12)
    steps = path.steps.drop(columns="Doel")
    names = {name: name for name in steps.index}
    chart = path_chart(steps.set_axis(list(steps.index)), names, list(steps.columns)).properties(width=480, height=220)
    png = chart_png(chart)
    y = pdf.get_y()
    pdf.set_y(y + pdf.image(io.BytesIO(png), x=15, y=y, w=150).rendered_height + 2)
    for cost in path.costs.itertuples(index=False):
        when = "Totaal over de periode" if pd.isna(cost.year) else str(int(cost.year))
        fte = "" if pd.isna(cost.fte) else f"{fmt.fte(cost.fte)}, "
        pdf.para(
            f"• {when}: {fte}{fmt.eur(cost.cost_eur)} ({fmt.eur(cost.difference_eur, signed=True)} ten opzichte "
            "van de huidige inzet)",
            8.5,
        )
    for note in path.notes:
        pdf.para(f"• {plain(note)}", 8.5)


# The app's own table (present.table), with shorter headers to fit A4; "Exact" stays on screen only.
PDF_TABLE = {
    "Gebied": "Gebied",
    "Inwoners": "Inwoners",
    "Behoefte-index": "Index",
    "Presentie (fte)": "Presentie",
    "Opgavegericht (fte)": "Opgave",
    "Toegekend (fte)": "Toegekend",
    "Per 10.000 inwoners (fte)": "Per 10.000",
    "Kosten per jaar": "Kosten per jaar",
}


def _area_table(pdf: _Pdf, result: Allocation) -> None:
    shown = table(result)[list(PDF_TABLE)]
    pdf.para(
        "Index: behoefte-index (stad = 1,00). Presentie, opgave(gericht), toegekend en per 10.000 inwoners in fte; "
        f"toegekend is afgerond. Kosten in prijspeil {result.scenario.price_year}.",
        8,
    )
    pdf.set_font(pdf.family, "", 8.5)
    with pdf.table(
        col_widths=(40, 18, 14, 19, 19, 21, 19, 30),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD", fill_color=(221, 230, 240)),
        line_height=4.6,
        first_row_as_headings=True,
    ) as pdf_table:
        pdf_table.row([pdf.text_of(h) for h in PDF_TABLE.values()])
        for row in shown.itertuples(index=False):
            pdf_table.row([pdf.text_of(str(cell)) for cell in row])
    pdf.ln(2)
