"""Exports for the council memo: the Excel workbook and the PDF scenarionotitie, opened as a reader would."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opbouw import allocate, deployment, load_areas, load_shapes
from opbouw.export import Memo, excel_bytes, pdf_bytes
from opbouw.present import headline
from opbouw.settings import Settings
from opbouw.sources import for_own_data, read_sources
from tests.test_app import assert_clean, run_app

LINK = "http://localhost:8501/?total_fte=10.0&level=wijk"


def memo(settings: Settings, title: str = "Variant A", path: bool = False) -> Memo:
    scenario = settings.scenario()
    result = allocate(load_areas(settings.level, settings.year), scenario)
    report = deployment.report(load_areas("wijk", settings.year), settings) if path else None
    return Memo(result, settings, headline(result), LINK, read_sources(), title, result.warnings, report)


def test_the_ingroeipad_is_a_sheet_and_a_section_with_its_yearly_costs():
    # 8 fte today (assumed, by population per stadsdeel) to 10 fte in 2027-2030: € 722.500 in 2027 ...
    # € 850.000 in 2030 at 2018 prices; € 3.145.000 over the term, € 425.000 more than today.
    m = memo(Settings(total_fte=10.0), path=True)
    book = load_workbook(io.BytesIO(excel_bytes(m)))
    assert book.sheetnames == ["Verdeling", "Instellingen", "Ingroeipad", "Bronnen", "Link"]
    rows = [r for r in book["Ingroeipad"].iter_rows(values_only=True)]
    assert rows[1][:7] == ("Gebied", "Nu", "2027", "2028", "2029", "2030", "Doel")
    assert sum(r[5] for r in rows[2:7]) == pytest.approx(10.0)
    costs = {r[0]: (r[2], r[3]) for r in rows if r[0] in (2027, 2030, "Totaal over de periode")}
    assert costs == {2027: (722_500, 42_500), 2030: (850_000, 170_000), "Totaal over de periode": (3_145_000, 425_000)}
    assert any(r[0] and str(r[0]).startswith("Aanname: de huidige 8 fte") for r in rows)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf_bytes(m, None), check=True, capture_output=True).stdout
        text = text.decode("utf-8")
        assert "Ingroeipad" in text and "Totaal over de periode: € 3.145.000" in text


def test_excel_has_allocation_settings_sources_and_link_that_add_up():
    m = memo(Settings(total_fte=10.0, level="wijk"))
    book = load_workbook(io.BytesIO(excel_bytes(m)))
    assert book.sheetnames == ["Verdeling", "Instellingen", "Bronnen", "Link"]
    sheet = book["Verdeling"]
    header = [c.value for c in sheet[1]]
    assert (
        header[:2] == ["Gebied", "Code"]
        and "Toegekend (fte)" in header
        and "Kosten per jaar (EUR, prijspeil 2018)" in header
    )
    rows = list(sheet.iter_rows(min_row=2, max_row=17, values_only=True))
    fte, cost = header.index("Toegekend (fte)"), header.index("Kosten per jaar (EUR, prijspeil 2018)")
    assert len(rows) == 16 and rows[0][1].startswith("WK0193")
    assert sum(r[fte] for r in rows) == pytest.approx(10.0)
    total = [c.value for c in sheet[18]]
    assert total[0] == "Totaal" and total[fte] == pytest.approx(10.0) and total[cost] == pytest.approx(850_000)
    assert sheet.cell(row=2, column=fte + 1).number_format == "0.00"
    settings = dict(book["Instellingen"].iter_rows(min_row=2, values_only=True))
    assert settings["Totaal"] == "10,00 fte" and settings["Niveau"] == "Wijken (16)"
    sources_text = " ".join(str(c) for row in book["Bronnen"].iter_rows(values_only=True) for c in row if c)
    assert "CC BY 4.0 (Bron: CBS)" in sources_text and "inwoners_2024" in sources_text
    assert "informatienota" in sources_text
    assert book["Link"]["A2"].value == LINK and book["Link"]["A2"].hyperlink.target == LINK


needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed: scripts/test.sh installs it"
)


@needs_poppler
def test_pdf_has_one_or_two_pages_with_the_text_and_the_images(tmp_path: Path):
    pdf = tmp_path / "notitie.pdf"
    pdf.write_bytes(pdf_bytes(memo(Settings(total_fte=10.0, level="wijk")), load_shapes("wijk")))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "pagina")], check=True)
    pages = sorted(tmp_path.glob("pagina-*.png"))
    assert 1 <= len(pages) <= 2, "one or two A4 pages"
    assert all(p.stat().st_size > 10_000 for p in pages), "pages are drawn, not blank"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for expected in (
        "Scenarionotitie opbouwwerk Zwolle",
        "Variant A",
        "Totaal 10,0 fte",
        "€ 850.000 per jaar",
        "Ten opzichte van nu (8 fte): +2,0 fte",
        "Stadshagen",
        "Methode in vijf regels",
        "CC BY 4.0",
        LINK,
    ):
        assert expected in text, expected
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) - 2 >= 2, "the map and the bar chart"


@needs_poppler
def test_pdf_without_map_shapes_says_so(tmp_path: Path):
    pdf = tmp_path / "notitie.pdf"
    pdf.write_bytes(pdf_bytes(memo(Settings()), None))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "De kaart ontbreekt" in text
    assert "Totaal 8,0 fte" in text


def test_explorer_offers_csv_excel_and_pdf_without_rerunning():
    at = run_app()
    assert_clean(at)
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels == ["Download de verdeling (CSV)", "Download alles (Excel)", "Download scenarionotitie (PDF)"]
    assert all(b.proto.ignore_rerun for b in buttons), "a download does not recompute the page"


def test_without_sources_file_the_page_still_offers_the_csv_and_says_why_not_more(tmp_path, monkeypatch):
    import shutil as sh

    root = Path(__file__).resolve().parent.parent / "data"
    for name in ("wijken.csv", "wijken.geojson", "stadsdelen.geojson"):
        sh.copy(root / name, tmp_path / name)
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert any("Het bronnenbestand SOURCES.md ontbreekt" in i.value and "de CSV wel" in i.value for i in at.info)
    assert [b.proto.label for b in at.get("download_button")] == ["Download de verdeling (CSV)"]


def own_memo() -> Memo:
    base = memo(Settings(level="wijk"), title="eigen gegevens (proef.xlsx)")
    sources = for_own_data(read_sources(), "proef.xlsx", own_polygons=False)
    return dataclasses.replace(base, sources=sources, own_data="proef.xlsx")


def test_exports_of_own_figures_name_the_upload_not_cbs_as_their_source(tmp_path: Path):
    book = load_workbook(io.BytesIO(excel_bytes(own_memo())))
    rows = [[str(c) for c in row if c] for row in book["Bronnen"].iter_rows(values_only=True)]
    text = " ".join(" ".join(row) for row in rows)
    assert "proef.xlsx" in text and "herkomst niet bekend" in text
    assert not any(row and row[0] == "wijken.csv" for row in rows), "the built-in table is not cited"
    column_rows = [row for row in rows if row and row[0] in {"inwoners_2024", "inkomen_per_inwoner_x1000_euro"}]
    assert column_rows and all("CBS" not in " ".join(row[2:]) for row in column_rows), "source, year, licence"
    assert "informatienota" in text, "the policy figures keep their source"
    # The link brings the settings back, not the figures: both files say so (issue 18).
    caveat = "De link brengt de instellingen terug, niet die gegevens"
    assert caveat in book["Link"]["B6"].value and "proef.xlsx" in book["Link"]["B6"].value
    if shutil.which("pdftotext"):
        pdf = tmp_path / "notitie.pdf"
        pdf.write_bytes(pdf_bytes(own_memo(), load_shapes("wijk")))
        pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        assert "proef.xlsx" in pdf_text and "herkomst niet bekend" in pdf_text
        assert caveat in " ".join(pdf_text.split())


def test_the_pdf_at_zero_fte_has_its_map_with_one_colour_class():
    """0 fte gives every area the same value: one legend entry (this raised an IndexError before)."""
    m = memo(Settings(total_fte=0.0, level="wijk"))
    pdf = pdf_bytes(m, load_shapes("wijk"))
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "0,0 fte" in text and "€ 0" in text


def test_the_templates_carry_a_formula_name_as_text():
    from opbouw.data import read_wijken
    from opbouw.upload import template_csv, template_xlsx

    wijken = read_wijken().copy()
    wijken.iloc[0, wijken.columns.get_loc("name")] = '=HYPERLINK("http://192.0.2.1","x")'
    text = template_csv(wijken).decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ";=HYPERLINK" not in text and ';"=HYPERLINK' not in text
    book = load_workbook(io.BytesIO(template_xlsx(wijken)))
    cell = book["wijken"]["B2"]
    assert cell.value == '=HYPERLINK("http://192.0.2.1","x")' and cell.data_type == "s"
