"""Ten named scenarios as a user sees them: the headline figures, the 'Let op' panel, the table, and
the contents of the three downloads. ``tests/same_figures.json`` holds what they are; it was recorded
before the restructuring of issue 15 (which changed nothing a user sees) and written again on purpose
for issue 16 (computed per wijk, standard-score need index, Webster rounding, whole-scenario presets,
Berkum in Noord and Marsweteringlanden in Midden). ``tests/test_same_figures.py`` checks them.

    python -m tests.same_figures write   # only when a change of figures is intended, and say so

The page is run with AppTest from its link (or with an upload in the session, or a saved scenario's
link), so what is compared is what the page shows; the exports are made from the same allocation as
the download buttons make them. Today's date and a saved scenario's random id are replaced by
placeholders.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from babel.dates import format_date
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).with_suffix(".json")
APP = str(ROOT / "app.py")
LINK_BASE = "http://localhost:8501/"

# name -> (what it shows, the link's query, how the session starts)
SCENARIOS: dict[str, tuple[str, dict[str, str], str]] = {
    "today": ("8 fte over the stadsdelen, every default", {}, ""),
    "travers_preset": ("the preset 'advies Travers': 10 fte, two per stadsdeel", {}, "preset:travers"),
    "fte6_preset_wijken": ("the preset '6 fte' on the wijken", {"level": "wijk"}, "preset:fte6"),
    "assignment_only_preset": ("the preset 'Alleen opgavegericht'", {"total_fte": "9.0"}, "preset:assignment_only"),
    "wijken_10_5": (
        "10,5 fte over the wijken, 30 % presence",
        {"level": "wijk", "total_fte": "10.5", "presence_pct": "30"},
        "",
    ),
    "wijken_vaste_voet_half": (
        "wijken, vaste voet 0,3 fte per wijk, rounded to half an FTE, 2022; 'need only' is gone and said so",
        {"level": "wijk", "total_fte": "12.0", "min_fte": "0.3", "unit": "half", "basis": "need_only", "year": "2022"},
        "",
    ),
    "wijken_focus_weights": (
        "wijken, assignment to the 3 areas of highest need, income weight 3 and rented homes 0, 4-hour units",
        {
            "level": "wijk",
            "total_fte": "8.0",
            "focus": "true",
            "focus_areas": "3",
            "w_income": "3.0",
            "w_rented_homes": "0.0",
            "unit": "hours4",
        },
        "",
    ),
    "costly_against_travers": (
        "stadsdelen, 14 fte at EUR 90,000 against the Travers advice, not rounded",
        {"total_fte": "14.0", "cost_eur": "90000", "baseline": "travers", "unit": "none"},
        "",
    ),
    "own_upload": ("the wijken with an upload that doubles Stadshagen's population", {"level": "wijk"}, "own"),
    "saved_scenario": ("a saved scenario opened by its link", {}, "saved"),
}
SAVED = {"level": "wijk", "total_fte": "11.5", "w_income": "0.0", "presence_pct": "60"}


def _own_data():
    from opbouw.data import read_wijken
    from opbouw.upload import OwnData

    wijken = read_wijken().copy()
    code = wijken.index[wijken["name"] == "Stadshagen"][0]
    wijken.loc[code, "population_2024"] *= 2
    return OwnData(wijken=wijken, shapes=None, label="proef.csv")


def _page(query: dict[str, str], start: str) -> tuple[AppTest, str]:
    """The explorer after its first run (and a preset click), and the saved scenario's id if any."""
    at = AppTest.from_file(APP, default_timeout=90)
    saved_id = ""
    if start == "saved":
        from opbouw.links import parse_query
        from opbouw.store import ScenarioStore, sqlite_url

        store = ScenarioStore(sqlite_url(Path(os.environ["OPBOUW_STORE_PATH"])))
        saved_id = store.save("Variant A", "meer presentie, inkomen telt niet mee", parse_query(SAVED)[0]).id
        store.close()
        query = {"scenario": saved_id}
    if start == "own":
        at.session_state["own_data"] = _own_data()
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if start.startswith("preset:"):
        at.button(key=f"ex_preset_{start.removeprefix('preset:')}").click().run()
    return at, saved_id


def _normalised(text: str, saved_id: str) -> str:
    """Today's date (long, or short with the time a scenario was saved) and the saved id as placeholders."""
    today = format_date(datetime.now(), "d MMMM y", locale="nl_NL")
    text = re.sub(r"\b\d{1,2} \w{3,9}\.? \d{4} om \d\d:\d\d", "<moment>", text.replace(today, "<vandaag>"))
    return text.replace(saved_id, "<id>") if saved_id else text


