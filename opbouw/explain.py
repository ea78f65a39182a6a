"""Why an area gets what it gets: its FTE in parts, in one Dutch sentence, and its need index by indicator.

>>> from opbouw import Scenario, allocate, load_areas
>>> areas = load_areas("wijk", 2024)
>>> scenario = Scenario(total_fte=8.0)
>>> parts = breakdown(allocate(areas, scenario, level="stadsdeel"), "West")
>>> round(parts.vaste_voet + parts.presence_by_population + parts.assignment, 9) == round(parts.exact, 9)
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import format as fmt
from .data import stadsdelen_of
from .indicators import INDICATORS, THEMES
from .model import Allocation, Scenario
from .need import FULL_WEIGHT_POPULATION, Z_CAP, city_averages, need_components
from .present import display_name


@dataclass(frozen=True)
class Breakdown:
    """One area's FTE: vaste voet + presence by population + assignment by need = exact -> rounded."""

    name: str
    vaste_voet: float  # from the presence pool first: per wijk, or the wijk's share of its stadsdeel's
    presence_by_population: float
    assignment: float
    exact: float
    fte: float  # after rounding
    population_share: float  # of the city's inhabitants
    assignment_share: float  # of the assignment pool
    need_index: float
    equal_presence: bool  # the vaste voet did not fit: presence is shared equally
    gets_assignment: bool  # False when concentration leaves this area out

    @property
    def rounding(self) -> float:
        return self.fte - self.exact


def breakdown(result: Allocation, code: str) -> Breakdown:
    """The parts of ``code``'s FTE in ``result``."""
    table, scenario = result.table, result.scenario
    row = table.loc[code]
    pool = scenario.presence_share * scenario.total_fte
    equal = float(table["vaste_voet_fte"].sum()) > pool + 1e-9
    voet = 0.0 if equal else float(row["vaste_voet_fte"])
    assignment_pool = float(table["assignment_fte"].sum())
    population = float(table["population"].sum())
    return Breakdown(
        name=display_name(row),
        vaste_voet=voet,
        presence_by_population=float(row["presence_fte"]) - voet,
        assignment=float(row["assignment_fte"]),
        exact=float(row["exact_fte"]),
        fte=float(row["fte"]),
        population_share=float(row["population"]) / population if population > 0 else 0.0,
        assignment_share=float(row["assignment_fte"]) / assignment_pool if assignment_pool > 0 else 0.0,
        need_index=float(row["need_index"]),
        equal_presence=equal,
        gets_assignment=float(row["assignment_fte"]) > 1e-12 or scenario.assignment_focus_areas == 0,
    )


def sentence(parts: Breakdown, scenario: Scenario, level: str) -> str:
    """The breakdown in one Dutch sentence, for a council member.

    'Holtenbroek krijgt 1,6 fte: 0,8 voor presentie omdat er 7,5 % van de Zwollenaren woont, ...'
    """
    residents = "van de Zwollenaren"
    bits = []
    if parts.equal_presence:
        bits.append(
            f"{fmt.number(parts.vaste_voet + parts.presence_by_population, 2)} voor presentie "
            "(de vaste voet past niet, dus naar verhouding van de vaste voet verdeeld)"
        )
    else:
        if parts.vaste_voet > 0:
            bits.append(f"{fmt.number(parts.vaste_voet, 2)} als vaste voet")
        if scenario.presence_share > 0:
            bits.append(
                f"{fmt.number(parts.presence_by_population, 2)} voor presentie omdat er "
                f"{fmt.percent(parts.population_share, 1)} {residents} woont"
            )
    if scenario.presence_share < 1:
        if not parts.gets_assignment:
            bits.append(
                f"niets voor opgavegericht werk, want dat gaat alleen naar de {scenario.assignment_focus_areas} "
                f"{'wijken' if scenario.assignment_focus_areas != 1 else 'wijk'} met de hoogste behoefte"
            )
        else:
            why = "geeft samen met het inwonertal"
            bits.append(
                f"{fmt.number(parts.assignment, 2)} voor opgavegericht werk: de behoefte-index "
                f"{fmt.number(parts.need_index, 2)} (stad = 1,00) {why} "
                f"{fmt.percent(parts.assignment_share, 1)} van de opgavegerichte inzet"
            )
    text = f"{parts.name} krijgt {fmt.fte(parts.fte, 2 if scenario.unit_fte and scenario.unit_fte < 0.1 else 1)}"
    text += ": " + _join(bits) if bits else ""
    if scenario.unit_fte > 0:
        text += (
            f". Samen is dat precies {fmt.number(parts.exact, 2)} fte; afgerond op hele eenheden van "
            f"{fmt.fte(scenario.unit_fte, 2)} wordt dat {fmt.fte(parts.fte, 2)} "
            f"({fmt.fte(parts.rounding, 2, signed=True)})."
        )
    else:
        text += "."
    return text


def _join(bits: list[str]) -> str:
    return bits[0] if len(bits) == 1 else ", ".join(bits[:-1]) + " en " + bits[-1]


