"""Own data: the template, every kind of bad file, and a fuzz test of the upload path."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from opbouw import Scenario, allocate
from opbouw.data import areas_from_wijken, load_shapes, read_wijken
from opbouw.upload import (
    COLUMNS,
    MAX_UPLOAD_BYTES,
    OwnData,
    apply_upload,
    template_csv,
    template_xlsx,
    with_stadsdelen,
)

BUILTIN = read_wijken()
SHAPES = load_shapes("wijk")
KNOWN = {f["properties"]["code"] for f in SHAPES["features"]}
CSV = template_csv(BUILTIN)
# Whatever was in use before an upload: it must come back unchanged from every failed upload.
IN_USE = OwnData(wijken=BUILTIN.copy(), shapes=None, label="eerder.csv")


def upload(name: str, content: bytes, geojson: tuple[str, bytes] | None = None):
    return apply_upload(IN_USE, (name, content), geojson, KNOWN)


def csv_text() -> str:
    return CSV.decode("utf-8-sig")


def test_the_template_comes_back_exactly_as_csv_and_as_excel():
    for name, content in (("wijken.csv", CSV), ("wijken.xlsx", template_xlsx(BUILTIN))):
        data, problems, _ = upload(name, content)
        assert problems == []
        pd.testing.assert_frame_equal(data.wijken, BUILTIN)
    assert CSV.startswith("\ufeff".encode()) and b";" in CSV.splitlines()[0]
    # The headings are Dutch (issue 18), in both files.
    sheet = load_workbook(io.BytesIO(template_xlsx(BUILTIN)))["wijken"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:3] == ["wijkcode", "wijk", "stadsdeel"] and "inwoners_2024" in headings
    assert CSV.decode("utf-8-sig").splitlines()[0].split(";") == headings
    assert not {"code", "name", "population_2024"} & set(headings)


def test_a_file_with_the_old_english_headings_is_still_read():
    english = BUILTIN.reset_index()[COLUMNS]
    content = ("\ufeff" + english.to_csv(sep=";", decimal=",", index=False)).encode()
    data, problems, _ = upload("oud.csv", content)
    assert problems == []
    pd.testing.assert_frame_equal(data.wijken, BUILTIN)


def test_an_english_csv_and_a_windows_1252_csv_read_as_well():
    english = BUILTIN.reset_index()[COLUMNS].to_csv(index=False).encode("utf-8")
    data, problems, _ = upload("english.csv", english)
    assert problems == [] and data.wijken["income_per_inhabitant_keur"].equals(BUILTIN["income_per_inhabitant_keur"])
    data, problems, notes = upload("windows.csv", csv_text().replace("Holtenbroek", "Holtenbroëk").encode("cp1252"))
    assert problems == [] and any("Windows-1252" in n for n in notes)
    assert "Holtenbroëk" in set(data.wijken["name"])


def test_new_figures_change_the_allocation():
    # Double Holtenbroek's rented homes (a what-if a staff member might test): its need index rises.
    text = csv_text().replace("Holtenbroek;Noord;bevestigd", "Holtenbroek;Noord;bevestigd", 1)
    frame = pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype={"code": str})
    frame.loc[frame["wijk"] == "Holtenbroek", "huurwoningen_pct"] = 95
    data, problems, _ = upload("nieuw.csv", frame.to_csv(sep=";", decimal=",", index=False).encode())
    assert problems == []
    before = allocate(areas_from_wijken(BUILTIN, "wijk", 2024), Scenario()).table
    after = allocate(areas_from_wijken(data.wijken, "wijk", 2024), Scenario()).table
    code = BUILTIN.index[BUILTIN["name"] == "Holtenbroek"][0]
    assert after.loc[code, "need_index"] > before.loc[code, "need_index"]


def test_a_file_from_the_template_before_the_municipal_indices_still_loads():
    # Own figures made from the template before issue 16 have no bijstand or index columns: they load,
    # and those indicators are unknown (said in 'Let op'), not zero.
    new = ["welfare_pct", "si_work", "si_living", "vi_nuisance", "vi_nuisance_felt", "si_safety", "si_contacts"]
    new.append("si_involvement")
    old = BUILTIN.reset_index()[[c for c in COLUMNS if c not in new]]
    data, problems, _ = upload("oud.csv", old.to_csv(sep=";", decimal=",", index=False).encode())
    assert problems == []
    result = allocate(areas_from_wijken(data.wijken, "wijk", 2024), Scenario())
    assert any("'bijstand (% tot de aow-leeftijd)' niet bekend" in w for w in result.warnings), result.warnings
    assert result.table["fte"].sum() == pytest.approx(8.0)


def replaced(old: str, new: str) -> bytes:
    text = csv_text()
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


HOLTENBROEK = next(line for line in csv_text().splitlines() if ";Holtenbroek;" in line)
ROW = csv_text().splitlines().index(HOLTENBROEK) + 1  # the CSV row number a spreadsheet shows


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("leeg.csv", b"", "leeg.csv is leeg"),
        ("leeg.csv", b"\n\n", "leeg.csv is leeg"),
        ("groot.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "te groot"),
        ("plaatje.png", b"\x89PNG....", "gebruik een CSV-bestand"),
        ("binair.csv", b"code;name\x00\x01\x02", "geen tekstbestand"),
        ("kapot.xlsx", b"PK\x03\x04 niet echt", "geen leesbaar Excel-bestand"),
        ("kolom.csv", replaced("inwoners_2024", "inwoners"), "kolom 'inwoners_2024' ontbreekt"),
        (
            "tekst.csv",
            replaced(HOLTENBROEK.split(";")[5], "veel"),
            f"rij {ROW}, kolom 'inwoners_2022': 'veel' is geen getal",
        ),
        ("negatief.csv", replaced(HOLTENBROEK.split(";")[6], "-10"), f"rij {ROW}, kolom 'inwoners_2024'"),
        ("nul.csv", replaced(HOLTENBROEK.split(";")[6], "0"), "heeft geen inwoners"),
        ("dubbel.csv", replaced("WK019311", "WK019310"), "komt meer dan eens voor"),
        ("onbekend.csv", replaced("WK019311", "WK019399"), "onbekende wijkcode 'WK019399'"),
        ("status.csv", replaced(";bevestigd;", ";misschien;"), "kolom 'indeling_status'"),
    ],
)
def test_every_problem_is_named_in_dutch_and_nothing_is_replaced(name, content, expected):
    data, problems, _ = upload(name, content)
    assert data is IN_USE
    assert any(expected in p for p in problems), problems


def geojson(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def test_polygons_must_match_the_areas_both_ways():
    features = [f for f in SHAPES["features"] if f["properties"]["code"] != "WK019311"]
    extra = json.loads(json.dumps(features[0]))
    extra["properties"]["code"] = "WK019399"
    data, problems, _ = upload("wijken.csv", CSV, ("vlakken.geojson", geojson([*features, extra])))
    assert data is IN_USE
    assert any("Diezerpoort (WK019311) heeft geen vlak" in p for p in problems)
    assert any("vlak met code 'WK019399' hoort bij geen wijk" in p for p in problems)
    data, problems, _ = upload("wijken.csv", CSV, ("vlakken.geojson", b"{niet json"))
    assert data is IN_USE and "geen geldige GeoJSON" in problems[0]


def test_own_polygons_allow_new_area_codes():
    features = json.loads(json.dumps(SHAPES["features"]))
    features[1]["properties"] = {"code": "WK019399"}  # no label point: the upload adds one
    data, problems, _ = upload("wijken.csv", replaced("WK019311", "WK019399"), ("vlakken.geojson", geojson(features)))
    assert problems == [] and "WK019399" in data.wijken.index
    [new] = [f for f in data.shapes["features"] if f["properties"]["code"] == "WK019399"]
    assert 6.0 < new["properties"]["label_lon"] < 6.3 and 52.4 < new["properties"]["label_lat"] < 52.6


def test_a_corrected_stadsdeel_moves_a_wijk_and_its_inhabitants():
    berkum = BUILTIN.index[BUILTIN["name"] == "Berkum"][0]
    data, problems = with_stadsdelen(None, BUILTIN, {berkum: "Oost"})
    assert problems == []
    assert data.wijken.loc[berkum, "stadsdeel_status"] == "bevestigd"
    before = areas_from_wijken(BUILTIN, "stadsdeel", 2024)
    after = areas_from_wijken(data.wijken, "stadsdeel", 2024)
    moved = int(BUILTIN.loc[berkum, "population_2024"])
    assert after.loc["Oost", "population"] == before.loc["Oost", "population"] + moved
    assert after.loc["Noord", "population"] == before.loc["Noord", "population"] - moved
    same, problems = with_stadsdelen(IN_USE, BUILTIN, {berkum: "  "})
    assert same is IN_USE and "het stadsdeel is leeg" in problems[0]


# --- Fuzz: malformed files through the path the upload uses ------------------------------------

LINES = csv_text().splitlines()


@st.composite
def malformed_csv(draw) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cell", "drop_line", "dup_line", "truncate", "sep", "column", "junk"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            break
        if kind == "cell":
            cells = lines[i].split(";")
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(st.text(max_size=12))
            lines[i] = ";".join(cells)
        elif kind == "drop_line":
            lines.pop(i)
        elif kind == "dup_line":
            lines.insert(i, lines[i])
        elif kind == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif kind == "sep":
            lines[i] = lines[i].replace(";", draw(st.sampled_from([",", "\t", "|", ";;"])))
        elif kind == "column":
            lines = [";".join(line.split(";")[:-1]) for line in lines]
        else:
            lines.insert(i, draw(st.text(max_size=40)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return "\n".join(lines).encode(encoding, errors="replace")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["wijken.csv", "wijken.txt", "wijken.xlsx", "wijken.json"]),
    content=st.one_of(malformed_csv(), st.binary(max_size=2000)),
    with_geojson=st.booleans(),
    geo=st.one_of(st.binary(max_size=300), st.just(geojson(SHAPES["features"][:3]))),
)
def test_fuzz_no_malformed_file_crashes_or_replaces_the_data_in_use(name, content, with_geojson, geo):
    before = IN_USE.wijken.copy()
    data, problems, notes = apply_upload(
        IN_USE, (name, content), ("vlakken.geojson", geo) if with_geojson else None, KNOWN
    )
    assert all(isinstance(p, str) and p for p in problems + notes)
    if problems:
        assert data is IN_USE
    else:
        assert isinstance(data, OwnData) and data is not IN_USE
        for level in ("wijk", "stadsdeel"):
            allocate(areas_from_wijken(data.wijken, level, 2024), Scenario())
    pd.testing.assert_frame_equal(IN_USE.wijken, before)


def test_what_an_upload_changes_is_listed_and_a_jump_in_inhabitants_is_doubted():
    from opbouw.upload import changes

    assert changes(BUILTIN, BUILTIN).none, "the template as it came: no change"
    typo = BUILTIN.copy()
    wipstrik = typo.index[typo["name"] == "Wipstrik"][0]
    typo.loc[wipstrik, "population_2024"] = 16380
    typo.loc[wipstrik, "rented_homes_pct"] = 50.0
    found = changes(BUILTIN, typo)
    assert found.lines == (
        "Wipstrik: inwoners 2024 van 6.380 naar 16.380",
        "Wipstrik: huurwoningen pct van 46 naar 50",
    )
    assert found.doubts == (
        "Wipstrik: 16.380 inwoners in 2024, 157 % meer dan de ingebouwde 6.380. Klopt dat, of is het een tikfout?",
    )
    # A small, plausible change is listed but not doubted; a wijk left out is named.
    grown = BUILTIN.copy()
    grown.loc[wipstrik, "population_2024"] = 6500
    assert changes(BUILTIN, grown).doubts == ()
    fewer = changes(BUILTIN, BUILTIN.drop(index=wipstrik))
    assert fewer.lines == (f"Wipstrik ({wipstrik}): staat niet in het bestand",)


def test_an_upload_of_the_figures_in_use_changes_nothing():
    from opbouw.upload import OwnData, changes_nothing

    same = OwnData(wijken=BUILTIN.copy(), shapes=None, label="sjabloon.csv")
    assert changes_nothing(same, None, BUILTIN), "the template as it came: stay on the built-in figures"
    with_polygons = OwnData(wijken=BUILTIN.copy(), shapes=load_shapes("wijk"), label="sjabloon.csv en vlakken.geojson")
    assert not changes_nothing(with_polygons, None, BUILTIN), "own polygons are a change"
    assert changes_nothing(with_polygons, with_polygons, BUILTIN), "the same upload again"
    typo = BUILTIN.copy()
    typo.iloc[0, typo.columns.get_loc("population_2024")] += 1
    assert not changes_nothing(OwnData(wijken=typo, shapes=None, label="x.csv"), None, BUILTIN)
