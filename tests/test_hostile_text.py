"""Text from users stays text: scenario names and notes with HTML, Markdown, links, images, formulas and
deck.gl expressions, on every page that shows them and in every export; and the helpers behind it."""

from __future__ import annotations

import ast
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from opbouw import allocate, deployment, load_areas, load_shapes
from opbouw.export import Memo, excel_bytes, pdf_bytes
from opbouw.maps import allocation_map, difference_map
from opbouw.present import csv_bytes, headline
from opbouw.settings import Settings
from opbouw.sources import read_sources
from opbouw.store import NAME_MAX_CHARS, ScenarioStore, sqlite_url
from opbouw.text import FORMULA_STARTS, deck_text, html_text, md, spreadsheet_cell
from tests.hostile_uploads import NAMES_THAT_ARE_CODE
from tests.shown import shown
from tests.test_app import APP, assert_clean

ROOT = Path(__file__).resolve().parent.parent
COMPARE_PAGE = str(ROOT / "app_pages" / "4_Vergelijken.py")
SAVED_PAGE = str(ROOT / "app_pages" / "3_Bewaarde_scenarios.py")
PAYLOADS = [p for p in NAMES_THAT_ARE_CODE if len(p) <= NAME_MAX_CHARS]
MARKDOWN_SPECIALS = set("\\`*_{}[]<>#|~$!&@")


# --- the helpers ------------------------------------------------------------------------------


