"""What a person waits for, in real Chromium: the app against a bare Streamlit page, in one run.

Three figures, each for the app (``streamlit run app.py``) and for ``benchmarks/bare_page.py`` (the
explorer's two sliders and one figure: the framework's floor on this machine), and their ratio:

- **warm**: a shared link opened while the server is running (a new browser context: no cache, no
  session), from navigation to the first complete render: for the app its headline figures, the
  per-area figures, the table, the map's canvas and every chart drawn, and the script run finished;
- **cold**: the same, for the first visitor after the server started (the server restarted each time);
- **slider**: a key press on the total slider until the first headline figure changes (median over
  ``--moves`` moves of 0,1 fte up, each a setting the server has not computed yet, each after the page
  is idle again).

A third page, ``benchmarks/elements_page.py``, draws the same kinds of large element as the app (the
deck.gl map, two Vega-Lite charts, a table) and nothing else: the share of the app's time that belongs
to Streamlit's and Chromium's own cost of those elements. It also counts what the websocket brings for
the warm load and for one slider move (messages and bytes), which says how much of a move is re-sent.
The goals (issue 19): warm within 2x the bare page, cold within 2x, slider within 3x (median). Needs
Debian's chromium.

    python benchmarks/bench_browser.py [--runs 5] [--cold-runs 3] [--moves 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import free_port, start_streamlit, stop, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1280, "height": 720}

# When a page counts as drawn. Both wait for the script run to end (Streamlit's status widget gone).
IDLE = "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
BARE_DONE = f"""() => {IDLE} && [...document.querySelectorAll('[data-testid="stMetricValue"]')]
  .some(m => m.innerText.trim() === '8,0 fte')"""
APP_DONE = f"""() => {{
  if (!({IDLE})) return false;
  const metric = document.querySelector('[data-testid="stMetricValue"]');
  if (!metric || metric.innerText.trim() !== '10,0 fte') return false;
  if (!document.querySelector('[data-testid="stTable"] table')) return false;
  const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
  if (!canvas || canvas.width === 0) return false;
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= 2 && charts.every(c => c.querySelector("svg, canvas"));
}}"""


# Before a key press: note the first headline figure and watch for it to change (``window.__drawn``).
START_MOVE = """() => {
  const metric = () => document.querySelector('[data-testid="stMetricValue"]');
  window.__before = metric().innerText; window.__drawn = null;
  window.__watch = new MutationObserver(() => {
    const changed = metric() && metric().innerText !== window.__before;
    if (window.__drawn === null && changed) window.__drawn = performance.now();
  });
  window.__watch.observe(document.body, {subtree: true, childList: true, characterData: true});
  window.__pressed = performance.now();
}"""
MOVE_SECONDS = "() => { window.__watch.disconnect(); return (window.__drawn - window.__pressed) / 1000; }"


@dataclass
class Target:
    name: str
    script: Path
    path: str  # the link opened
    done: str  # JS predicate: the first complete render is there
    warm: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    slider: list[float] = field(default_factory=list)
    cold_only: bool = False  # measure only the first visit after a server start
    started: list[float] = field(default_factory=list)  # seconds from start to the health check answering
    load_messages: tuple[int, int] = (0, 0)
    move_messages: tuple[int, int] = (0, 0)


TARGETS = [
    Target("bare page", ROOT / "benchmarks" / "bare_page.py", "/", BARE_DONE),
    # The README's command: serve.py warms the app up before the server answers (ui/warm.py).
    Target("app", ROOT / "serve.py", "/?total_fte=10.0", APP_DONE),
    # The same app without that warm-up: what the first visitor waits for when the server imports the
    # app's modules and reads its data on their first page.
    Target("app, no warm-up", ROOT / "app.py", "/?total_fte=10.0", APP_DONE, cold_only=True),
    # The same kinds of large element (map, charts, table) and nothing else: Streamlit's and Chromium's
    # cost of drawing those at all, the part of the app's time no app code can remove.
    Target("elements only", ROOT / "benchmarks" / "elements_page.py", "/", APP_DONE),
]


class Frames:
    """The websocket frames a page receives (count and bytes), from a given moment."""

    def __init__(self, page) -> None:
        self.count = self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload) -> None:
        self.count += 1
        self.bytes += len(payload)

    def since(self, mark: tuple[int, int]) -> tuple[int, int]:
        return self.count - mark[0], self.bytes - mark[1]

    def mark(self) -> tuple[int, int]:
        return self.count, self.bytes


def first_render(browser, url: str, done: str) -> tuple[float, tuple[int, int], object]:
    """Seconds from navigation to ``done`` in a fresh context; the frames received; the open context."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    page = context.new_page()
    frames = Frames(page)
    page.goto(url, wait_until="commit")
    page.wait_for_function(done, timeout=120_000, polling="raf")
    seconds = page.evaluate("performance.now()") / 1000  # since this navigation began
    return seconds, frames.mark(), (context, page, frames)


