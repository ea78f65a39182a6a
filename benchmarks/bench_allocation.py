"""How fast is the model, and what does it add to a page rerun?

Prints the median time of ``allocate`` for the 5 stadsdelen, the 16 wijken and a
synthetic 100-area case; of building the scatter chart with its names placed; and the
median AppTest rerun time of ``app.py`` after a slider move beside the same page rendering from a precomputed result
(``render_only_page.py``), both with the shared page cache (``ui/views.py``) emptied
before every rerun, as for a setting nobody used before; and app.py's rerun when the
setting is in that cache. Goals (issue 2): ``allocate`` under 2 ms for the wijken;
the page's rerun within 1.3x of the render-only baseline.

    python benchmarks/bench_allocation.py [--repeat 200] [--reruns 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from opbouw import Scenario, allocate, load_areas  # noqa: E402
from opbouw.indicators import INDICATOR_KEYS  # noqa: E402


def synthetic_areas(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {"name": [f"Gebied {i}" for i in range(n)], "population": rng.integers(500, 30_000, n)},
        index=pd.Index([f"A{i:03d}" for i in range(n)], name="code"),
    )
    for key in INDICATOR_KEYS:
        frame[key] = rng.uniform(1, 80, n)
    return frame


def median_ms(func, repeat: int) -> float:
    func()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_allocate(repeat: int) -> None:
    wijken = load_areas("wijk", 2024)
    cases = {
        "stadsdelen (5)": (wijken, "stadsdeel"),  # computed per wijk, added up (issue 16)
        "wijken (16)": (wijken, "wijk"),
        "synthetisch (100)": (synthetic_areas(100), None),
    }
    print("allocate, median over", repeat, "calls")
    for total in (8.0, 20.0):
        scenario = Scenario(total_fte=total)
        for name, (areas, level) in cases.items():
            ms = median_ms(lambda a=areas, s=scenario, lv=level: allocate(a, s, lv), repeat)
            print(f"  {name:<18} {total:>4.0f} fte in 0,1-eenheden: {ms:7.3f} ms")


def bench_scatter(repeat: int) -> None:
    """The scatter of fte per 10.000 inwoners: building its rows includes placing every name
    (opbouw/labels.py) for each of the plot widths the chart can pick from."""
    from opbouw.charts import LABEL_WIDTHS_PX, per_10k_vs_need

    print(f"scatter with its names placed for {len(LABEL_WIDTHS_PX)} widths, median over {repeat} calls")
    for total in (8.0, 20.0):
        for name, level in (("stadsdelen (5)", "stadsdeel"), ("wijken (16)", "wijk")):
            result = allocate(load_areas("wijk", 2024), Scenario(total_fte=total), level)
            ms = median_ms(lambda r=result: per_10k_vs_need(r), repeat)
            print(f"  {name:<18} {total:>4.0f} fte: {ms:7.2f} ms")


def bench_page(reruns: int) -> None:
    from streamlit.testing.v1 import AppTest

    from opbouw.settings import Settings
    from ui import views

    totals = [8.0, 8.1]
    areas = load_areas("wijk", 2024)
    precomputed = {}
    for t in totals:
        scenario = Settings(total_fte=t).scenario()
        precomputed[t] = (f"bench|{t}", allocate(areas, scenario, "stadsdeel", 2024))

    def rerun_times(script: Path, state: dict, cold: bool = True) -> list[float]:
        at = AppTest.from_file(str(script), default_timeout=120)
        for key, value in state.items():
            at.session_state[key] = value
        at.run()
        times = []
        for i in range(reruns):
            at.select_slider(key="total_fte").set_value(totals[(i + 1) % 2])
            if cold:
                views.forget()
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        return times

    # Interleave the two pages so that machine noise hits both alike.
    app, base, warm = [], [], []
    for _ in range(3):
        app += rerun_times(ROOT / "app.py", {})
        base += rerun_times(ROOT / "benchmarks" / "render_only_page.py", {"bench_precomputed": precomputed})
        warm += rerun_times(ROOT / "app.py", {}, cold=False)
    app_ms, base_ms = statistics.median(app) * 1000, statistics.median(base) * 1000
    print(f"AppTest rerun after a slider move, median over {len(app)} reruns")
    print(f"  app.py, new setting      {app_ms:7.1f} ms")
    print(f"  render-only baseline     {base_ms:7.1f} ms")
    print(f"  ratio                    {app_ms / base_ms:7.2f}x (goal: at most 1,3x)")
    print(f"  app.py, setting cached   {statistics.median(warm) * 1000:7.1f} ms")


def machine_reference(repeat: int) -> None:
    """A fixed pure-Python and pandas workload, to compare machines: 'allocate' scales with these."""
    py = median_ms(lambda: sum(range(10_000)), repeat)
    frame = pd.DataFrame(np.ones((16, 8)), columns=list("abcdefgh"))
    pdms = median_ms(lambda: frame["a"].to_numpy(), repeat)
    print(f"machine reference: sum(range(10_000)) {py:.3f} ms; one pandas column read {pdms * 1000:.0f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--reruns", type=int, default=20)
    args = parser.parse_args()
    machine_reference(args.repeat)
    bench_allocate(args.repeat)
    bench_scatter(max(args.repeat // 4, 5))
    bench_page(args.reruns)


if __name__ == "__main__":
    main()
