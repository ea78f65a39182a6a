"""Load and validate the area table and the area shapes from ``data/``.

Everything that can go wrong with a data file becomes a :class:`DataError` whose
message is Dutch and can be shown to the user as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .indicators import INDICATORS
from .text import echo

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
YEARS = (2022, 2024)
LEVELS = ("stadsdeel", "wijk")
STATUSES = ("bevestigd", "waarschijnlijk", "aanname")
NAME_MAX_CHARS = 60  # the longest Zwolle wijk, Kamperpoort-Veerallee, has 21
STADSDEEL_MAX_CHARS = 40
SOURCE_MAX_CHARS = 500  # where the stadsdeel of a wijk comes from: a quotation with its page
MAX_POPULATION = 1_000_000  # per wijk; no Dutch wijk comes near it


class DataError(Exception):
    """A data file is missing or wrong; the message is Dutch, for the user."""


def _optional(
    column: str, lo: float, hi: float, *, strictly_positive: bool = False, required: bool = True
) -> pa.Column:
    checks = [pa.Check.in_range(lo, hi, include_min=not strictly_positive)]
    return pa.Column(float, checks=checks, nullable=True, coerce=True, title=column, required=required)


# The municipality's indices (100 = Zwolle average) came with issue 16: a table without them (an own
# upload made from an older template) still loads, and those indicators are then unknown.
MAX_INDEX_VALUE = 1000
INDEX_COLUMNS = (
    "si_work",
    "si_living",
    "vi_nuisance",
    "vi_nuisance_felt",
    "si_safety",
    "si_contacts",
    "si_involvement",
)


WIJKEN_SCHEMA = pa.DataFrameSchema(
    {
        "code": pa.Column(str, pa.Check.str_matches(r"^WK\d{6}$"), unique=True),
        "name": pa.Column(str, pa.Check.str_length(1, NAME_MAX_CHARS)),
        "stadsdeel": pa.Column(str, pa.Check.str_length(1, STADSDEEL_MAX_CHARS)),
        "stadsdeel_status": pa.Column(str, pa.Check.isin(STATUSES)),
        "stadsdeel_source": pa.Column(str, pa.Check.str_length(0, SOURCE_MAX_CHARS), nullable=True),
        "population_2022": pa.Column(int, pa.Check.in_range(0, MAX_POPULATION), coerce=True),
        "population_2024": pa.Column(int, pa.Check.in_range(0, MAX_POPULATION), coerce=True),
        "households_2024": pa.Column(float, pa.Check.in_range(0, MAX_POPULATION), nullable=True, coerce=True),
        "income_per_inhabitant_keur": _optional("income", 0, 1000, strictly_positive=True),
        "labour_participation_pct": _optional("labour", 0, 100, strictly_positive=True),
        "rented_homes_pct": _optional("rented", 0, 100),
        "bvb_liveability": _optional("liveability", 0, 10, strictly_positive=True),
        "bvb_social_cohesion": _optional("cohesion", 0, 10, strictly_positive=True),
        "bvb_social_nuisance": _optional("nuisance", 0, 10),
        "bvb_dilapidation": _optional("dilapidation", 0, 10),
        "bvb_buurten_used": pa.Column(float, pa.Check.in_range(0, 1000), nullable=True, coerce=True),
        # The other stadsdeel an assumed wijk could belong to (scripts/build_data.py); own figures may leave it out.
        "stadsdeel_alternative": pa.Column(
            str, pa.Check.str_length(1, STADSDEEL_MAX_CHARS), nullable=True, required=False
        ),
        "welfare_pct": _optional("welfare", 0, 100, required=False),
        **{c: _optional(c, 0, MAX_INDEX_VALUE, required=False) for c in INDEX_COLUMNS},
    },
    strict=False,
)


def _dutch_problems(err: SchemaErrors, frame: pd.DataFrame, heading: Callable[[str], str]) -> list[str]:
    """One Dutch line per failing cell, with the CSV row number (header = row 1) and the column's
    ``heading``."""
    lines = []
    cases = err.failure_cases
    for _, case in cases.iterrows():
        column = heading(case.get("column"))
        check = str(case.get("check"))
        index = case.get("index")
        row = f"rij {int(index) + 2}, " if index is not None and not pd.isna(index) else ""
        value = echo(case.get("failure_case"))
        if str(value).startswith(("TypeError(", "ValueError(")):
            continue  # a check that could not run on a cell already reported as not a number
        if check == "column_in_dataframe":
            lines.append(f"kolom '{heading(value)}' ontbreekt")
        elif "unique" in check or "duplicates" in check:
            lines.append(f"{row}kolom '{column}': waarde '{value}' komt meer dan eens voor")
        elif "coerce" in check or "dtype" in check:
            lines.append(f"{row}kolom '{column}': '{value}' is geen getal")
        elif "not_nullable" in check:
            lines.append(f"{row}kolom '{column}': waarde ontbreekt")
        else:
            lines.append(f"{row}kolom '{column}': waarde '{value}' is niet toegestaan ({check})")
    return list(dict.fromkeys(lines))


def read_wijken(data_dir: Path | None = None) -> pd.DataFrame:
    """The validated wijk table, indexed by CBS wijk code."""
    path = Path(data_dir or DATA_DIR) / "wijken.csv"
    try:
        frame = pd.read_csv(path, dtype={"code": str})
    except FileNotFoundError:
        raise DataError(
            f"Het gegevensbestand {path.name} ontbreekt; de beheerder van de app kan het opnieuw maken."
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(f"Het gegevensbestand {path.name} is onleesbaar ({type(exc).__name__}).") from None
    validated, problems = validate_wijken(frame)
    if problems:
        shown = "; ".join(problems[:8]) + (f" (en nog {len(problems) - 8})" if len(problems) > 8 else "")
        raise DataError(f"Het gegevensbestand {path.name} klopt niet: {shown}.")
    return validated


def validate_wijken(
    frame: pd.DataFrame, heading: Callable[[str], str] = lambda column: column
) -> tuple[pd.DataFrame | None, list[str]]:
    """The wijk table checked against :data:`WIJKEN_SCHEMA`: (table indexed by code, []) or (None, Dutch
    problems that name each column by its ``heading``: an upload's template names them in Dutch)."""
    try:
        frame = WIJKEN_SCHEMA.validate(frame, lazy=True)
    except SchemaErrors as err:
        return None, _dutch_problems(err, frame, heading)
    if frame.empty:
        return None, ["het bestand bevat geen wijken"]
    return frame.set_index("code"), []


def load_areas(level: str = "stadsdeel", year: int = 2024, data_dir: Path | None = None) -> pd.DataFrame:
    """The areas of one level with population of one year and the need indicators.

    Returns a DataFrame indexed by area code (CBS wijk code, or the stadsdeel's
    name) with ``name``, ``population``, ``households_2024``, ``stadsdeel``,
    ``status`` (bevestigd / waarschijnlijk / aanname: how sure the stadsdeel
    assignment is; for a stadsdeel the weakest of its wijken), ``assumed_wijken``
    (the wijken whose stadsdeel is an assumption), ``wijken`` and one column per
    indicator key of :data:`opbouw.indicators.INDICATORS`. Stadsdeel indicator
    values are population-weighted means of their wijken (over the wijken that
    have a value).

    >>> int(load_areas("stadsdeel", 2024)["population"].sum())
    133135
    """
    if level not in LEVELS:
        raise ValueError(f"Onbekend niveau '{level}': kies stadsdeel of wijk.")
    if year not in YEARS:
        raise ValueError(f"Geen inwonertallen voor {year}: kies 2022 of 2024.")
    return areas_from_wijken(read_wijken(data_dir), level, year)


def areas_from_wijken(wijken: pd.DataFrame, level: str, year: int) -> pd.DataFrame:
    """:func:`load_areas` for a validated wijk table (the built-in one, or a user's own upload)."""
    if level not in LEVELS:
        raise ValueError(f"Onbekend niveau '{level}': kies stadsdeel of wijk.")
    if year not in YEARS:
        raise ValueError(f"Geen inwonertallen voor {year}: kies 2022 of 2024.")
    columns = {
        "name": wijken["name"],
        "population": wijken[f"population_{year}"].astype("int64"),
        "households_2024": wijken["households_2024"],
        "stadsdeel": wijken["stadsdeel"],
        "status": wijken["stadsdeel_status"],
        "assumed_wijken": pd.Series(
            np.where(wijken["stadsdeel_status"] == "aanname", wijken["name"], ""), index=wijken.index
        ),
        "wijken": wijken["name"],
    }
    for key, ind in INDICATORS.items():
        columns[key] = (
            wijken[ind.column].astype(float)
            if ind.column in wijken.columns
            else pd.Series(np.nan, index=wijken.index, dtype=float)
        )
    out = pd.DataFrame(columns, index=wijken.index)
    if level == "stadsdeel":
        out = stadsdelen_of(out)
    out.index.name = "code"
    return out


def stadsdelen_of(wijken: pd.DataFrame) -> pd.DataFrame:
    """The stadsdelen of a wijk area table (``areas_from_wijken(..., "wijk", ...)``), sorted by name:
    population and households summed, the weakest status, the assumed and all wijken named, and each
    indicator as the population-weighted mean over the wijken that have it."""
    codes, names = pd.factorize(wijken["stadsdeel"], sort=True)
    n = len(names)

    def total(values) -> np.ndarray:
        return np.bincount(codes, weights=np.asarray(values, dtype=float), minlength=n)

    def joined(texts) -> list[str]:
        parts: list[list[str]] = [[] for _ in range(n)]
        for code, text in zip(codes.tolist(), list(texts)):
            if text:
                parts[code].append(text)
        return [", ".join(p) for p in parts]

    index = pd.Index(list(names), name="code")
    out: dict[str, object] = {"name": list(names)}  # the columns, built first: one DataFrame at the end
    population = wijken["population"].to_numpy(dtype=float)
    out["population"] = total(population).astype("int64")
    if "households_2024" in wijken.columns:
        households = wijken["households_2024"].to_numpy(dtype=float)
        known = total(np.isfinite(households)) > 0
        out["households_2024"] = np.where(known, total(np.nan_to_num(households)), np.nan)
    out["stadsdeel"] = list(names)
    if "status" in wijken.columns:
        rank = np.zeros(n, dtype=np.int64)
        np.maximum.at(rank, codes, wijken["status"].map(STATUSES.index).to_numpy(dtype=np.int64))
        out["status"] = [STATUSES[r] for r in rank]
    if "assumed_wijken" in wijken.columns:
        out["assumed_wijken"] = joined(wijken["assumed_wijken"])
    out["wijken"] = joined(wijken["wijken"] if "wijken" in wijken.columns else wijken["name"])
    for key in INDICATORS:
        if key in wijken.columns:
            values = wijken[key].to_numpy(dtype=float)
            weight = np.where(np.isfinite(values) & (population > 0), population, 0.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[key] = total(np.nan_to_num(values) * weight) / np.where(total(weight) > 0, total(weight), np.nan)
    return pd.DataFrame(out, index=index)


def load_shapes(level: str, data_dir: Path | None = None) -> dict:
    """The GeoJSON FeatureCollection of the level's areas (properties: code, name, label_lon, label_lat)."""
    name = "stadsdelen.geojson" if level == "stadsdeel" else "wijken.geojson"
    path = Path(data_dir or DATA_DIR) / name
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
        for f in features:
            f["properties"]["code"], f["geometry"]["coordinates"]  # noqa: B018 - shape check
    except FileNotFoundError:
        raise DataError(f"Het kaartbestand {name} ontbreekt; de kaart kan niet worden getoond.") from None
    except (ValueError, KeyError, TypeError):
        raise DataError(f"Het kaartbestand {name} is geen geldige GeoJSON; de kaart kan niet worden getoond.") from None
    return collection