@given(st.text(max_size=80))
def test_md_reads_back_as_the_text_on_one_line_with_nothing_left_to_render(text):
    escaped = md(text)
    assert shown(escaped) == re.sub(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+", " ", text).replace("\u2060", "")
    unescaped = re.sub(r"\\.", "", escaped)  # what is left once every escaped character is taken out
    assert not MARKDOWN_SPECIALS & set(unescaped), "every character that starts Markdown or HTML is escaped"
    assert "://" not in unescaped and "www." not in unescaped.lower(), "no autolink (a word joiner breaks each)"
    assert re.sub(r"\\@\u2060", "", escaped).count("@") == 0, "no e-mail autolink"
    assert not re.match(r"\s*([-+]\s|\d+[.)](\s|$))", unescaped), "no list item at the start"


@given(st.text(max_size=30), st.floats(allow_nan=False) | st.integers())
def test_spreadsheet_cells_never_start_a_formula_and_numbers_stay_numbers(text, number):
    assert not str(spreadsheet_cell(text)).startswith(FORMULA_STARTS)
    assert spreadsheet_cell(number) == number
    if not text.startswith(FORMULA_STARTS):
        assert spreadsheet_cell(text) == text


@given(st.text(max_size=40))
def test_map_texts_never_become_tags_or_deck_expressions(text):
    assert "<" not in html_text(text) and ">" not in html_text(text)
    assert not deck_text(text).startswith("@@") and not html_text(text).startswith("@@")


# --- the pages --------------------------------------------------------------------------------


def the_store() -> ScenarioStore:
    import os

    return ScenarioStore(sqlite_url(Path(os.environ["OPBOUW_STORE_PATH"])))


def rendered_texts(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit renders as Markdown."""
    texts = [e.value for kind in ("markdown", "caption", "warning", "info", "error", "success") for e in at.get(kind)]
    texts += [e.value for kind in ("title", "header", "subheader") for e in at.get(kind)]
    for metric in at.metric:
        texts += [metric.label, metric.delta or ""]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return texts


def assert_shown_as_text(at: AppTest, payload: str) -> None:
    assert_clean(at)
    texts = rendered_texts(at)
    showing = [t for t in texts if payload in shown(t)]
    assert showing, f"the page shows {payload!r} somewhere"
    inside = md("x" + payload)[1:]  # the payload escaped as it is in the middle of a sentence
    for text in showing:
        assert md(payload) in text or inside in text, f"{payload!r} is escaped wherever it is shown: {text[:200]!r}"
    html = [m.value for m in at.markdown if m.proto.allow_html]
    assert not [h for h in html if payload in h or md(payload) in h], "no user text in HTML"


@pytest.fixture
def saved_payloads():
    store = the_store()
    return [
        (p, store.save(p, f"Toelichting: {p}", Settings(total_fte=10.0)), store.save(p, p, Settings(level="wijk")))
        for p in PAYLOADS
    ]


@pytest.mark.parametrize("index", range(len(PAYLOADS)), ids=PAYLOADS)
def test_a_hostile_scenario_name_is_text_on_every_page(saved_payloads, index):
    payload, saved, at_wijk_level = saved_payloads[index]
    opened = AppTest.from_file(APP, default_timeout=60)
    opened.query_params["scenario"] = saved.id
    assert_shown_as_text(opened.run(), payload)  # the caption under the explorer, with the note

    baseline = AppTest.from_file(APP, default_timeout=60)
    baseline.query_params["baseline"] = f"scenario-{saved.id}"
    baseline.run()
    assert_shown_as_text(baseline, payload)
    assert any(payload in shown(m.delta or "") for m in baseline.metric), "the headline delta names it"

    compared = AppTest.from_file(COMPARE_PAGE, default_timeout=60)
    compared.query_params["vergelijk"] = f"preset:fte8,saved:{saved.id},saved:{at_wijk_level.id}"
    compared.run()
    assert_shown_as_text(compared, payload)  # metric labels, the map caption, tables, the level warning
    assert any(payload in str(c) for t in compared.table for c in map(shown, t.value.columns))

    listed = AppTest.from_file(SAVED_PAGE, default_timeout=60)
    listed.session_state["sv_choice"] = saved.id  # the one picked from the list
    listed.session_state["sv_confirm"] = saved.id  # and 'Verwijderen' asked: the question names it too
    assert_shown_as_text(listed.run(), payload)


def test_reflected_link_payloads_are_echoed_as_short_text():
    for query in (
        {"[klik hier om in te loggen](http://192.0.2.1/)": "1"},
        {"total_fte": "![x](http://192.0.2.1/x.png)"},
        {"vergelijk": "saved:[x](http://192.0.2.1/),preset:<img src=x>"},
        {"scenario": "<iframe srcdoc=x>"},
    ):
        for script in (COMPARE_PAGE,) if "vergelijk" in query else (APP, COMPARE_PAGE):  # the explorer passes it on
            at = AppTest.from_file(script, default_timeout=60)
            for key, value in query.items():
                at.query_params[key] = value
            at.run()
            assert_clean(at)
            notice = " ".join(w.value for w in at.warning if "link" in w.value)
            assert "Niet alles in de link" in notice
            unescaped = re.sub(r"\\.", "", notice)
            assert not {"[", "]", "<", ">", "!"} & set(unescaped), notice
            assert "http://" not in unescaped


# --- exports and maps -------------------------------------------------------------------------


def hostile_result(level: str = "wijk"):
    areas = load_areas(level).copy()
    names = (PAYLOADS * 2)[: len(areas)]
    areas["name"] = names
    scenario = Settings(level=level).scenario()
    return allocate(areas, scenario), scenario


def test_exports_carry_hostile_names_and_titles_as_text_never_as_formulas():
    result, scenario = hostile_result()
    settings = Settings(level="wijk")
    # The ingroeipad at wijk level carries the same names into its sheet and its PDF section.
    wijken = load_areas("wijk").copy()
    wijken["name"] = (PAYLOADS * 2)[: len(wijken)]
    path_settings = Settings(level="wijk", current_deployment="wijk:" + ",".join(["0.5"] * len(wijken)))
    report = deployment.report(wijken, path_settings)
    assert report is not None and not report.assumed
    memo = Memo(result, settings, headline(result), "http://localhost/", read_sources(), PAYLOADS[10], (), report)
    workbook = excel_bytes(memo)
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not [s for s in sheets if b"<f>" in s or b"<f " in s], "no formula in any sheet"
    book = load_workbook(io.BytesIO(workbook))
    names = [row[0] for row in book["Verdeling"].iter_rows(min_row=2, max_row=17, values_only=True)]
    path_names = [row[0] for row in book["Ingroeipad"].iter_rows(min_row=3, max_row=18, values_only=True)]
    assert any(str(n).startswith('=HYPERLINK("http://192.0.2.1","x")') for n in path_names), path_names
    for written in ('=HYPERLINK("http://192.0.2.1","x")', "@SUM(1)", "+1+1"):
        assert any(n.startswith(written) for n in names), f"{written} is shown as written"
    text = csv_bytes(result).decode("utf-8-sig")
    for formula in ('=HYPERLINK("http://192.0.2.1"', "+1+1", "-2+3", "@SUM(1)"):
        assert f";{formula}" not in text and f"\n{formula}" not in text
    assert ";'=HYPERLINK(" in text or "'=HYPERLINK(" in text
    assert pdf_bytes(memo, load_shapes("wijk")).startswith(b"%PDF")


def test_the_maps_tooltips_escape_names_and_labels_and_deck_reads_no_expression():
    result, _ = hostile_result()
    deck, _ = allocation_map(result, load_shapes("wijk"))
    spec = json.loads(deck.to_json())
    rows = spec["layers"][0]["data"]
    assert all("<" not in r["tip_name"] for r in rows)
    strings = [v for layer in spec["layers"] for r in layer["data"] for v in r.values() if isinstance(v, str)]
    assert not [s for s in strings if s.startswith("@@")]
    other, _ = hostile_result()
    deck, _ = difference_map(result, other, load_shapes("wijk"), PAYLOADS[1], "@@=x")
    rows = json.loads(deck.to_json())["layers"][0]["data"]
    assert all("<img" not in r["first_label"] and not r["other_label"].startswith("@@") for r in rows)


# --- the code ---------------------------------------------------------------------------------

# What st.html may be given in app.py, app_pages/ and ui/: the app's own constants, the legend builder
# (whose only input is the app's class bounds, escaped) or the legend it returned, and the copy button
# (the link in it as a JSON string, see the test below). Only the page shell and the copy button run a script.
HTML_ALLOWED = {"PRESENTATION_CSS", "SHELL_CSS", "SHELL_SCRIPT", "legend_html", "legend", "copy_button"}
SCRIPT_ALLOWED = {"SHELL_SCRIPT", "copy_button"}


def test_no_markdown_renders_html_and_st_html_gets_only_the_apps_own():
    """A scan of app.py, app_pages/ and ui/: no ``unsafe_allow_html`` at all (Markdown never renders HTML,
    so no user text can become HTML there); every ``st.html`` gets a module constant, the legend or the
    copy button; ``unsafe_allow_javascript`` only the page shell's fixed script and the copy button."""
    files = [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    found = 0
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            assert "unsafe_allow_html" not in keywords, f"{path.name}:{node.lineno}: unsafe_allow_html"
            if not (isinstance(node.func, ast.Attribute) and node.func.attr == "html"):
                continue
            found += 1
            first = node.args[0]
            name = first.func.id if isinstance(first, ast.Call) and isinstance(first.func, ast.Name) else None
            name = name or (first.id if isinstance(first, ast.Name) else None)
            assert name in HTML_ALLOWED, f"{path.name}:{node.lineno}: HTML from {ast.unparse(first)}"
            if isinstance(first, ast.Call):
                assert len(first.args) == 1 and not first.keywords, f"{name} takes one argument"
            if getattr(keywords.get("unsafe_allow_javascript"), "value", False):
                assert name in SCRIPT_ALLOWED, f"{path.name}:{node.lineno}: a script from {name}"
    assert found >= 5


def test_the_legend_shows_its_labels_as_text():
    from opbouw.maps import LegendItem, legend_html

    shown = legend_html([LegendItem((1, 2, 3), '<img src=x onerror="alert(1)">'), LegendItem((9, 9, 9), "0,5 & meer")])
    assert "<img" not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert "0,5 &amp; meer" in shown and "#010203" in shown


def test_the_copy_button_carries_any_link_as_a_string_that_cannot_close_its_script():
    # 'Kopieer link' is the app's own script (Streamlit has no clipboard element); the link goes in as
    # JSON. The address comes from the browser, so whatever it holds must stay one string.
    import json
    import re

    from ui.state import copy_button

    link = "http://h/x?a=</script><script>alert(1)</script>&b=\"'`\u2028${x}"
    page = copy_button(link)
    assert page.count("</script>") == 1, "only the button's own script ends"
    [literal] = re.findall(r"const link = (.*);\n", page)
    assert json.loads(literal) == link
    assert "<script>alert" not in page
