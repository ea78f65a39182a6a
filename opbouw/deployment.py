"""Today's deployment ("huidige inzet") and the path from it to a scenario (issue 17).

Where the opbouwwerkers work today is not in any source: the 2018 memo says only that today's 8 FTE
follow population per stadsdeel, with extra effort where problems are. Until someone enters the real
figures the app therefore assumes 8 FTE by population per stadsdeel and says so wherever it shows.
A deployment is kept per stadsdeel or per wijk, as text in the settings (and so in links and saved
scenarios): ``"stadsdeel:1.4,1.9,1.1,1.9,1.7"``, in the order of the areas' codes. Plain pandas;
no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import format as fmt
from .links import fte_list_text
from .model import Allocation, Scenario, allocate
from .phase_in import PhaseIn, PhaseInError, phase_in
from .policy import BASELINE_FTE, MEMO_2018_SHORT, index_factor
from .settings import Settings, unit_fte

ASSUMED_NOTE = (
    f"Aanname: de huidige {fmt.fte(BASELINE_FTE, 0)} verdeeld naar inwonertal per stadsdeel. Waar de "
    f"opbouwwerkers nu werken, staat in geen bron; de {MEMO_2018_SHORT} zegt over de presentie-inzet alleen: "
    "'De verdeling is primair op basis van het inwonertal per stadsdeel.' Vul de werkelijke inzet in zodra "
    "die bekend is."
)
PATH_UNIT_WITHOUT_ROUNDING = 0.1  # the path moves in whole units; without rounding, in tenths of an FTE


@dataclass(frozen=True)
class Deployment:
    """FTE per area code of ``level`` today; ``assumed`` when nobody entered it."""

    level: str
    fte: pd.Series
    assumed: bool

    def text(self) -> str:
        """The settings' text for it ('' for the assumption)."""
        return "" if self.assumed else f"{self.level}:{fte_list_text(self.fte.to_numpy())}"


def path_unit(settings: Settings) -> float:
    return unit_fte(settings.unit) or PATH_UNIT_WITHOUT_ROUNDING


def assumed(wijken: pd.DataFrame, settings: Settings, level: str = "stadsdeel") -> Deployment:
    """BASELINE_FTE by population per stadsdeel, in the path's units (shown per wijk with ``level``:
    each stadsdeel's share over its wijken, to start a table entered per wijk from)."""
    scenario = Scenario(total_fte=BASELINE_FTE, presence_share=1.0, unit_fte=path_unit(settings))
    fte = allocate(wijken, scenario, level).table["fte"]
    return Deployment(level, fte.round(9), assumed=True)


def areas_of(wijken: pd.DataFrame, level: str) -> pd.Series:
    """Area code -> name at ``level``, in the order deployments list them."""
    if level == "wijk":
        return wijken["name"]
    names = sorted(set(wijken["stadsdeel"]))
    return pd.Series(names, index=pd.Index(names, name="code"))


def read(wijken: pd.DataFrame, settings: Settings) -> tuple[Deployment, list[str]]:
    """Today's deployment from the settings, or the assumption with a Dutch reason when the text does not
    fit these areas or units."""
    text = settings.current_deployment
    if not text:
        return assumed(wijken, settings), []
    level, _, numbers = text.partition(":")
    codes = areas_of(wijken, level).index
    values = [float(v) for v in numbers.split(",")]
    if len(values) != len(codes):
        return assumed(wijken, settings), [
            f"De huidige inzet noemt {len(values)} gebieden, maar er zijn {len(codes)} "
            f"{'wijken' if level == 'wijk' else 'stadsdelen'}; de aanname is gebruikt."
        ]
    fte, problems = checked(pd.Series(values, index=codes), path_unit(settings))
    if fte is None:
        return assumed(wijken, settings), [*problems, "De aanname is gebruikt."]
    return Deployment(level, fte, assumed=False), []


def checked(values: pd.Series, unit: float, names: pd.Series | None = None) -> tuple[pd.Series | None, list[str]]:
    """Entered FTE per area: numbers of 0 or more in whole units (a value within a thousandth of a
    unit is taken as that unit), or None with a Dutch line per area that is not."""
    problems = []
    out = {}
    for code, value in values.items():
        name = names.get(code, code) if names is not None else code
        number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
        if pd.isna(number) or not np.isfinite(number):
            problems.append(f"{name}: vul een getal in (0 of meer).")
            continue
        if number < 0:
            problems.append(f"{name}: {fmt.fte(number, 2)} is minder dan 0.")
            continue
        units = round(number / unit)
        if abs(number / unit - units) > 1e-3 or number > 1000:
            problems.append(f"{name}: {fmt.fte(number, 3)} is geen veelvoud van {fmt.fte(unit, 2)}.")
            continue
        out[code] = units * unit
    if problems:
        return None, problems
    return pd.Series(out, index=values.index, dtype=float), []


