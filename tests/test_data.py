"""The data files: derived by the script, fully sourced, validated on load."""

from __future__ import annotations

import csv
import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from opbouw import DataError, load_areas, load_shapes
from opbouw.indicators import INDICATORS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "data-sources"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/data-sources is not beside the project")
def test_build_script_reproduces_data_exactly(tmp_path):
    """data/ is derived by scripts/build_data.py, never edited by hand."""
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_data.py"), "--out", str(tmp_path)], check=True, cwd=ROOT
    )
    for name in ("wijken.csv", "wijken.geojson", "stadsdelen.geojson"):
        assert filecmp.cmp(tmp_path / name, DATA / name, shallow=False), f"{name} differs from a fresh build"


def test_every_data_file_and_column_has_a_source_entry():
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in DATA.iterdir():
        if path.name != "SOURCES.md":
            assert f"`{path.name}`" in sources, f"{path.name} has no entry in data/SOURCES.md"
    with (DATA / "wijken.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    for column in header:
        assert re.search(rf"^\| `{column}` \|", sources, re.M), f"column {column} has no row in data/SOURCES.md"


def test_sixteen_wijken_five_stadsdelen_and_the_cbs_totals():
    wijken = load_areas("wijk", 2024)
    assert len(wijken) == 16
    assert wijken["population"].sum() == 133_135
    assert load_areas("wijk", 2022)["population"].sum() == 130_665
    stadsdelen = load_areas("stadsdeel", 2022)
    assert sorted(stadsdelen.index) == ["Midden", "Noord", "Oost", "West", "Zuid"]
    assert stadsdelen["population"].sum() == 130_665


def test_the_three_unknown_wijken_are_explicit_assumptions():
    wijken = load_areas("wijk", 2024)
    assumed = wijken[wijken["status"] == "aanname"]
    assert dict(zip(assumed["name"], assumed["stadsdeel"])) == {
        "Vechtlanden": "Noord",
        "Berkum": "Noord",
        "Marsweteringlanden": "Midden",
    }
    stadsdelen = load_areas("stadsdeel", 2024)
    assert stadsdelen.loc["Noord", "assumed_wijken"] == "Vechtlanden, Berkum"
    assert stadsdelen.loc["Oost", "assumed_wijken"] == ""
    assert stadsdelen.loc["Midden", "status"] == "aanname"


def test_each_assumption_has_a_neighbouring_alternative_and_the_app_says_what_it_moves():
    from shapely.geometry import shape

    from opbouw import Scenario
    from opbouw.assumptions import effects
    from opbouw.data import read_wijken

    wijken = read_wijken()
    alternatives = wijken.loc[wijken["stadsdeel_status"] == "aanname", "stadsdeel_alternative"].to_dict()
    assert alternatives == {"WK019332": "West", "WK019340": "Oost", "WK019341": "Zuid"}
    shapes = {f["properties"]["code"]: shape(f["geometry"]) for f in load_shapes("wijk")["features"]}
    for code, alternative in alternatives.items():
        neighbours = [
            c for c in wijken.index[wijken["stadsdeel"] == alternative] if shapes[code].distance(shapes[c]) < 1e-3
        ]
        assert neighbours, f"{code} borders no wijk of {alternative}"
    said = effects(wijken, Scenario(total_fte=8.0), 2024)
    # Berkum's 0,3 fte (exact 0,302 at 8 fte) would move from Noord to Oost.
    assert "Als Berkum bij Oost hoort: Noord −0,3 fte, Oost +0,3 fte." in said
    # Only the two stadsdelen involved: moving Marsweteringlanden (exact 0,068) says nothing about Noord.
    assert "Als Marsweteringlanden bij Zuid hoort: Midden −0,1 fte, Zuid +0,1 fte." in said


def test_stadsdeel_indicators_are_population_weighted_over_wijken_with_a_value():
    wijken = load_areas("wijk", 2024)
    noord = wijken[wijken["stadsdeel"] == "Noord"]
    has_income = noord["income"].notna()  # Vechtlanden has no income figure
    expected = (noord["income"][has_income] * noord["population"][has_income]).sum() / noord["population"][
        has_income
    ].sum()
    assert load_areas("stadsdeel", 2024).loc["Noord", "income"] == pytest.approx(expected)
    assert not has_income.all()


def test_income_is_missing_exactly_where_cbs_suppresses_it():
    wijken = load_areas("wijk", 2022)
    assert set(wijken.loc[wijken["income"].isna(), "name"]) == {
        "Poort van Zwolle",
        "Vechtlanden",
        "Marsweteringlanden",
        "Soestweteringlanden",
    }
    for key, ind in INDICATORS.items():
        if key != "income":
            assert wijken[key].notna().all(), f"{ind.label} should be known for every wijk"


def test_shapes_cover_exactly_the_areas():
    for level in ("wijk", "stadsdeel"):
        codes = {f["properties"]["code"] for f in load_shapes(level)["features"]}
        assert codes == set(load_areas(level, 2024).index)


def copy_data(tmp_path: Path) -> Path:
    for path in DATA.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_missing_table_gives_a_dutch_message(tmp_path):
    with pytest.raises(DataError, match="ontbreekt"):
        load_areas("wijk", 2024, data_dir=tmp_path)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda text: text.replace(",4225,", ",veel,"), "geen getal"),
        (lambda text: text.replace("bevestigd", "misschien", 1), "stadsdeel_status"),
        (lambda text: text.replace("WK019311", "WK019310"), "meer dan eens"),
        (lambda text: text.replace("population_2024", "inwoners_2024"), "population_2024"),
        (lambda text: text.replace(",4225,", ",-5,"), "population_2024"),
        (lambda text: "", "onleesbaar"),
    ],
)
def test_broken_table_gives_a_dutch_message_with_the_place(tmp_path, change, fragment):
    data_dir = copy_data(tmp_path)
    path = data_dir / "wijken.csv"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=fragment):
        load_areas("wijk", 2024, data_dir=data_dir)


def test_broken_shapes_give_a_dutch_message(tmp_path):
    data_dir = copy_data(tmp_path)
    (data_dir / "wijken.geojson").write_text("{niet json", encoding="utf-8")
    with pytest.raises(DataError, match="geen geldige GeoJSON"):
        load_shapes("wijk", data_dir)
    (data_dir / "stadsdelen.geojson").unlink()
    with pytest.raises(DataError, match="ontbreekt"):
        load_shapes("stadsdeel", data_dir)


def test_geometry_is_rounded_to_about_a_metre():
    collection = json.loads((DATA / "wijken.geojson").read_text(encoding="utf-8"))
    text = json.dumps(collection["features"][0]["geometry"]["coordinates"])
    assert not re.search(r"\d\.\d{6,}", text)
