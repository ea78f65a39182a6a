"""What each stadsdeel assumption moves: the stadsdelen's exact FTE if an assumed wijk belonged to its
alternative stadsdeel instead (``stadsdeel_alternative`` in ``data/wijken.csv``, the neighbour across
its longest border), at the settings on screen. Exact shares, not rounded ones: moving a wijk can also
shift where another stadsdeel's rounding lands, which is not what the assumption itself moves.

>>> from opbouw import Scenario
>>> from opbouw.data import read_wijken
>>> effects(read_wijken(), Scenario(total_fte=8.0), 2024)[0]  # doctest: +ELLIPSIS
'Als Vechtlanden bij West hoort: ...'
"""

from __future__ import annotations

import pandas as pd

from . import format as fmt
from .data import areas_from_wijken
from .model import Scenario, allocate


def effects(wijken: pd.DataFrame, scenario: Scenario, year: int) -> list[str]:
    """One Dutch sentence per assumed wijk with an alternative: what moving it there changes per stadsdeel."""
    if "stadsdeel_alternative" not in wijken.columns:
        return []
    alternative = wijken["stadsdeel_alternative"]
    assumed = wijken[
        (wijken["stadsdeel_status"] == "aanname") & alternative.notna() & (alternative != wijken["stadsdeel"])
    ]
    if assumed.empty:
        return []
    now = allocate(areas_from_wijken(wijken, "wijk", year), scenario, "stadsdeel").table["exact_fte"]
    sentences = []
    for code, row in assumed.iterrows():
        moved = wijken.copy()
        moved.loc[code, "stadsdeel"] = row["stadsdeel_alternative"]
        then = allocate(areas_from_wijken(moved, "wijk", year), scenario, "stadsdeel").table["exact_fte"]
        change = then.sub(now, fill_value=0.0)
        # Shown in tenths: a shift that rounds to 0,0 fte is no shift to report.
        changed = [f"{name} {fmt.fte(delta, 1, signed=True)}" for name, delta in change.items() if abs(delta) >= 0.05]
        what = ", ".join(changed) if changed else "geen verschil per stadsdeel"
        sentences.append(f"Als {row['name']} bij {row['stadsdeel_alternative']} hoort: {what}.")
    return sentences
