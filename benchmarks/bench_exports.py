"""How long do the exports take? Median time to make the Excel workbook and the PDF scenarionotitie
(wijken, 10 fte), the first PDF separately (it starts vl-convert's chart engine).

    python benchmarks/bench_exports.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from opbouw import allocate, load_areas, load_shapes  # noqa: E402
from opbouw.export import Memo, excel_bytes, pdf_bytes  # noqa: E402
from opbouw.present import headline  # noqa: E402
from opbouw.settings import Settings  # noqa: E402
from opbouw.sources import read_sources  # noqa: E402


def timed(func) -> tuple[float, bytes]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(total_fte=10.0, level="wijk")
    scenario = settings.scenario()
    result = allocate(load_areas(settings.level, settings.year), scenario)
    memo = Memo(
        result, scenario, settings, headline(result, scenario), "http://localhost:8501/?total_fte=10.0", read_sources()
    )
    shapes = load_shapes("wijk")
    first, pdf = timed(lambda: pdf_bytes(memo, shapes))
    pdfs = [timed(lambda: pdf_bytes(memo, shapes))[0] for _ in range(args.repeat)]
    excels = [timed(lambda: excel_bytes(memo))[0] for _ in range(args.repeat)]
    print(
        f"PDF scenarionotitie: first {first:.2f} s, then median {statistics.median(pdfs):.2f} s ({len(pdf) // 1024} KB)"
    )
    print(f"Excel workbook: median {statistics.median(excels) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
