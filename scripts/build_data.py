"""Build the project's data files from the extracted Zwolle sources.

Reads ``../shared/data-sources`` (or the folder given with ``--sources``) and
writes, into ``data/`` (or ``--out``):

- ``wijken.csv``: one row per CBS wijk with exactly the columns the app uses;
- ``wijken.geojson`` and ``stadsdelen.geojson``: re-simplified, rounded
  polygons, the stadsdelen dissolved from the wijken;

``data/SOURCES.md`` is written by hand and names the source of every file and
column; ``tests/test_data.py`` checks that it covers everything written here.

The polygon work (shapely) is in ``opbouw/geometry.py``, shared with the app. Run from the
project root::

    python scripts/build_data.py
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from opbouw.geometry import SIMPLIFY_DEG, feature, stadsdeel_features  # noqa: E402

DEFAULT_SOURCES = ROOT.parent / "shared" / "data-sources"

# The three wijken the mapping file marks ONBEKEND, each put where the mapping file's own evidence
# points (issue 16); still marked 'aanname', with that evidence.
STADSDEEL_ASSUMPTIONS = {
    "WK019332": (
        "Noord",
        "aanname: de buurt Haerst valt onder wijkservicepunt Noord (zwolle.nl/holtenbroek); "
        "voor Brinkhoek en Langenholte is geen bron gevonden",
    ),
    "WK019340": (
        "Noord",
        "aanname: de buurten Tolhuislanden en Hessenpoort vallen onder wijkservicepunt Noord "
        "(zwolle.nl/holtenbroek); voor de kern Berkum en Veldhoek is geen bron gevonden",
    ),
    "WK019341": (
        "Midden",
        "aanname: zwolle.nl rekent bedrijventerrein Marslanden tot Midden (zwolle.nl/wijkopgavenzwollemidden); "
        "voor Wijthmen en Herfte is geen bron gevonden",
    ),
}
# How close two wijk polygons must come to count as neighbours, in degrees (about 30 m): the
# alternative stadsdeel of an assumption is the one across its longest border (alternatives()).
NEIGHBOUR_DEG = 0.0003

# Buurt-voor-Buurt 2014 columns taken to wijk level, with their new names.
BVB_COLUMNS = {
    "b_wrleef": "bvb_liveability",
    "b_scoh": "bvb_social_cohesion",
    "b_wsover": "bvb_social_nuisance",
    "b_wverl": "bvb_dilapidation",
}

# The municipality's own indices and its % bijstand (zwolle_indices2014_buurt.csv), with their new names:
# the themes that measure need for opbouwwerk (opbouw/indicators.py says why each one).
INDEX_COLUMNS = {
    "abptot": "welfare_pct",
    "ind_si_c1": "si_work",
    "ind_si_b1": "si_living",
    "ind_vi_c4": "vi_nuisance",
    "ind_vi_d4": "vi_nuisance_felt",
    "ind_si_b4": "si_safety",
    "ind_si_c2": "si_contacts",
    "ind_si_d2": "si_involvement",
}
# A buurt counts for the c. 2014 figures only where the municipality published its Sociale Index
# (this column): it left the index out for business parks and buurten with too few residents or
# answers, and their survey scores are as unreliable (issue 16).
RELIABLE_MARK = "ind_si_a1"

# KWB 2022 columns used as need indicators, with their new names.
KWB2022_COLUMNS = {
    "gem_inkomen_per_inwoner_x1000eur": "income_per_inhabitant_keur",
    "netto_arbeidsparticipatie_pct": "labour_participation_pct",
    "pct_huurwoningen": "rented_homes_pct",
}

WIJK_COLUMNS = [
    "code",
    "name",
    "stadsdeel",
    "stadsdeel_status",
    "stadsdeel_source",
    "population_2022",
    "population_2024",
    "households_2024",
    *KWB2022_COLUMNS.values(),
    *BVB_COLUMNS.values(),
    "bvb_buurten_used",
    "stadsdeel_alternative",
    *INDEX_COLUMNS.values(),
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def strip_wijk_prefix(name: str) -> str:
    """'Wijk 10 Binnenstad' -> 'Binnenstad'."""
    parts = name.split(" ", 2)
    if len(parts) == 3 and parts[0] == "Wijk" and parts[1].isdigit():
        return parts[2]
    return name


def without_file_paths(text: str) -> str:
    """A source as the council reads it: the document named, not the path of the compiler's copy of it
    ("informatienota ... 28-5-2018 (../seeds/000_….txt): ..." loses the part in brackets)."""
    return re.sub(r"\s*\((?:\.\./)+[^()]*\)", "", text)


def normalise_status(raw: str) -> str:
    """Map the mapping file's free-text status onto bevestigd / waarschijnlijk."""
    raw = raw.strip().lower()
    if raw.startswith("bevestigd"):
        return "bevestigd"
    # 'waarschijnlijk ...' and 'volgens informatienota 2018; verder niet bevestigd'
    return "waarschijnlijk"


def optional_number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def reliable_buurten(index_rows: list[dict[str, str]]) -> set[str]:
    """The buurten (CBS 2015 codes) whose c. 2014 figures count: those the municipality published its
    Sociale Index for (:data:`RELIABLE_MARK`)."""
    return {row["buurtcode_cbs_afgeleid"] for row in index_rows if row[RELIABLE_MARK].strip()}


