"""AppTest: the method and sources page, generated from the data so it cannot drift."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from opbouw.indicators import INDICATORS, THEMES
from opbouw.method import method_markdown
from opbouw.sources import read_sources
from tests.test_app import assert_clean

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "app_pages" / "5_Methode_en_bronnen.py")


def test_method_names_both_kinds_of_work_the_rounding_rule_and_the_reference_points():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert_clean(at)
    text = "\n".join(m.value for m in at.markdown)
    for expected in (
        "Presentie-inzet",
        "Opgavegerichte inzet",
        "een groter totaal neemt nooit een gebied iets af",
        "signaal",
        "zestien uur per week",
        "de helft van hun tijd",
        "Tot 2017 was er 6 fte opbouwwerk, nu 8 fte; Travers adviseert 10 fte",
        "€ 85.000 per jaar",
        "Onder **2.000 inwoners** telt de afwijking van een wijk daarom naar rato",
        "gemiddelde van de betrouwbare buurten",
        "Sociale Index",
    ):
        assert expected in text, expected
    assert "«" not in method_markdown(), "every figure in the text is filled in"


def test_sources_come_from_sources_md_and_assumptions_from_the_data():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    tables = [t.value for t in at.table]
    indicators, files, policy, uncertain, columns = tables
    # Every indicator with its theme, year and how far to trust it (issue 16).
    assert list(indicators["Indicator"]) == [ind.label for ind in INDICATORS.values()]
    assert (indicators["Jaar"] != "").all() and (indicators["Hoe gemeten en hoe betrouwbaar"] != "").all()
    assert set(indicators["Thema"]) == set(THEMES.values())
    assert list(files["bestand"]) == list(read_sources().files["bestand"])
    assert "kosten per fte" in set(policy["getal"])
    assumed = uncertain[uncertain["Status"] == "aanname"]
    assert dict(zip(assumed["Wijk"], assumed["Stadsdeel"])) == {
        "Vechtlanden": "Noord",
        "Berkum": "Noord",
        "Marsweteringlanden": "Midden",
    }
    assert "inwoners_2024" in set(columns["kolom"])


def test_a_missing_sources_file_gives_a_dutch_message(tmp_path, monkeypatch):
    for name in ("wijken.csv", "wijken.geojson", "stadsdelen.geojson"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    monkeypatch.setenv("OPBOUW_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "Het bronnenbestand SOURCES.md ontbreekt" in at.error[0].value
