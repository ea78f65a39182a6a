"""AppTest: the own-data page, and the 'eigen gegevens' badge on every page while own figures are in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opbouw.data import read_wijken
from opbouw.upload import OwnData
from tests.test_app import assert_clean, metrics, table

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py"))]


def own_figures() -> OwnData:
    """The built-in table with Stadshagen's population doubled (a what-if)."""
    wijken = read_wijken().copy()
    code = wijken.index[wijken["name"] == "Stadshagen"][0]
    wijken.loc[code, "population_2024"] *= 2
    return OwnData(wijken=wijken, shapes=None, label="proef.csv")


def run(page: str, own: OwnData | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    if own is not None:
        at.session_state["own_data"] = own
    return at.run()


def test_data_page_offers_the_template_and_the_uploads():
    at = run("app_pages/6_Gegevens.py")
    assert_clean(at)
    assert [b.proto.label for b in at.get("download_button")] == ["Sjabloon (CSV)", "Sjabloon (Excel)"]
    assert len(at.get("file_uploader")) == 2
    assert at.button(key="up_apply").disabled, "nothing to apply before a file is chosen"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_when_own_figures_are_in_use(page):
    at = run(page, own_figures())
    assert not at.exception
    assert any("Eigen gegevens" in i.value and "proef.csv" in i.value for i in at.info)
    plain = run(page)
    assert not any("Eigen gegevens" in i.value for i in plain.info)


def test_own_figures_change_the_numbers_and_the_way_back_restores_them():
    builtin = table(run("app.py"))
    at = run("app.py", own_figures())
    assert_clean(at)
    own = table(at)
    assert own.loc["West", "Inwoners"] != builtin.loc["West", "Inwoners"], "Stadshagen lies in West"
    assert metrics(at)["Totaal opbouwwerk"] == "8,0 fte"
    at.button(key="own_data_off").click().run()
    assert_clean(at)
    assert table(at).equals(builtin)
    assert not any("Eigen gegevens" in i.value for i in at.info)


def moved(wijk: str, to: str, shapes: dict | None = None) -> OwnData:
    """The built-in table with one wijk assigned to another stadsdeel."""
    wijken = read_wijken().copy()
    wijken.loc[wijken.index[wijken["name"] == wijk][0], "stadsdeel"] = to
    return OwnData(wijken=wijken, shapes=shapes, label="indeling.csv")


@pytest.mark.parametrize("own_polygons", [False, True], ids=["built-in polygons", "own polygons"])
def test_the_stadsdeel_map_of_own_figures_follows_their_stadsdelen(own_polygons):
    # Berkum moved from Noord to Oost: the map is drawn (not a note that the borders do not fit) and
    # Oost's area on it now covers Berkum's polygons too.
    from opbouw import load_shapes

    wijk_shapes = load_shapes("wijk")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["own_data"] = moved("Berkum", "Oost", wijk_shapes if own_polygons else None)
    at.query_params["level"] = "stadsdeel"
    at.run()
    assert_clean(at)
    assert not [i.value for i in at.info if "kaart" in i.value.lower()], "no note instead of a map"
    (deck,) = at.get("deck_gl_json_chart")
    rows = next(layer for layer in json.loads(deck.proto.json)["layers"] if layer["id"] == "areas")["data"]
    rings = {row["code"]: [] for row in rows}
    for row in rows:
        rings[row["code"]].append(row["polygon"])
    berkum = next(f["properties"] for f in wijk_shapes["features"] if f["properties"]["name"] == "Berkum")
    inside = [berkum["label_lon"], berkum["label_lat"]]  # a point inside Berkum
    assert any(_inside(inside, ring) for ring in rings["Oost"])
    assert not any(_inside(inside, ring) for ring in rings["Noord"])

    def oost(shown):  # 'Oost*' where an assumed wijk is in it
        return shown.loc[[label for label in shown.index if label.rstrip("*") == "Oost"], "Inwoners"].item()

    assert oost(table(at)) != oost(table(run("app.py")))


def _inside(point: list[float], ring: list[list[float]]) -> bool:
    from shapely.geometry import Point, Polygon

    return Polygon(ring).contains(Point(point))


def _cited_files() -> None:
    import streamlit as st

    from ui import data

    st.write(", ".join(data.sources_in_use().files["bestand"]))


def test_while_own_figures_are_in_use_the_exports_cite_the_upload():
    # The explorer's Excel and PDF take their sources from data.sources_in_use().
    builtin = AppTest.from_function(_cited_files, default_timeout=60).run()
    assert builtin.markdown[0].value.startswith("wijken.csv")
    at = AppTest.from_function(_cited_files, default_timeout=60)
    at.session_state["own_data"] = own_figures()
    at.run()
    assert not at.exception
    assert at.markdown[0].value.split(", ") == ["proef.csv", "wijken.geojson", "stadsdelen.geojson"]


def test_the_method_page_says_its_sources_are_not_those_of_own_figures():
    at = run("app_pages/5_Methode_en_bronnen.py", own_figures())
    assert not at.exception
    assert any("eigen gegevens (proef.csv)" in i.value and "niet uit de bronnen" in i.value for i in at.info)