def at_the_slider(browser, url: str, done: str, init_script: str | None = None, watch=None):
    """A fresh context with the page drawn (``done``) and the total slider focused: (context, page).
    ``watch(page)`` is called before the page opens (to see its websocket from the start)."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    if watch:
        watch(page)
    page.goto(url, wait_until="commit")
    page.wait_for_function(done, timeout=120_000, polling="raf")
    page.get_by_role("slider").first.focus()
    return context, page


def each_page(targets, measure) -> dict:
    """``measure(browser, url, done)`` for each target, each on its own fresh server, in one Chromium:
    the results by the target's name."""
    found = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for target in targets:
            proc, url = serve(target, Path(tmp) / "scenarios.sqlite3")
            try:
                found[target.name] = measure(browser, url + target.path, target.done)
            finally:
                stop(proc)
        browser.close()
    return found


def slider_moves(page, frames: Frames, moves: int) -> tuple[list[float], tuple[int, int]]:
    """Key presses on the total slider until the first headline figure changes, in seconds."""
    times = []
    thumb = page.get_by_role("slider").first
    thumb.focus()
    per_move = (0, 0)
    for i in range(moves):
        key = "ArrowRight"  # every move a setting nobody used before (0,1 fte more each time)
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_timeout(400)
        page.evaluate(START_MOVE)
        mark = frames.mark()
        page.keyboard.press(key)
        page.wait_for_function("() => window.__drawn !== null", timeout=60_000, polling="raf")
        times.append(page.evaluate(MOVE_SECONDS))
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_timeout(300)
        if i == 1:
            per_move = frames.since(mark)
    return times, per_move


def serve(target: Target, store: Path):
    port = free_port()
    started = time.monotonic()
    proc = start_streamlit(port, {"OPBOUW_STORE_PATH": str(store)}, script=target.script)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url)
    target.started.append(time.monotonic() - started)
    return proc, url


def measure(target: Target, browser, runs: int, cold_runs: int, moves: int, store: Path) -> None:
    for _ in range(cold_runs):
        proc, url = serve(target, store)
        try:
            seconds, _, (context, _, _) = first_render(browser, url + target.path, target.done)
            target.cold.append(seconds)
            context.close()
        finally:
            stop(proc)
    if target.cold_only:
        return
    proc, url = serve(target, store)
    try:
        _, _, (context, _, _) = first_render(browser, url + target.path, target.done)  # the server warms up
        context.close()
        for run in range(runs):
            seconds, frames_in, (context, page, frames) = first_render(browser, url + target.path, target.done)
            target.warm.append(seconds)
            if run == runs - 1:
                target.load_messages = frames_in
                target.slider, target.move_messages = slider_moves(page, frames, moves)
            context.close()
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="warm first renders per page")
    parser.add_argument("--cold-runs", type=int, default=3, help="server starts per page")
    parser.add_argument("--moves", type=int, default=15, help="slider moves per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        started = time.monotonic()
        for target in TARGETS:
            measure(target, browser, args.runs, args.cold_runs, args.moves, Path(tmp) / "scenarios.sqlite3")
        browser.close()
    bare, app, unwarmed, elements = TARGETS
    rows = [
        ("warm first render (median)", "warm", 2.0),
        ("cold start, first render (median)", "cold", 2.0),
        ("slider to figure (median)", "slider", 3.0),
    ]
    print(
        f"{'what a person waits for':36} {'app':>9} {'bare':>9} {'ratio':>7} {'goal':>6}   "
        f"{'elements only':>13} {'ratio':>6}"
    )
    for label, attr, goal in rows:
        a, b = statistics.median(getattr(app, attr)), statistics.median(getattr(bare, attr))
        e = statistics.median(getattr(elements, attr))
        verdict = "ok" if a / b <= goal else "over"
        print(
            f"{label:36} {a * 1000:7.0f}ms {b * 1000:7.0f}ms {a / b:6.2f}x {goal:4.0f}x  {verdict:4} "
            f"{e * 1000:9.0f}ms {e / b:5.2f}x"
        )
    cold = statistics.median(unwarmed.cold)
    print(
        f"{'cold start without the warm-up':36} {cold * 1000:7.0f}ms {'':9} {cold / statistics.median(bare.cold):6.2f}x"
    )
    for target in TARGETS:
        spread = {attr: [round(v * 1000) for v in getattr(target, attr)] for attr in ("warm", "cold")}
        start = f"server start to health check {statistics.median(target.started):.1f} s"
        if target.cold_only:
            print(f"{target.name}: cold {spread['cold']} ms; {start}")
            continue
        slider = sorted(round(v * 1000) for v in target.slider)
        print(
            f"{target.name}: warm {spread['warm']} ms, cold {spread['cold']} ms, slider min/median/max "
            f"{slider[0]}/{statistics.median(slider):.0f}/{slider[-1]} ms; websocket: load "
            f"{target.load_messages[0]} messages {target.load_messages[1] / 1024:.0f} KiB, one move "
            f"{target.move_messages[0]} messages {target.move_messages[1] / 1024:.0f} KiB; {start}"
        )
    print(f"({time.monotonic() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
