"""The page's settings as plain values: their choices, defaults, and how they become a Scenario.

Widgets hold these values; this module turns them into a :class:`Scenario` so
that every page (and later, a link) reads settings the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import format as fmt
from .indicators import INDICATOR_KEYS, THEME_KEYS
from .model import Scenario
from .need import DEFAULT_NEED_STRENGTH, MAX_NEED_STRENGTH
from .policy import (
    BASELINE_FTE,
    BEFORE_2018_FTE,
    COST_PER_FTE_EUR,
    DEFAULT_INDEX_PCT,
    HOURS_PER_FTE,
    PRICE_YEAR,
    TRAVERS_ADVICE_FTE,
    TRAVERS_PER_STADSDEEL_FTE,
    index_factor,
)

MAX_TOTAL_FTE_SLIDER = 20.0

# Rounding units: key -> (units per FTE, Dutch label); 0 means no rounding.
UNITS: dict[str, tuple[int, str]] = {
    "none": (0, "niet afronden"),
    "tenth": (10, "0,1 fte"),
    "hours4": (9, "4 uur (1/9 fte bij een 36-urige werkweek)"),
    "half": (2, "0,5 fte"),
    "one": (1, "1 fte"),
}
DEFAULT_UNIT = "tenth"
# The total-FTE slider moves in tenths when results are not rounded.
_SLIDER_STEPS_WITHOUT_ROUNDING = 10

# What the headline figures compare with (opbouw.policy).
BASELINES: dict[str, tuple[float, str]] = {
    "now": (BASELINE_FTE, f"nu ({fmt.fte(BASELINE_FTE, 0)})"),
    "before_2018": (BEFORE_2018_FTE, f"tot 2017 ({fmt.fte(BEFORE_2018_FTE, 0)})"),
    "travers": (TRAVERS_ADVICE_FTE, f"advies Travers ({fmt.fte(TRAVERS_ADVICE_FTE, 0)})"),
}

# Saved scenarios have short ids (opbouw.store); one can be the baseline as "scenario-<id>".
SAVED_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids get read aloud and retyped
SAVED_ID_LENGTH = 8
SAVED_ID_PATTERN = re.compile(f"^[{SAVED_ID_ALPHABET}]{{{SAVED_ID_LENGTH}}}$")
SAVED_BASELINE_PREFIX = "scenario-"


def saved_baseline_id(baseline: str) -> str | None:
    """The saved scenario's id when ``baseline`` names one, else None.

    >>> saved_baseline_id("scenario-abcd2345"), saved_baseline_id("now")
    ('abcd2345', None)
    """
    if isinstance(baseline, str) and baseline.startswith(SAVED_BASELINE_PREFIX):
        candidate = baseline[len(SAVED_BASELINE_PREFIX) :]
        return candidate if SAVED_ID_PATTERN.match(candidate) else None
    return None


# How strongly need differences count (Scenario.need_strength): 0 to 0,25 in steps of 0,05.
STRENGTH_STEPS = [round(k * 0.05, 2) for k in range(int(round(MAX_NEED_STRENGTH / 0.05)) + 1)]

LEVEL_LABELS = {"stadsdeel": "Stadsdelen (5)", "wijk": "Wijken (16)"}
YEAR_LABELS = {2024: "2024 (1 januari)", 2022: "2022 (1 januari)"}
VASTE_VOET_LABELS = {"stadsdeel": "per stadsdeel", "wijk": "per wijk"}


# The ingroeipad's defaults (issue 17): the coming council term, at most 0,5 fte more or less per area a
# year, and no area below today's deployment while the total does not shrink.
PATH_FIRST_YEAR, PATH_LAST_YEAR = 2027, 2030
PATH_YEARS = (2025, 2045)  # the years a path may start and end in
PATH_CAP_FTE = 0.5
PATH_MAX_CAP_FTE = 10.0


def weights_of(**by_key: float) -> tuple[float, ...]:
    """Settings.weights with the named indicators changed and the rest at 1.

    >>> weights_of(rented_homes=2.5)[INDICATOR_KEYS.index("rented_homes")]
    2.5
    """
    unknown = set(by_key) - set(INDICATOR_KEYS)
    if unknown:
        raise ValueError(f"unknown indicators {sorted(unknown)}")
    return tuple(float(by_key.get(key, 1.0)) for key in INDICATOR_KEYS)


def unit_fte(unit_key: str) -> float:
    per_fte = UNITS[unit_key][0]
    return 1.0 / per_fte if per_fte else 0.0


def total_grid(unit_key: str) -> list[float]:
    """The values the total-FTE slider offers: 0 to 20 FTE in steps of the rounding unit."""
    per_fte = UNITS[unit_key][0] or _SLIDER_STEPS_WITHOUT_ROUNDING
    return [k / per_fte for k in range(int(MAX_TOTAL_FTE_SLIDER * per_fte) + 1)]


def snap_total(total: float, unit_key: str) -> float:
    """The grid value nearest to ``total`` (used when the rounding unit changes)."""
    grid = total_grid(unit_key)
    return min(grid, key=lambda g: (abs(g - total), g))


def total_label(total: float, unit_key: str) -> str:
    """'8,0 fte' or, in 4-hour units, '8,11 fte (292 uur)'."""
    if unit_key == "hours4":
        return f"{fmt.fte(total, 2)} ({fmt.number(total * HOURS_PER_FTE, 0)} uur)"
    return fmt.fte(total, 1)


@dataclass(frozen=True)
class Settings:
    """Everything the explorer page lets the user set; defaults as issue 2 asks."""

    level: str = "stadsdeel"
    year: int = 2024
    total_fte: float = BASELINE_FTE
    presence_pct: int = 50
    min_fte_per_area: float = 0.0
    unit: str = DEFAULT_UNIT
    min_fte_per: str = "stadsdeel"
    cost_per_fte_eur: float = COST_PER_FTE_EUR
    focus: bool = False
    focus_areas: int = 2
    weights: tuple[float, ...] = (1.0,) * len(INDICATOR_KEYS)
    theme_weights: tuple[float, ...] = (1.0,) * len(THEME_KEYS)
    need_strength: float = DEFAULT_NEED_STRENGTH
    price_year: int = PRICE_YEAR  # the price level costs are shown at
    index_pct: float = DEFAULT_INDEX_PCT  # % a year from 2018 prices to price_year
    baseline: str = "now"  # what the headline compares with: a key of BASELINES or "scenario-<id>"
    # The ingroeipad (issue 17): today's deployment as "<level>:<fte>,<fte>,..." in the order of the areas'
    # codes ("" = the assumption: BASELINE_FTE by population per stadsdeel), and the path's settings.
    current_deployment: str = ""
    path_from: int = PATH_FIRST_YEAR
    path_to: int = PATH_LAST_YEAR
    path_cap: float = PATH_CAP_FTE
    path_hold: bool = True
    path_totals: str = ""  # "<fte>,<fte>,..." per year from path_from; "" = equal steps

    def __post_init__(self) -> None:
        if len(self.weights) != len(INDICATOR_KEYS) or len(self.theme_weights) != len(THEME_KEYS):
            raise ValueError("Er moet precies één gewicht per indicator en per thema zijn.")

    def scenario(self) -> Scenario:
        return Scenario(
            total_fte=self.total_fte,
            presence_share=self.presence_pct / 100,
            min_fte_per_area=self.min_fte_per_area,
            unit_fte=unit_fte(self.unit),
            need_weights=dict(zip(INDICATOR_KEYS, self.weights)),
            theme_weights=dict(zip(THEME_KEYS, self.theme_weights)),
            min_fte_per=self.min_fte_per,
            cost_per_fte_eur=self.cost_per_fte_eur * index_factor(self.price_year, self.index_pct),
            price_year=self.price_year,
            assignment_focus_areas=self.focus_areas if self.focus else 0,
            need_strength=self.need_strength,
        )


# What a preset leaves as the user had it: how the result is shown, not what it is (levels add up);
# and today's deployment with the path towards the scenario, which are not part of a scenario.
VIEW_FIELDS = ("level", "baseline")
PATH_FIELDS = ("current_deployment", "path_from", "path_to", "path_cap", "path_hold", "path_totals")


@dataclass(frozen=True)
class Preset:
    """A named whole scenario: every setting that changes a number is the default or what ``changes``
    says, so loading it gives the same numbers whatever was shown before; only the view (level shown,
    what the headline compares with) stays as the user left it. ``means`` says in one line what it is."""

    key: str
    label: str
    changes: dict
    means: str = ""

    def apply(self, settings: Settings) -> Settings:
        kept = {name: getattr(settings, name) for name in (*VIEW_FIELDS, *PATH_FIELDS)}
        return replace(Settings(), **self.changes, **kept)

    def left_for_assignment(self) -> str:
        """The second line: what the preset leaves for opgavegerichte inzet."""
        settings = replace(Settings(), **self.changes)
        left = settings.total_fte * (100 - settings.presence_pct) / 100
        if left <= 0:
            return "Voor opgavegerichte inzet blijft dan niets over."
        return f"Voor opgavegerichte inzet blijft {fmt.fte(left, 1)} over, naar inwoners × behoefte."


# The figures of opbouw.policy as starting points.
PRESETS: dict[str, Preset] = {
    p.key: p
    for p in [
        Preset(
            "fte6",
            f"{fmt.fte(BEFORE_2018_FTE, 0)} (tot 2017)",
            {"total_fte": BEFORE_2018_FTE},
            "De inzet tot 2017, met de standaardinstellingen: de helft presentie, de helft opgavegericht.",
        ),
        Preset(
            "fte8",
            f"{fmt.fte(BASELINE_FTE, 0)} (huidig)",
            {"total_fte": BASELINE_FTE},
            "De huidige inzet, met de standaardinstellingen: de helft presentie, de helft opgavegericht.",
        ),
        Preset(
            "travers",
            f"{fmt.fte(TRAVERS_ADVICE_FTE, 0)} (advies Travers)",
            {
                "total_fte": TRAVERS_ADVICE_FTE,
                "presence_pct": 100,
                "min_fte_per_area": TRAVERS_PER_STADSDEEL_FTE,
                "min_fte_per": "stadsdeel",
            },
            f"Twee opbouwwerkers per stadsdeel: alles presentie, vaste voet "
            f"{fmt.fte(TRAVERS_PER_STADSDEEL_FTE, 0)} per stadsdeel.",
        ),
        Preset(
            "presence_only",
            "Alleen presentie",
            {"presence_pct": 100},
            f"{fmt.fte(BASELINE_FTE, 0)}, alles presentie-inzet: naar inwonertal, zonder vaste voet.",
        ),
        Preset(
            "assignment_only",
            "Alleen opgavegericht",
            {"presence_pct": 0},
            f"{fmt.fte(BASELINE_FTE, 0)}, alles opgavegerichte inzet: naar inwoners × behoefte.",
        ),
    ]
}
