"""Settings in a link: the query parameters of a shared URL, read back safely.

Every setting that changes a number has one parameter, which is also its widget
key on the page (``ui/state.py`` writes the link; it says why by hand);
settings at their default stay out of the link. Reading a link never fails: a
missing, unknown, out-of-range or malformed parameter falls back to the default
and is named, in Dutch, in the returned problems.

>>> settings, problems = parse_query({"total_fte": "10.0", "presence_pct": "abc"})
>>> settings.total_fte, settings.presence_pct
(10.0, 50)
>>> problems
["'presence_pct' (abc) is geen geldig aandeel presentie-inzet; de standaardwaarde 50 % is gebruikt."]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace

from . import format as fmt
from .indicators import INDICATOR_KEYS, INDICATORS, THEME_KEYS, THEMES
from .need import DEFAULT_NEED_STRENGTH, MAX_NEED_STRENGTH
from .policy import MAX_INDEX_PCT, MAX_PRICE_YEAR, PRICE_YEAR
from .settings import (
    BASELINES,
    LEVEL_LABELS,
    PATH_MAX_CAP_FTE,
    PATH_YEARS,
    UNITS,
    VASTE_VOET_LABELS,
    YEAR_LABELS,
    Settings,
    saved_baseline_id,
    snap_total,
    total_grid,
)
from .text import echo

DEFAULTS = Settings()
WEIGHT_STEPS = [i / 2 for i in range(7)]  # 0, 0,5 ... 3
VASTE_VOET_STEPS = [k / 10 for k in range(51)]  # 0 ... 5 fte in tenths


def weight_param(key: str) -> str:
    return f"w_{key}"


def theme_param(key: str) -> str:
    return f"t_{key}"


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _choice(options):
    def read(text: str):
        for option in options:
            if str(option) == text:
                return option
        return None

    return read


def _in_range(lo: float, hi: float, step: float | None = None, integer: bool = False):
    def read(text: str):
        value = _number(text)
        if value is None or not lo <= value <= hi:
            return None
        if step and abs(value / step - round(value / step)) > 1e-9:
            return None
        if integer:
            return int(value) if value == int(value) else None
        return value

    return read


MAX_LIST_ITEMS = 500  # areas in a deployment (upload.MAX_ROWS) or years in a path
MAX_LIST_FTE = 1000.0  # per area or per year (model.MAX_TOTAL_FTE)


def _fte_list(text: str) -> list[float] | None:
    """'1.4,1.9,0' as FTE (each 0..MAX_LIST_FTE, at most three decimals), or None."""
    parts = text.split(",")
    if not text or len(parts) > MAX_LIST_ITEMS:
        return None
    values = [_number(part) for part in parts]
    if any(v is None or not 0 <= v <= MAX_LIST_FTE or abs(v * 1000 - round(v * 1000)) > 1e-6 for v in values):
        return None
    return [float(v) for v in values]


def fte_list_text(values) -> str:
    """The canonical text of a list of FTE: '1.4,1.9,0'.

    >>> fte_list_text([1.4, 1.9, 0.0, 10 / 9])
    '1.4,1.9,0,1.111'
    """
    return ",".join(f"{round(float(v), 3):g}" for v in values)


def _deployment(text: str):
    """'stadsdeel:1.4,1.9,...' or 'wijk:...' (canonical), '' (the default), or None."""
    if text == "":
        return ""
    level, _, numbers = text.partition(":")
    values = _fte_list(numbers) if level in LEVEL_LABELS else None
    return f"{level}:{fte_list_text(values)}" if values is not None else None


def _totals(text: str):
    if text == "":
        return ""  # equal steps
    values = _fte_list(text)
    return fte_list_text(values) if values is not None and len(values) <= PATH_YEARS[1] - PATH_YEARS[0] + 1 else None


def typed_totals(text: str) -> str | None:
    """Totals per year as a person types them: '8,5; 9; 9,5; 10' (Dutch) or '8.5, 9, 9.5, 10'; the
    canonical text ('' when empty), or None.

    >>> typed_totals("8,5; 9; 9,5; 10"), typed_totals("8.5, 9 9.5,10"), typed_totals("acht")
    ('8.5,9,9.5,10', '8.5,9,9.5,10', None)
    """
    text = text.strip()
    if not text:
        return ""
    if ";" in text:
        parts = [part.strip().replace(",", ".") for part in text.split(";")]
    else:
        parts = [part for part in re.split(r"[,\s]+", text) if part]
    return _totals(",".join(parts))


def _baseline(text: str):
    return text if text in BASELINES or saved_baseline_id(text) else None


def _bool(text: str):
    return {"true": True, "false": False}.get(str(text).lower())


# parameter -> (Settings field, reader, Dutch name, how the default reads)
PARAMS: dict[str, tuple[str, object, str, str]] = {
    "level": ("level", _choice(list(LEVEL_LABELS)), "niveau", "stadsdelen"),
    "year": ("year", _choice(list(YEAR_LABELS)), "jaar", "2024"),
    "unit": ("unit", _choice(list(UNITS)), "afrondingseenheid", "0,1 fte"),
    "total_fte": ("total_fte", _in_range(0, 20), "totaal aantal fte", fmt.fte(DEFAULTS.total_fte)),
    "presence_pct": ("presence_pct", _in_range(0, 100, 5, integer=True), "aandeel presentie-inzet", "50 %"),
    "min_fte": ("min_fte_per_area", _in_range(0, 5, 0.1), "vaste voet", fmt.fte(0)),
    "min_fte_per": ("min_fte_per", _choice(list(VASTE_VOET_LABELS)), "vaste voet per", "per stadsdeel"),
    "cost_eur": ("cost_per_fte_eur", _in_range(0, 250_000), "kosten per fte", fmt.eur(DEFAULTS.cost_per_fte_eur)),
    "focus": ("focus", _bool, "concentratie van opgavegerichte inzet", "uit"),
    "baseline": ("baseline", _baseline, "vergelijking", "nu (8 fte)"),
    "focus_areas": ("focus_areas", _in_range(1, 15, 1, integer=True), "aantal wijken", "2"),
    "price_year": ("price_year", _in_range(PRICE_YEAR, MAX_PRICE_YEAR, 1, integer=True), "prijspeil", str(PRICE_YEAR)),
    "index_pct": ("index_pct", _in_range(0, MAX_INDEX_PCT, 0.1), "indexatie per jaar", "0 %"),
    "need_strength": (
        "need_strength",
        _in_range(0, MAX_NEED_STRENGTH, 0.05),
        "sterkte van behoefteverschillen",
        fmt.number(DEFAULT_NEED_STRENGTH, 2),
    ),
    "current": (
        "current_deployment",
        _deployment,
        "overzicht van de huidige inzet",
        "8 fte naar inwonertal per stadsdeel (aanname)",
    ),
    "path_from": ("path_from", _in_range(*PATH_YEARS, 1, integer=True), "eerste jaar van het ingroeipad", "2027"),
    "path_to": ("path_to", _in_range(*PATH_YEARS, 1, integer=True), "laatste jaar van het ingroeipad", "2030"),
    "path_cap": ("path_cap", _in_range(0.1, PATH_MAX_CAP_FTE), "maximum per gebied per jaar", fmt.fte(0.5)),
    "path_hold": ("path_hold", _bool, "behoud van de huidige inzet (true of false)", "aan"),
    "path_totals": ("path_totals", _totals, "overzicht van de totalen per jaar", "gelijke stappen"),
    **{
        weight_param(key): (key, _in_range(0, 3, 0.5), f"gewicht van {INDICATORS[key].label.lower()}", "1")
        for key in INDICATOR_KEYS
    },
    **{
        theme_param(key): (f"theme:{key}", _in_range(0, 3, 0.5), f"gewicht van het thema {THEMES[key].lower()}", "1")
        for key in THEME_KEYS
    },
}


def _theme(field: str) -> str | None:
    return field[len("theme:") :] if field.startswith("theme:") else None


# Links from before issue 16 could say basis=need_only: opgavegerichte inzet by need alone, which at
# wijk level gave every wijk about a sixteenth whatever its size. It is gone; such a link says so.
REMOVED_BASIS = "basis"
REMOVED_BASIS_NOTE = (
    "De link verdeelt opgavegerichte inzet naar 'alleen de behoefte-index'; dat kan niet meer, omdat elke wijk "
    "dan ongeveer evenveel kreeg, hoe klein ook. De opgavegerichte inzet is verdeeld naar inwoners × behoefte-index."
)


def parse_query(query: Mapping[str, object]) -> tuple[Settings, list[str]]:
    """Settings from query parameters (values may be strings or lists of strings), and what was wrong."""
    values: dict[str, object] = {}
    weights = dict(zip(INDICATOR_KEYS, DEFAULTS.weights))
    themes = dict(zip(THEME_KEYS, DEFAULTS.theme_weights))
    problems: list[str] = []
    for param, raw in query.items():
        text = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
        if param == REMOVED_BASIS:
            if text != "population_x_need":
                problems.append(REMOVED_BASIS_NOTE)
            continue
        if param not in PARAMS:
            problems.append(f"'{echo(param)}' is geen instelling van deze app en is genegeerd.")
            continue
        field, read, name, default = PARAMS[param]
        value = read(str(text)) if isinstance(text, str) else None
        if value is None:
            problems.append(
                f"'{param}' ({echo(text)}) is geen geldig {name}; de standaardwaarde {default} is gebruikt."
            )
        elif field in weights:
            weights[field] = value
        elif _theme(field):
            themes[_theme(field)] = value
        else:
            values[field] = value
    if values.get("path_to", DEFAULTS.path_to) < values.get("path_from", DEFAULTS.path_from):
        problems.append("Het ingroeipad eindigt vóór het begint; de standaardjaren 2027 tot en met 2030 zijn gebruikt.")
        values.pop("path_from", None)
        values.pop("path_to", None)
    if "min_fte_per" not in query and values.get("level") == "wijk" and values.get("min_fte_per_area"):
        values["min_fte_per"] = "wijk"  # a link from before issue 16: the vaste voet was per area shown
    settings = replace(
        DEFAULTS,
        **values,
        weights=tuple(weights[k] for k in INDICATOR_KEYS),
        theme_weights=tuple(themes[k] for k in THEME_KEYS),
    )
    if settings.total_fte not in total_grid(settings.unit):
        snapped = snap_total(settings.total_fte, settings.unit)
        problems.append(
            f"Het totaal {fmt.fte(settings.total_fte, 2)} past niet bij de afronding; "
            f"{fmt.fte(snapped, 2)} is gebruikt."
        )
        settings = replace(settings, total_fte=snapped)
    return settings, problems


def widget_values(settings: Settings) -> dict[str, object]:
    """Every parameter with its value for these settings (the page's widget keys and values)."""
    weights = dict(zip(INDICATOR_KEYS, settings.weights))
    weights.update({f"theme:{k}": w for k, w in zip(THEME_KEYS, settings.theme_weights)})
    return {
        param: weights[field] if field in weights else getattr(settings, field)
        for param, (field, *_rest) in PARAMS.items()
    }


def from_widget_values(values: Mapping[str, object]) -> Settings:
    """The inverse of :func:`widget_values`."""
    fields_ = {PARAMS[p][0]: v for p, v in values.items() if p in PARAMS}
    weights = tuple(fields_.pop(key) for key in INDICATOR_KEYS)
    themes = tuple(fields_.pop(f"theme:{key}") for key in THEME_KEYS)
    return Settings(**fields_, weights=weights, theme_weights=themes)


def to_query(settings: Settings) -> dict[str, str]:
    """The query parameters for these settings; settings at their default are left out, except what a
    vaste voet applies to (a link without it reads a wijk-level vaste voet as per wijk, as links did)."""
    defaults = widget_values(DEFAULTS)
    return {
        param: str(value).lower() if isinstance(value, bool) else str(value)
        for param, value in widget_values(settings).items()
        if value != defaults[param] or (param == "min_fte_per" and settings.min_fte_per_area > 0)
    }