def per_wijk(rows: list[dict[str, str]], columns: dict[str, str], reliable: set[str]) -> dict[str, dict[str, object]]:
    """Per wijk and column, the unweighted mean over its reliable buurten that have a value.

    The sources give no population per buurt, so every counted buurt weighs the same (stated in
    data/SOURCES.md); buurten outside ``reliable`` are left out. Also returns, per wijk, how many
    buurten were counted (``buurten``)."""
    sums: dict[str, dict[str, list[float]]] = {}
    counted: dict[str, set[str]] = {}
    for row in rows:
        if row["buurtcode_cbs_afgeleid"] not in reliable:
            continue
        bucket = sums.setdefault(row["wijkcode"], {new: [] for new in columns.values()})
        for old, new in columns.items():
            value = optional_number(row[old])
            if value is not None:
                bucket[new].append(value)
                counted.setdefault(row["wijkcode"], set()).add(row["buurtcode_cbs_afgeleid"])
    result: dict[str, dict[str, object]] = {}
    for code, bucket in sums.items():
        result[code] = {col: (round(sum(v) / len(v), 2) if v else None) for col, v in bucket.items()}
        result[code]["buurten"] = len(counted.get(code, ()))
    return result


def build_table(src: Path) -> list[dict[str, object]]:
    mapping = {r["wijkcode"]: r for r in read_csv(src / "zwolle_stadsdeel_wijk_mapping.csv")}
    kwb22 = {r["wijkcode"]: r for r in read_csv(src / "zwolle_wijken_kwb_2022.csv")}
    kwb24 = {r["wijkcode"]: r for r in read_csv(src / "zwolle_wijken_kwb_2024.csv")}
    index_rows = read_csv(src / "zwolle_indices2014_buurt.csv")
    reliable = reliable_buurten(index_rows)
    bvb = per_wijk(read_csv(src / "zwolle_bvb2014_buurt_indicatoren.csv"), BVB_COLUMNS, reliable)
    indices = per_wijk(index_rows, INDEX_COLUMNS, reliable)

    codes = sorted(kwb24)
    if sorted(kwb22) != codes or sorted(mapping) != codes:
        raise SystemExit("De bronbestanden noemen niet dezelfde wijkcodes.")

    table = []
    for code in codes:
        m, r22, r24 = mapping[code], kwb22[code], kwb24[code]
        if m["stadsdeel"] == "ONBEKEND":
            stadsdeel, source = STADSDEEL_ASSUMPTIONS[code]
            status = "aanname"
        else:
            stadsdeel, status = m["stadsdeel"], normalise_status(m["status"])
            source = without_file_paths(m["bron_en_toelichting"])
        row: dict[str, object] = {
            "code": code,
            "name": strip_wijk_prefix(r24["wijknaam"]),
            "stadsdeel": stadsdeel,
            "stadsdeel_status": status,
            "stadsdeel_source": source,
            "population_2022": int(r22["inwoners"]),
            "population_2024": int(r24["inwoners"]),
            "households_2024": int(r24["huishoudens"]),
        }
        for old, new in KWB2022_COLUMNS.items():
            row[new] = optional_number(r22[old])
        survey = bvb.get(code, {})
        row.update({col: survey.get(col) for col in BVB_COLUMNS.values()})
        row["bvb_buurten_used"] = survey.get("buurten")
        own = indices.get(code, {})
        row.update({col: own.get(col) for col in INDEX_COLUMNS.values()})
        table.append(row)
    return table


def wijk_geometries(src: Path) -> dict:
    raw = json.loads((src / "zwolle_wijken_2024.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["wijkcode"]: shape(f["geometry"]).simplify(SIMPLIFY_DEG) for f in raw["features"]}


def alternatives(geoms: dict, table: list[dict[str, object]]) -> None:
    """For each wijk whose stadsdeel is an assumption, the other stadsdeel it could belong to: the one
    across its longest border with wijken whose stadsdeel is not an assumption (the app shows what
    choosing it would move). Fills ``stadsdeel_alternative``; empty for the other wijken."""
    known = {row["code"]: row["stadsdeel"] for row in table if row["stadsdeel_status"] != "aanname"}
    for row in table:
        row["stadsdeel_alternative"] = None
        if row["stadsdeel_status"] != "aanname":
            continue
        own = geoms[row["code"]].buffer(NEIGHBOUR_DEG)
        border: dict[str, float] = {}
        for code, stadsdeel in known.items():
            if stadsdeel != row["stadsdeel"]:
                border[stadsdeel] = (
                    border.get(stadsdeel, 0.0) + own.intersection(geoms[code].buffer(NEIGHBOUR_DEG)).area
                )
        if border and max(border.values()) > 0:
            row["stadsdeel_alternative"] = max(border, key=border.get)


def build_geometry(geoms: dict, table: list[dict[str, object]]):
    wijk_features = [
        feature(geoms[row["code"]], {"code": row["code"], "name": row["name"], "stadsdeel": row["stadsdeel"]})
        for row in table
    ]
    stadsdelen = stadsdeel_features(geoms, ((row["code"], row["name"], row["stadsdeel"]) for row in table))
    return wijk_features, stadsdelen


def write_geojson(path: Path, features: list[dict[str, object]], note: str) -> None:
    collection = {"type": "FeatureCollection", "note": note, "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_csv(path: Path, table: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=WIJK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow({k: ("" if row[k] is None else row[k]) for k in WIJK_COLUMNS})


def build(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    table = build_table(src)
    geoms = wijk_geometries(src)
    alternatives(geoms, table)
    write_csv(out / "wijken.csv", table)
    wijken, stadsdelen = build_geometry(geoms, table)
    write_geojson(out / "wijken.geojson", wijken, "Bron: CBS Wijken en Buurten 2024 (PDOK), CC BY 4.0; zie SOURCES.md")
    write_geojson(
        out / "stadsdelen.geojson",
        stadsdelen,
        "Samengevoegd uit de CBS-wijken 2024 (Bron: CBS, CC BY 4.0) volgens wijken.csv; zie SOURCES.md",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    build(args.sources, args.out)
    print(f"Geschreven naar {args.out}")


if __name__ == "__main__":
    main()
