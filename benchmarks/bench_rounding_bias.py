"""Size bias of the rounding (issue 16): over totals 0,1-20 FTE in units of 0,1, the mean of
(rounded - exact) in units for the five smallest and the five largest wijken, and the quota checks at
both levels. Before issue 16 (earliest deadline first, D'Hondt-like) the review measured -0,33 and
+0,36 of a unit; the goal is within +/-0,05 for both groups. Plain Webster rounding of each total on its
own (no promises kept) is printed as the unbiased reference.

python benchmarks/bench_rounding_bias.py [--year 2024]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opbouw import Scenario, load_areas  # noqa: E402
from opbouw.settings import PRESETS, Settings  # noqa: E402
from tests.rounding_bias import bias  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024, choices=(2022, 2024))
    args = parser.parse_args()
    areas = load_areas("wijk", args.year)
    scenarios = {"standaard (50 % presentie)": Scenario()}
    for key in ("travers", "presence_only", "assignment_only"):
        scenarios[f"preset {key}"] = PRESETS[key].apply(Settings()).scenario()
    print(f"wijken {args.year}, totals 0,1-20 fte in units of 0,1; mean error in units (goal: within +/-0,05)")
    for label, scenario in scenarios.items():
        found = bias(areas, scenario)
        print(
            f"  {label:28s} five smallest {found.smallest:+.3f}, five largest {found.largest:+.3f}; "
            f"quota broken: {found.wijk_violations} wijk, {found.stadsdeel_violations} stadsdeel "
            f"(of {found.checks} checks); largest |error| {np.max(found.worst):.3f} of a unit; "
            f"plain Webster {found.webster_smallest:+.3f} / {found.webster_largest:+.3f}"
        )


if __name__ == "__main__":
    main()
