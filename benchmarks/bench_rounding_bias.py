"""Size bias of the rounding (issue 16): over totals 0,1-20 FTE in units of 0,1, the mean of
(rounded - exact) in units for the five smallest and the five largest wijken, and the quota checks at
both levels, for every preset and two settings that bend the shares (``tests/rounding_bias.py``).
Before issue 16 (earliest deadline first, D'Hondt-like) the review measured -0,33 and +0,36 of a unit;
the goal is within +/-0,05 for both groups. Plain Webster rounding of each total on its own (no promises
kept) is printed next to it.

``--sweep`` prints, for every rounding point from 0,40 to 0,50 (0,5 is Sainte-Laguë/Webster), the
largest lean over those scenarios and both population years: the app's ``ROUNDING_POINT`` is the one
where it is smallest (opbouw/rounding.py).

python benchmarks/bench_rounding_bias.py [--year 2024] [--sweep]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opbouw import load_areas  # noqa: E402
from opbouw.rounding import ROUNDING_POINT  # noqa: E402
from tests.rounding_bias import SCENARIOS, bias  # noqa: E402

YEARS = (2022, 2024)


def report(year: int) -> None:
    areas = load_areas("wijk", year)
    print(
        f"wijken {year}, totals 0,1-20 fte in units of 0,1, rounding point {ROUNDING_POINT}; "
        "mean error in units (goal: within +/-0,05)"
    )
    for label, scenario in SCENARIOS.items():
        found = bias(areas, scenario)
        print(
            f"  {label:34s} five smallest {found.smallest:+.3f}, five largest {found.largest:+.3f}; "
            f"quota broken: {found.wijk_violations} wijk, {found.stadsdeel_violations} stadsdeel "
            f"(of {found.checks} checks); largest |error| {np.max(found.worst):.3f} of a unit; "
            f"plain Webster {found.webster_smallest:+.3f} / {found.webster_largest:+.3f}"
        )


def sweep() -> None:
    areas = {year: load_areas("wijk", year) for year in YEARS}
    print(f"largest |mean error| of either group over {len(SCENARIOS)} scenarios x years {YEARS}, in units:")
    leans = {}
    for point in np.round(np.arange(0.40, 0.501, 0.01), 2):
        found = [bias(areas[y], s, rounding_point=float(point)) for y in YEARS for s in SCENARIOS.values()]
        leans[point] = max(max(abs(f.smallest), abs(f.largest)) for f in found)
        broken = sum(f.wijk_violations + f.stadsdeel_violations for f in found)
        print(f"  rounding point {point:.2f}: {leans[point]:.3f} (quota broken: {broken})", flush=True)
    best = min(leans, key=leans.get)
    print(f"least lean at {best:.2f}; the app uses {ROUNDING_POINT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024, choices=YEARS)
    parser.add_argument("--sweep", action="store_true", help="compare rounding points 0,40-0,50")
    args = parser.parse_args()
    sweep() if args.sweep else report(args.year)


if __name__ == "__main__":
    main()