def years_of(settings: Settings) -> list[int]:
    return list(range(settings.path_from, settings.path_to + 1))


def target(wijken: pd.DataFrame, settings: Settings, level: str) -> pd.Series:
    """The scenario's FTE per area of ``level``, in the path's units."""
    scenario = replace(settings.scenario(), unit_fte=path_unit(settings))
    return allocate(wijken, scenario, level).table["fte"].round(9)


def path(wijken: pd.DataFrame, settings: Settings, today: Deployment) -> PhaseIn:
    """The path from ``today`` to the scenario, one step per year of ``settings``; PhaseInError (Dutch)
    when the settings cannot make one."""
    years = years_of(settings)
    if not years:
        raise PhaseInError("Het ingroeipad eindigt vóór het begint.")
    totals = [float(v) for v in settings.path_totals.split(",")] if settings.path_totals else None
    return phase_in(
        today.fte,
        target(wijken, settings, today.level),
        len(years),
        settings.path_cap,
        path_unit(settings),
        settings.path_hold,
        totals,
        names=areas_of(wijken, today.level),
        first_year=years[0],
    )


def yearly_costs(result: PhaseIn, settings: Settings) -> pd.DataFrame:
    """Per year of the path: total FTE, the cost at that year's price level, and the difference with
    today's deployment at the same price level (the figures a meerjarenraming needs); the last row is
    the total over the term."""
    rows = []
    today = float(result.steps[0].sum())
    for step, year in enumerate(years_of(settings), start=1):
        total = float(result.steps[step].sum())
        price = settings.cost_per_fte_eur * index_factor(year, settings.index_pct)
        rows.append({"year": year, "fte": total, "cost_eur": total * price, "difference_eur": (total - today) * price})
    frame = pd.DataFrame(rows)
    term = {
        "year": None,
        "fte": np.nan,
        "cost_eur": frame["cost_eur"].sum(),
        "difference_eur": frame["difference_eur"].sum(),
    }
    return pd.concat([frame, pd.DataFrame([term])], ignore_index=True)


@dataclass(frozen=True)
class PathReport:
    """What the Excel and the PDF show of the path: FTE per area per step (``steps``: columns 'Nu', the
    years and 'Doel', with the area names as index), the yearly costs (:func:`yearly_costs`), the notes,
    and whether today's deployment is the assumption."""

    steps: pd.DataFrame
    costs: pd.DataFrame
    notes: tuple[str, ...]
    assumed: bool
    level: str


def report(wijken: pd.DataFrame, settings: Settings) -> PathReport | None:
    """The path for these settings, ready for the exports; None when the settings make no path."""
    today, problems = read(wijken, settings)
    try:
        result = path(wijken, settings, today)
    except PhaseInError:
        return None
    names = areas_of(wijken, today.level)
    steps = result.steps.copy()
    steps.columns = ["Nu", *[str(y) for y in years_of(settings)]]
    steps["Doel"] = result.steps.iloc[:, -1] + result.shortfall
    steps.index = names.reindex(steps.index).to_numpy()
    steps.index.name = "Gebied"
    notes = (*problems, *((ASSUMED_NOTE,) if today.assumed else ()), *result.notes)
    return PathReport(steps, yearly_costs(result, settings), notes, today.assumed, today.level)


def today_at(wijken: pd.DataFrame, settings: Settings, level: str) -> Deployment | None:
    """Today's FTE per area of ``level``: the entered deployment (summed per stadsdeel when it was
    entered per wijk), else the assumption (see ``ASSUMED_NOTE``); None when it was entered per stadsdeel
    and ``level`` is wijk (a split of it over the wijken would be invented)."""
    today, _ = read(wijken, settings)
    if today.assumed:
        return assumed(wijken, settings, level)
    if today.level == level:
        return today
    if level == "wijk":
        return None
    fte = today.fte.groupby(wijken["stadsdeel"].reindex(today.fte.index)).sum()
    return Deployment(level, fte, assumed=False)


def change_from_today(result: Allocation, today: Deployment | None) -> pd.Series | None:
    """Per area of ``result``, its FTE minus today's (:func:`today_at` at the result's level); None when
    today's figures are not known at that level."""
    if today is None:
        return None
    return (result.table["fte"] - today.fte.reindex(result.table.index)).round(9)
