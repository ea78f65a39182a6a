"""What a slider move costs per element on the page, in real Chromium (issue 19: the floor).

Streamlit resends and redraws every element of a rerun (of the fragment, where there is one), also
the ones that did not change. This measures that cost on its own: ``bare_page.py`` (two sliders and
one figure) with N small elements added that never change (Markdown, notices, buttons, captions; see
its docstring), for several N and a few variants, next to the elements-only page and the app, in one
run, alternating rounds. It prints the slider-to-figure median per page, its ratio to the bare page,
and the cost per message of a move (each element and each layout block is one) from a least-squares
line through the bare page and the small-element pages: what a page that sends as many messages as
the app costs Streamlit and Chromium before any app code.

    python benchmarks/bench_element_count.py [--counts 20 40 80] [--moves 12] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import ARGS, BARE_DONE, CHROMIUM, TARGETS, Frames, at_the_slider, slider_moves  # noqa: E402

from tests.conftest import free_port, start_streamlit, stop, wait_healthy  # noqa: E402

# Element containers on the page (Streamlit's own test id; layout blocks not counted) and all DOM nodes.
COUNT = """() => ({elements: document.querySelectorAll('[data-testid="stElementContainer"]').length,
                   nodes: document.querySelectorAll('*').length})"""


@dataclass
class Page:
    name: str
    script: Path
    path: str
    done: str
    env: dict[str, str] = field(default_factory=dict)
    extra: int | None = None  # small elements added to the bare page (None: another page)
    moves: list[float] = field(default_factory=list)
    messages: int = 0  # websocket messages of one move
    size: dict = field(default_factory=dict)


# Variants of the page with the most small elements: where they stand, in a fragment, in containers.
VARIANTS = {
    "after the figure": {"BENCH_PLACE": "after"},
    "in a fragment": {"BENCH_FRAGMENT": "1"},
    "each in a container": {"BENCH_BLOCKS": "1"},
}


def pages(counts: list[int]) -> list[Page]:
    bare, app, _, elements = TARGETS
    found = [Page(bare.name, bare.script, bare.path, bare.done, extra=0)]
    for n in counts:
        found.append(Page(f"+{n} small", bare.script, "/", BARE_DONE, {"BENCH_ELEMENTS": str(n)}, n))
    most = str(max(counts))
    for variant, env in VARIANTS.items():
        found.append(Page(f"+{most} small, {variant}", bare.script, "/", BARE_DONE, {"BENCH_ELEMENTS": most, **env}))
    found.append(Page(elements.name, elements.script, elements.path, elements.done))
    found.append(Page(app.name, app.script, app.path, app.done))
    return found


def measure(browser, page: Page, moves: int, store: Path) -> None:
    port = free_port()
    proc = start_streamlit(port, {"OPBOUW_STORE_PATH": str(store), **page.env}, script=page.script)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        seen = []
        context, tab = at_the_slider(browser, url + page.path, page.done, watch=lambda tab: seen.append(Frames(tab)))
        frames = seen[0]
        page.size = tab.evaluate(COUNT)
        times, (page.messages, _) = slider_moves(tab, frames, moves)
        page.moves += times
        context.close()
    finally:
        stop(proc)


def slope(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares: milliseconds per message and at none."""
    xs, ys = zip(*points)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    per = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    return per, my - per * mx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[20, 40, 80])
    parser.add_argument("--moves", type=int, default=12, help="slider moves per page per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over all pages, alternating")
    args = parser.parse_args()
    found = pages(args.counts)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(args.rounds):
            for page in found:
                measure(browser, page, args.moves, Path(tmp) / "scenarios.sqlite3")
        browser.close()
    bare = statistics.median(found[0].moves)
    print(f"slider move to the first figure, median of {args.moves} x {args.rounds} moves")
    print(f"{'page':38} {'elements':>8} {'messages':>8} {'DOM nodes':>9} {'median':>8} {'ratio':>6}")
    for page in found:
        median = statistics.median(page.moves)
        print(
            f"{page.name:38} {page.size['elements']:8} {page.messages:8} {page.size['nodes']:9} "
            f"{median * 1000:6.0f}ms {median / bare:5.2f}x"
        )
    # Every element and every layout block is one message of the move: the line is per message.
    line = [(p.messages, statistics.median(p.moves) * 1000) for p in found if p.extra is not None]
    per, at_none = slope(line)
    print(
        f"per message of a move: {per:.2f} ms (line through the bare and small-element pages; {at_none:.0f} ms at none)"
    )
    for page in (p for p in found if p.extra is None):
        expected = at_none + per * page.messages
        print(
            f"{page.name}: {page.messages} messages a move, on the line {expected:.0f} ms "
            f"({expected / 1000 / bare:.2f}x the bare page); measured {statistics.median(page.moves) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
