"""Two to four scenarios side by side: per area, in totals, and which settings differ.

The first scenario is the reference: every difference is "this one minus the first".
Areas can only be compared between scenarios at the same level and population year;
the others appear in the totals only (``comparable`` says which). What can be chosen (the current
settings, the presets, the saved scenarios) and the choice in a link (``?vergelijk=preset:fte8,current``)
are here too, so that a link to the page shows the same comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from . import format as fmt
from .deployment import PathReport
from .indicators import INDICATOR_KEYS, INDICATORS, THEME_KEYS, THEMES
from .model import Allocation
from .policy import BASELINE_FTE, price_level
from .present import direction, display_names
from .settings import LEVEL_LABELS, PRESETS, UNITS, VASTE_VOET_LABELS, YEAR_LABELS, Settings, snap_total
from .store import SavedScenario
from .text import echo

MAX_SCENARIOS = 4

CURRENT = "current"
DEFAULT_CHOICE = ["preset:fte8", CURRENT]  # today's 8 fte first: every difference is against today


def choices(current: Settings, saved: list[SavedScenario]) -> dict[str, tuple[str, Settings]]:
    """Choice key -> (label, settings). Presets apply to the current settings, as on the main page."""
    options = {CURRENT: ("Huidige instellingen", current)}
    for preset in PRESETS.values():
        applied = preset.apply(current)
        options[f"preset:{preset.key}"] = (
            preset.label,
            replace(applied, total_fte=snap_total(applied.total_fte, applied.unit)),
        )
    for s in saved:
        options[f"saved:{s.id}"] = (f"Bewaard: {s.label}", s.settings)
    return options


PARAM = "vergelijk"


def to_link(chosen: list[str]) -> str:
    return ",".join(chosen)


def from_link(
    text: str, options: dict[str, tuple[str, Settings]], store_problem: str | None = None
) -> tuple[list[str], list[str]]:
    """The choice a link names, and in Dutch what in it could not be used (plain text). Unknown or
    repeated keys are left out; with fewer than two left, the default comparison is shown.
    ``store_problem`` says why saved scenarios cannot be read now, if they cannot."""
    chosen, problems = [], []
    for key in (part.strip() for part in text.split(",")[: 4 * MAX_SCENARIOS]):
        if key in chosen or not key:
            continue
        if key not in options:
            saved = echo(key.removeprefix("saved:"), 20)
            if key.startswith("saved:") and store_problem:
                problems.append(
                    f"Het bewaarde scenario '{saved}' uit de link kan nu niet worden geopend, want de opslag "
                    "is niet leesbaar; het is weggelaten."
                )
            elif key.startswith("saved:"):
                problems.append(f"Het bewaarde scenario '{saved}' uit de link bestaat niet meer; het is weggelaten.")
            else:
                problems.append(f"'{echo(key)}' in de link is geen scenario om te vergelijken; het is weggelaten.")
            continue
        chosen.append(key)
    if len(chosen) > MAX_SCENARIOS:
        problems.append(f"De link noemt meer dan {MAX_SCENARIOS} scenario's; de eerste {MAX_SCENARIOS} zijn gebruikt.")
        chosen = chosen[:MAX_SCENARIOS]
    if len(chosen) < 2:
        problems.append("De link noemt geen twee scenario's om te vergelijken; de standaardvergelijking is gebruikt.")
        chosen = list(DEFAULT_CHOICE)
    return chosen, problems


@dataclass(frozen=True)
class Comparison:
    """The allocations of the chosen scenarios, keyed by their (unique) labels, in the order chosen."""

    results: dict[str, Allocation]
    settings: dict[str, Settings]
    comparable: list[str] = field(init=False)

    def __post_init__(self) -> None:
        if not 1 <= len(self.results) <= MAX_SCENARIOS:
            raise ValueError(f"Kies twee tot {MAX_SCENARIOS} scenario's om te vergelijken.")
        first = self.reference
        same = [
            label
            for label, s in self.settings.items()
            if (s.level, s.year) == (self.settings[first].level, self.settings[first].year)
        ]
        object.__setattr__(self, "comparable", same)

    @property
    def reference(self) -> str:
        return next(iter(self.results))

    def totals(self) -> pd.DataFrame:
        """One row per scenario: FTE, cost per year, and both against the first (numbers, not text)."""
        rows = []
        ref = self.results[self.reference].table
        for label, result in self.results.items():
            fte, cost = float(result.table["fte"].sum()), float(result.table["cost_eur"].sum())
            rows.append(
                {
                    "scenario": label,
                    "fte": fte,
                    "cost_eur": cost,
                    "delta_fte": fte - float(ref["fte"].sum()),
                    "delta_cost_eur": cost - float(ref["cost_eur"].sum()),
                }
            )
        return pd.DataFrame(rows).set_index("scenario")

    def per_area(self) -> pd.DataFrame:
        """Long table over the comparable scenarios: one row per (scenario, area) with FTE,
        FTE per 10,000 inhabitants, cost, and the FTE and cost difference against the first."""
        ref = self.results[self.reference].table
        frames = []
        for label in self.comparable:
            result = self.results[label].table
            frames.append(
                pd.DataFrame(
                    {
                        "scenario": label,
                        "code": result.index,
                        "area": display_names(result),
                        "fte": result["fte"].to_numpy(),
                        "fte_per_10k": result["fte_per_10k"].to_numpy(),
                        "cost_eur": result["cost_eur"].to_numpy(),
                        "delta_fte": (result["fte"] - ref["fte"]).to_numpy(),
                        "delta_cost_eur": (result["cost_eur"] - ref["cost_eur"]).to_numpy(),
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)


def change_text(total: pd.Series) -> tuple[str, str]:
    """A row of :meth:`Comparison.totals` as '+2,0 fte, +€ 170.000 per jaar' and its arrow (up/down/off)."""
    text = f"{fmt.fte(total['delta_fte'], 1, signed=True)}, {fmt.eur(total['delta_cost_eur'], signed=True)} per jaar"
    return text, direction(float(total["delta_fte"]))


def wide_table(per_area: pd.DataFrame, column: str, formatter, with_delta: bool = True) -> pd.DataFrame:
    """Areas as rows, one column per scenario (and '<scenario> − <first>'), formatted in Dutch."""
    wide = per_area.pivot(index="area", columns="scenario", values=column)
    order = list(dict.fromkeys(per_area["scenario"]))
    areas = list(dict.fromkeys(per_area["area"]))
    wide = wide.loc[areas, order]
    out = pd.DataFrame(index=wide.index)
    for label in order:
        out[label] = [formatter(v) for v in wide[label]]
    if with_delta:
        for label in order[1:]:
            out[f"{label} − {order[0]}"] = [formatter(v, signed=True) for v in wide[label] - wide[order[0]]]
    out.index.name = "Gebied"
    return out.reset_index()


def setting_rows(settings: Settings) -> dict[str, str]:
    """Every setting that changes a number, as Dutch label -> Dutch value."""
    rows = {
        "Niveau": LEVEL_LABELS[settings.level],
        "Inwonertal van": YEAR_LABELS[settings.year],
        "Totaal": fmt.fte(settings.total_fte, 2),
        "Presentie-inzet": fmt.percent(settings.presence_pct / 100, 0),
        "Vaste voet": f"{fmt.fte(settings.min_fte_per_area, 1)} {VASTE_VOET_LABELS[settings.min_fte_per]}",
        "Afronden op": UNITS[settings.unit][1],
        "Hoe sterk behoefte telt": fmt.number(settings.need_strength, 2),
        "Kosten per fte": fmt.eur(settings.cost_per_fte_eur) + " per jaar (prijspeil 2018)",
        "Prijspeil": price_level(settings.price_year, settings.index_pct),
        "Alleen gebieden met de hoogste behoefte": (
            f"ja, {settings.focus_areas} wijken" if settings.focus else "nee (alle wijken)"
        ),
    }
    rows["Huidige inzet"] = _deployment_text(settings.current_deployment)
    rows["Ingroeipad"] = (
        f"{settings.path_from}–{settings.path_to}, hooguit {fmt.fte(settings.path_cap, 1)} per gebied per jaar, "
        f"{'met' if settings.path_hold else 'zonder'} behoud van de huidige inzet, "
        + (
            f"totalen {settings.path_totals.replace(',', '; ').replace('.', ',')} fte"
            if settings.path_totals
            else "gelijke stappen"
        )
    )
    for theme, weight in zip(THEME_KEYS, settings.theme_weights):
        rows[f"Gewicht thema {THEMES[theme].lower()}"] = fmt.number(weight, 1)
    for key, weight in zip(INDICATOR_KEYS, settings.weights):
        rows[f"Gewicht {INDICATORS[key].label.lower()}"] = fmt.number(weight, 1)
    return rows


def _deployment_text(text: str) -> str:
    """'aanname (8 fte naar inwonertal per stadsdeel)' or 'ingevuld per stadsdeel, 7,8 fte'."""
    if not text:
        return f"aanname ({fmt.fte(BASELINE_FTE, 0)} naar inwonertal per stadsdeel)"
    level, _, numbers = text.partition(":")
    return f"ingevuld per {level}, {fmt.fte(sum(float(v) for v in numbers.split(',')), 1)}"


def settings_table(settings: dict[str, Settings]) -> pd.DataFrame:
    """Every setting as a row, one column per scenario, and a 'Verschilt' column (ja/nee).

    >>> t = settings_table({"A": Settings(), "B": Settings(total_fte=10.0)})
    >>> t.loc[t["Verschilt"] == "ja", "Instelling"].tolist()
    ['Totaal']
    """
    columns = {label: setting_rows(s) for label, s in settings.items()}
    table = pd.DataFrame(columns)
    table["Verschilt"] = ["ja" if row.nunique() > 1 else "nee" for _, row in table.iterrows()]
    table.index.name = "Instelling"
    return table.reset_index()


def path_table(reports: dict[str, PathReport | None]) -> pd.DataFrame:
    """Per year, for each scenario its path's total and cost that year (prijspeil of the year), and the
    total over the term: the meerjarenraming side by side. A scenario without a path says so.

    >>> from opbouw import deployment, load_areas
    >>> wijken = load_areas("wijk", 2024)
    >>> eight, ten = Settings(), Settings(total_fte=10.0)
    >>> t = path_table({"A": deployment.report(wijken, eight), "B": deployment.report(wijken, ten)})
    >>> t.iloc[-1].tolist()
    ['Totaal over de periode', '€ 2.720.000', '€ 3.145.000']
    """
    years = sorted({int(y) for r in reports.values() if r is not None for y in r.costs["year"].dropna()})
    rows = []
    for year in [*years, None]:
        row = {"Jaar": str(year) if year is not None else "Totaal over de periode"}
        for label, report in reports.items():
            if report is None:
                row[label] = "geen ingroeipad"
                continue
            costs = report.costs
            match = costs[costs["year"].isna()] if year is None else costs[costs["year"] == year]
            if match.empty:
                row[label] = ""
                continue
            cost = match.iloc[0]
            fte = "" if pd.isna(cost["fte"]) else f"{fmt.fte(cost['fte'])} · "
            row[label] = f"{fte}{fmt.eur(cost['cost_eur'])}"
        rows.append(row)
    return pd.DataFrame(rows)
