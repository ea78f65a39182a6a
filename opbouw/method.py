"""The method page's content: the text in ``methode.md`` with the policy figures filled in from the
code (so text and model cannot disagree), and the stadsdeel assumptions read from the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import format as fmt
from .data import read_wijken
from .indicators import INDICATORS, THEMES
from .policy import BASELINE_FTE, BEFORE_2018_FTE, COST_PER_FTE_EUR, TRAVERS_ADVICE_FTE
from .rounding import ROUNDING_POINT

TEXT = Path(__file__).with_name("methode.md")


def method_markdown() -> str:
    """The method in Dutch Markdown (with LaTeX formulas), policy figures filled in."""
    figures = {
        "«fte_before»": fmt.fte(BEFORE_2018_FTE, 0),
        "«fte_now»": fmt.fte(BASELINE_FTE, 0),
        "«fte_travers»": fmt.fte(TRAVERS_ADVICE_FTE, 0),
        "«cost_per_fte»": fmt.eur(COST_PER_FTE_EUR),
        "«rounding_point»": fmt.number(ROUNDING_POINT, 2),
    }
    text = TEXT.read_text(encoding="utf-8")
    for marker, value in figures.items():
        text = text.replace(marker, value)
    return text


def assumptions(data_dir: Path | None = None) -> pd.DataFrame:
    """The wijken whose stadsdeel is an assumption or only probable, with the reason given in the data."""
    wijken = read_wijken(data_dir)
    uncertain = wijken[wijken["stadsdeel_status"] != "bevestigd"]
    return pd.DataFrame(
        {
            "Wijk": uncertain["name"].to_numpy(),
            "Stadsdeel": uncertain["stadsdeel"].to_numpy(),
            "Status": uncertain["stadsdeel_status"].to_numpy(),
            "Bron of reden": uncertain["stadsdeel_source"].to_numpy(),
        }
    )


def indicator_table() -> pd.DataFrame:
    """Every indicator of the need index: its theme, which way is more need, source, year and how it was
    measured (how far to trust it)."""
    return pd.DataFrame(
        [
            {
                "Thema": THEMES[ind.theme],
                "Indicator": ind.label,
                "Meer behoefte als": "hoger" if ind.more_need_when_higher else "lager",
                "Bron": ind.source,
                "Jaar": ind.year,
                "Hoe gemeten en hoe betrouwbaar": ind.reliability,
            }
            for ind in INDICATORS.values()
        ]
    )
