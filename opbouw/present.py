"""Turn an allocation result into what people read: Dutch labels, table rows, headline figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import format as fmt
from .model import Allocation
from .need import column
from .policy import HOURS_PER_FTE
from .settings import BASELINES
from .text import spreadsheet_safe

ASSUMPTION_MARK = "*"


def display_name(row: pd.Series) -> str:
    """The area's name, with a mark when its stadsdeel (or one of its wijken') is an assumption."""
    assumed = row.get("status") == "aanname"
    return f"{row['name']}{ASSUMPTION_MARK}" if assumed else str(row["name"])


def display_names(table: pd.DataFrame) -> list[str]:
    """``display_name`` for every row of an area table, in order."""
    names = column(table, "name", dtype=None).tolist()
    statuses = column(table, "status", dtype=None).tolist() if "status" in table.columns else [None] * len(names)
    return [f"{n}{ASSUMPTION_MARK}" if s == "aanname" else str(n) for n, s in zip(names, statuses)]


def assumption_note(table: pd.DataFrame, effects: Sequence[str] = ()) -> str | None:
    """One Dutch paragraph naming the stadsdeel assignments that are assumptions, or None; with
    ``effects`` (:func:`opbouw.assumptions.effects`), what each would move if it were otherwise.

    ``assumed_wijken`` names, per row, the wijken whose stadsdeel is an assumption: the wijk itself at
    wijk level, the stadsdeel's wijken at stadsdeel level (where ``stadsdeel`` is the row itself).
    """
    if "assumed_wijken" not in table.columns:
        return None
    rows = zip(table["assumed_wijken"].tolist(), table["stadsdeel"].tolist())
    parts = [f"{wijken} bij {stadsdeel}" for wijken, stadsdeel in rows if wijken]
    if not parts:
        return None
    moved = f" Wat dat bij deze instellingen uitmaakt: {' '.join(effects)}" if effects else ""
    return (
        f"{ASSUMPTION_MARK} Aanname: de gemeente noemt voor deze wijken geen stadsdeel; ze zijn ingedeeld naar "
        f"het wijkservicepunt of bedrijventerrein dat wel bekend is: {fmt.names(parts)}.{moved} "
        "Een andere indeling kunt u invoeren op de pagina Gegevens."
    )


def notes(result: Allocation, effects: Sequence[str] = ()) -> list[str]:
    """Everything the user should know about this result, in Dutch: the model's warnings and the
    stadsdeel assumptions (one list for the 'Let op' panel and the exports)."""
    assumption = assumption_note(result.table, effects)
    return list(result.warnings) + ([assumption.removeprefix(f"{ASSUMPTION_MARK} ")] if assumption else [])


def direction(delta: float) -> str:
    """The arrow beside a change: 'up', 'down' or 'off' (no change, to a millionth)."""
    return "up" if round(delta, 6) > 0 else "down" if round(delta, 6) < 0 else "off"


@dataclass(frozen=True)
class Headline:
    total_fte: str
    cost: str
    hours: str
    delta_fte: str
    delta_cost: str
    baseline: str
    direction: str  # "up", "down" or "off": the arrow beside the change


def headline(
    result: Allocation,
    baseline_fte: float = BASELINES["now"][0],
    baseline_label: str = BASELINES["now"][1],
) -> Headline:
    """The headline figures in Dutch: total, cost per year, and the change against the baseline
    (at the scenario's cost per FTE, so that only the number of FTE differs)."""
    total = float(result.table["fte"].sum())
    cost = float(result.table["cost_eur"].sum())
    delta = total - baseline_fte
    return Headline(
        total_fte=fmt.fte(total),
        cost=f"{fmt.eur(cost)} per jaar",
        hours=fmt.hours_per_week(total, HOURS_PER_FTE),
        delta_fte=fmt.fte(delta, signed=True),
        delta_cost=f"{fmt.eur(delta * result.scenario.cost_per_fte_eur, signed=True)} per jaar",
        baseline=baseline_label,
        direction=direction(delta),
    )


def columns(table: pd.DataFrame, names: list[str]) -> dict[str, list]:
    """Some of a table's columns as plain lists (cell by cell through ``.loc`` is slow)."""
    return {name: table[name].tolist() for name in names}


def table_rows(result: Allocation) -> list[dict[str, str]]:
    """The per-area table as shown, one dict per row: Dutch headers, Dutch number formats, one total row."""
    keys = ["population", "need_index", "presence_fte", "assignment_fte", "exact_fte", "fte", "fte_per_10k", "cost_eur"]
    v = columns(result.table, keys)
    rows = [
        {
            "Gebied": name,
            "Inwoners": fmt.integer(v["population"][i]),
            "Behoefte-index": fmt.number(v["need_index"][i], 2),
            "Presentie (fte)": fmt.number(v["presence_fte"][i], 2),
            "Opgavegericht (fte)": fmt.number(v["assignment_fte"][i], 2),
            "Exact (fte)": fmt.number(v["exact_fte"][i], 2),
            "Toegekend (fte)": fmt.number(v["fte"][i], 2),
            "Per 10.000 inwoners (fte)": fmt.number(v["fte_per_10k"][i], 2),
            "Kosten per jaar": fmt.eur(v["cost_eur"][i]),
        }
        for i, name in enumerate(display_names(result.table))
    ]
    total = {key: np.sum(v[key]).item() for key in keys}
    rows.append(
        {
            "Gebied": "Totaal",
            "Inwoners": fmt.integer(total["population"]),
            "Behoefte-index": fmt.number(1.0, 2),
            "Presentie (fte)": fmt.number(total["presence_fte"], 2),
            "Opgavegericht (fte)": fmt.number(total["assignment_fte"], 2),
            "Exact (fte)": fmt.number(total["exact_fte"], 2),
            "Toegekend (fte)": fmt.number(total["fte"], 2),
            "Per 10.000 inwoners (fte)": fmt.number(
                total["fte"] / total["population"] * 10_000 if total["population"] > 0 else math.nan, 2
            ),
            "Kosten per jaar": fmt.eur(total["cost_eur"]),
        }
    )
    return rows


def table(result: Allocation) -> pd.DataFrame:
    """The per-area table as shown (:func:`table_rows`) as a DataFrame."""
    return pd.DataFrame(table_rows(result))


CSV_COLUMNS = {
    "name": "gebied",
    "stadsdeel": "stadsdeel",
    "status": "indeling_stadsdeel",
    "population": "inwoners",
    "need_index": "behoefte_index",
    "presence_fte": "presentie_fte",
    "assignment_fte": "opgavegericht_fte",
    "exact_fte": "exact_fte",
    "fte": "toegekend_fte",
    "fte_per_10k": "fte_per_10000_inwoners",
    "cost_eur": "kosten_eur_per_jaar",
}


def csv_bytes(result: Allocation) -> bytes:
    """The result as a CSV for Dutch Excel: ';' separated, decimal comma, UTF-8 with BOM."""
    frame = result.table[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS)
    frame.insert(0, "code", result.table.index)
    frame = spreadsheet_safe(frame)
    text = frame.to_csv(sep=";", decimal=",", index=False, float_format="%.4f")
    return ("\ufeff" + text).encode("utf-8")