def _exports(at: AppTest, saved_id: str) -> dict[str, object]:
    """The CSV, the workbook's cells and the PDF's text, made as the download buttons make them."""
    from opbouw.export import excel_bytes, pdf_bytes
    from opbouw.present import csv_bytes

    settings, shown_view, _, memo = _memo(at)

    csv = csv_bytes(shown_view.result).decode("utf-8-sig")
    book = load_workbook(io.BytesIO(excel_bytes(memo)))
    cells = {
        name: [
            [None if v is None else _normalised(str(v), saved_id) for v in row]
            for row in book[name].iter_rows(values_only=True)
        ]
        for name in book.sheetnames
    }
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "memo.pdf"
        pdf.write_bytes(pdf_bytes(memo, _shapes(settings.level, at)))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
    return {"csv": csv.splitlines(), "excel": cells, "pdf_text": _normalised(text, saved_id).splitlines()}


def _shapes(level: str, at: AppTest):
    from opbouw.data import load_shapes
    from opbouw.geometry import stadsdelen_from

    own = at.session_state.get("own_data", None)
    if own is None or level == "wijk":
        return load_shapes(level)
    rows = zip(own.wijken.index, own.wijken["name"], own.wijken["stadsdeel"])
    return stadsdelen_from(
        load_shapes("wijk"), rows, "Samengevoegd uit de wijkgrenzen in gebruik volgens de eigen indeling"
    )


def _memo(at: AppTest):
    """The settings on screen, their view, headline and memo, as ui/results.downloads builds them."""
    from opbouw import allocate, deployment
    from opbouw.data import areas_from_wijken, load_areas
    from opbouw.export import Memo
    from opbouw.links import from_widget_values, to_query, widget_values
    from opbouw.present import headline, notes
    from opbouw.settings import BASELINES, Settings
    from opbouw.sources import for_own_data, read_sources
    from ui.views import build

    state = at.session_state
    settings = from_widget_values({k: state[k] for k in widget_values(Settings())})
    scenario = settings.scenario()
    own = state.get("own_data", None)
    areas = (
        areas_from_wijken(own.wijken, settings.level, settings.year)
        if own is not None
        else load_areas(settings.level, settings.year)
    )
    view = build("same-figures", allocate(areas, scenario, settings.level, settings.year))
    saved = state.get("ex_saved", None)
    if settings.baseline.startswith("scenario-"):
        raise ValueError("no saved baseline in these scenarios")
    head = headline(view.result, *BASELINES[settings.baseline])
    sources = read_sources()
    if own is not None:
        sources = for_own_data(sources, own.label, own_polygons=own.shapes is not None)
    shown_saved = saved is not None and saved.settings == settings
    query = {"scenario": saved.id} if shown_saved else to_query(settings)
    link = LINK_BASE + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    title = " · ".join(
        p for p in (saved.label if shown_saved else "", f"eigen gegevens ({own.label})" if own is not None else "") if p
    )
    wijken = (
        areas_from_wijken(own.wijken, "wijk", settings.year) if own is not None else load_areas("wijk", settings.year)
    )
    panel = tuple(notes(view.result))  # as before issue 19 split the view: without the assumptions' effects
    memo = Memo(view.result, settings, head, link, sources, title, panel, deployment.report(wijken, settings))
    return settings, view, head, memo


def capture(name: str) -> dict[str, object]:
    """What the user sees and downloads in one of :data:`SCENARIOS`."""
    from tests.shown import shown, shown_table

    _, query, start = SCENARIOS[name]
    at, saved_id = _page(dict(query), start)
    if at.exception or at.error:
        raise AssertionError([e.message for e in at.exception] + [e.value for e in at.error])
    page = {
        "metrics": [[shown(m.label), m.value, shown(m.delta or "")] for m in at.metric],
        "let_op": [_normalised(shown(w.value), saved_id) for w in at.warning],
        "captions": [
            _normalised(shown(c.value), saved_id) for c in at.caption if "Aanname" in c.value or "Bewaard" in c.value
        ],
        "table": shown_table(at.table[0].value).values.tolist(),
        "link": {k: _normalised(v, saved_id) for k, v in dict(at.query_params).items()},
    }
    return {"page": page, "exports": _exports(at, saved_id)}


def capture_all() -> dict[str, dict]:
    return {name: capture(name) for name in SCENARIOS}


if __name__ == "__main__" and sys.argv[1:] == ["write"]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["OPBOUW_STORE_PATH"] = str(Path(folder) / "scenarios.sqlite3")
        os.environ.pop("OPBOUW_STORE_URL", None)
        figures = capture_all()
    FIXTURE.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(figures)} scenarios)")
    sys.exit(0)
elif __name__ == "__main__":
    sys.exit("usage: python -m tests.same_figures write")
