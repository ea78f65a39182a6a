"""Speed of the sensitivity sweep: 21 presence shares x 201 totals at wijk level (issue 3, goal < 0,5 s).

python benchmarks/bench_sensitivity.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from opbouw import Scenario, allocate, load_areas  # noqa: E402
from opbouw.sensitivity import fte_by_share  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    areas = load_areas("wijk", 2024)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        fte_by_share(areas, Scenario(total_fte=20.0), level="stadsdeel")  # 21 sweeps of 0-20 fte
        times.append(time.perf_counter() - start)
    sweep = statistics.median(times)
    single = []
    for _ in range(50):
        start = time.perf_counter()
        allocate(areas, Scenario(), "stadsdeel")
        single.append(time.perf_counter() - start)
    one = statistics.median(single)
    n = 21 * 201
    print(f"sweep 21 x 201 at wijk level: {sweep:.3f} s median ({n / sweep:,.0f} scenarios per second); goal < 0,5 s")
    print(f"one allocate call: {one * 1000:.2f} ms; {n} separate calls would take about {n * one:.1f} s")


if __name__ == "__main__":
    main()
