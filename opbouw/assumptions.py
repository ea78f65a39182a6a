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

from dataclasses import replace

import numpy as np
import pandas as pd

from . import format as fmt
from .data import areas_from_wijken
from .model import Scenario, allocate
from .shares import share_lines


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
    # Moving a wijk changes only which stadsdeel it counts to (and so a vaste voet per stadsdeel), not
    # its need index: one allocation gives the need, and each move is the same shares regrouped.
    base = allocate(areas_from_wijken(wijken, "wijk", year), replace(scenario, unit_fte=0.0)).table
    population, need = base["population"].to_numpy(dtype=float), base["need_index"].to_numpy(dtype=float)
    now = base["exact_fte"].groupby(base["stadsdeel"]).sum()
    sentences = []
    for code, row in assumed.iterrows():
        stadsdeel = base["stadsdeel"].copy()
        stadsdeel[code] = row["stadsdeel_alternative"]
        groups, _ = pd.factorize(stadsdeel)
        exact = share_lines(population, need, scenario, groups).exact(np.array([scenario.total_fte]))[0]
        then = pd.Series(exact, index=base.index).groupby(stadsdeel).sum()
        sentences.append(sentence(row["name"], row["stadsdeel_alternative"], then.sub(now, fill_value=0.0)))
    return sentences


def sentence(name: str, alternative: str, change: pd.Series) -> str:
    """'Als <wijk> bij <stadsdeel> hoort: ...' for the change in exact FTE per stadsdeel (a Series by
    stadsdeel name). To a billionth, so float noise does not decide a shift of exactly 0,05 fte; shown in
    tenths, so a shift that rounds to 0,0 fte is no shift to report."""
    change = change.round(9)
    changed = [f"{where} {fmt.fte(delta, 1, signed=True)}" for where, delta in change.items() if abs(delta) >= 0.05]
    return f"Als {name} bij {alternative} hoort: {', '.join(changed) if changed else 'geen verschil per stadsdeel'}."