def waterfall_rows(parts: Breakdown) -> pd.DataFrame:
    """The steps of the waterfall chart: label, start, end, kind ('deel', 'som', 'afronding')."""
    steps = [
        ("Vaste voet", parts.vaste_voet, "deel"),
        ("Presentie naar inwoners", parts.presence_by_population, "deel"),
        ("Opgavegericht naar behoefte", parts.assignment, "deel"),
    ]
    rows, level = [], 0.0
    for label, amount, kind in steps:
        rows.append((label, level, level + amount, kind, amount))
        level += amount
    rows.append(("Exact", 0.0, parts.exact, "som", parts.exact))
    rows.append(("Afronding", parts.exact, parts.fte, "afronding", parts.rounding))
    rows.append(("Toegekend", 0.0, parts.fte, "som", parts.fte))
    return pd.DataFrame(
        [(*row, fmt.fte(row[4], 2, signed=row[3] == "afronding")) for row in rows],
        columns=["stap", "start", "eind", "soort", "waarde", "waarde_txt"],
    )


def need_table_rows(
    areas: pd.DataFrame, scenario: Scenario, code: str, level: str | None = None
) -> list[dict[str, str]]:
    """Per indicator for one area, one dict per row: its value, the city average, how far it lies from
    that average (standard score: + is more need), the weight, the contribution to the need index, and
    whether the figure is indicative, capped or missing (Dutch text, ready to show); then the base
    every area starts from and the index itself, which is their sum.

    ``areas`` are the wijken the index is computed on; for a stadsdeel (``level="stadsdeel"``) every
    figure is the population-weighted mean of its wijken's, as its index is."""
    weights = scenario.indicator_weights
    if any(w > 0 for w in weights.values()):
        components = need_components(areas, weights, scenario.need_strength)
    else:  # nothing counts: every area is average
        components = pd.DataFrame({"base": 1.0, "need_index": 1.0}, index=areas.index)
    averages = city_averages(areas)
    if level == "stadsdeel":
        components = _per_stadsdeel_mean(components, areas)
        areas = stadsdelen_of(areas)
    # One row each, read once: every cell read through .loc builds a Series.
    position = areas.index.get_loc(code)
    values, parts = areas.iloc[position], components.iloc[position]
    total_weight = sum(weights.values())
    rows = []
    for key, indicator in INDICATORS.items():
        value = float(values[key]) if key in areas.columns else math.nan
        weight = float(weights.get(key, 0.0))
        counted = key in components.columns
        contribution = float(parts[key]) if counted else 0.0
        score = float(parts[f"score_{key}"]) if counted else math.nan
        missing = not np.isfinite(value)
        status = (
            "ontbreekt: telt niet mee"
            if missing
            else "telt niet mee (gewicht 0)"
            if weight == 0
            else (
                f"uitschieter: telt als {fmt.number(Z_CAP, 0)}"
                if level != "stadsdeel"
                else "telt mee; in een wijk begrensd"
            )
            if counted and bool(parts[f"capped_{key}"])
            else f"indicatief ({indicator.year})"
            if indicator.indicative
            else "telt mee"
        )
        rows.append(
            {
                "Thema": THEMES[indicator.theme],
                "Indicator": indicator.label,
                "Jaar": indicator.year,
                "Waarde": "onbekend" if missing else f"{fmt.number(value, 2)} {indicator.unit}".rstrip(),
                "Stadsgemiddelde": f"{fmt.number(averages.get(key, math.nan), 2)} {indicator.unit}".rstrip(),
                "Meer behoefte als": "hoger" if indicator.more_need_when_higher else "lager",
                "Afwijking": "" if not np.isfinite(score) else fmt.number(score, 1, signed=True),
                "Gewicht": fmt.percent(weight / total_weight if total_weight > 0 else 0.0, 1),
                "Bijdrage": fmt.number(contribution, 2, signed=True),
                "Status": status,
            }
        )
    blank = dict.fromkeys(rows[0], "")
    trust = float(parts["credibility"]) if "credibility" in parts.index else 1.0
    if trust < 1 and level != "stadsdeel":
        population = float(values["population"])
        rows.append(
            {
                **blank,
                "Indicator": "Kleine wijk",
                "Waarde": f"{fmt.integer(population)} inwoners",
                "Status": (
                    f"onder {fmt.integer(FULL_WEIGHT_POPULATION)} inwoners telt de afwijking naar rato: "
                    f"hier voor {fmt.percent(trust, 0)} (de bijdragen hierboven zijn al verkleind)"
                ),
            }
        )
    rows.append({**blank, "Indicator": "Basis (stadsgemiddelde)", "Bijdrage": fmt.number(float(parts["base"]), 2)})
    rows.append(
        {
            **blank,
            "Indicator": "Behoefte-index (som)",
            "Stadsgemiddelde": fmt.number(1.0, 2),
            "Meer behoefte als": "hoger",
            "Bijdrage": fmt.number(float(parts["need_index"]), 2),
        }
    )
    return rows


def _per_stadsdeel_mean(components: pd.DataFrame, wijken: pd.DataFrame) -> pd.DataFrame:
    """Need components per stadsdeel: the population-weighted mean of its wijken's (scores over the
    wijken that have one); a stadsdeel has a capped value when one of its wijken has."""
    by = wijken["stadsdeel"]
    population = wijken["population"].astype(float)
    out = {}
    for name in components.columns:
        values = components[name]
        if name.startswith("capped_") or name == "no_data":
            out[name] = values.groupby(by, sort=True).agg("any" if name != "no_data" else "all")
            continue
        weight = population.where(values.notna(), 0.0)
        total = weight.groupby(by, sort=True).sum()
        mean = (values.fillna(0.0) * weight).groupby(by, sort=True).sum() / total.where(total > 0)
        out[name] = mean.fillna(values.groupby(by, sort=True).mean())
    return pd.DataFrame(out)
