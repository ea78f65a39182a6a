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
    cost: str  # per year, e.g. "€ 680.000" (the label says "per jaar")
    hours: str  # in a week, e.g. "288 uur" (the label says "per week")
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
        cost=fmt.eur(cost),
        hours=fmt.hours(total, HOURS_PER_FTE),
        delta_fte=fmt.fte(delta, signed=True),
        delta_cost=f"{fmt.eur(delta * result.scenario.cost_per_fte_eur, signed=True)} per jaar",
        baseline=baseline_label,
        direction=direction(delta),
    )


def columns(table: pd.DataFrame, names: list[str]) -> dict[str, list]:
    """Some of a table's columns as plain lists (cell by cell through ``.loc`` is slow)."""
    return {name: table[name].tolist() for name in names}


CHANGE_COLUMN = "T.o.v. nu (fte)"


def table_rows(result: Allocation, change: pd.Series | None = None) -> list[dict[str, str]]:
    """The per-area table as shown, one dict per row: Dutch headers, Dutch number formats, one total row;
    with ``change`` (FTE per area minus today's, :func:`opbouw.deployment.change_from_today`) a column
    for it beside the FTE."""
    keys = ["population", "need_index", "presence_fte", "assignment_fte", "exact_fte", "fte", "fte_per_10k", "cost_eur"]
    v = columns(result.table, keys)
    changes = None if change is None else change.reindex(result.table.index).tolist()

    def row(name, values, changed) -> dict[str, str]:
        cells = {
            "Gebied": name,
            "Inwoners": fmt.integer(values["population"]),
            "Behoefte-index": fmt.number(values["need_index"], 2),
            "Presentie (fte)": fmt.number(values["presence_fte"], 2),
            "Opgavegericht (fte)": fmt.number(values["assignment_fte"], 2),
            "Exact (fte)": fmt.number(values["exact_fte"], 2),
            "Toegekend (fte)": fmt.number(values["fte"], 2),
        }
        if changes is not None:
            cells[CHANGE_COLUMN] = fmt.number(changed, 2, signed=True)
        cells["Per 10.000 inwoners (fte)"] = fmt.number(values["fte_per_10k"], 2)
        cells["Kosten per jaar"] = fmt.eur(values["cost_eur"])
        return cells

    rows = [
        row(name, {key: v[key][i] for key in keys}, changes[i] if changes is not None else None)
        for i, name in enumerate(display_names(result.table))
    ]
    total = {key: np.sum(v[key]).item() for key in keys}
    total["need_index"] = 1.0
    total["fte_per_10k"] = total["fte"] / total["population"] * 10_000 if total["population"] > 0 else math.nan
    rows.append(row("Totaal", total, float(np.sum(changes)) if changes is not None else None))
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
