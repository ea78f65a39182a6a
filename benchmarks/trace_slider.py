"""Where the browser's time goes during a slider move (issue 19, point 2), from Chromium's own trace.

For each key press on the total slider, a Chromium performance trace (the DevTools timeline, as the
Performance panel records it) is taken, and the renderer's main thread is summed from the key press to
the moment the first headline figure has changed (both marked in the trace with ``console.timeStamp``):
its self time per kind of work (running JavaScript, style, layout, paint, garbage collection, the
websocket's messages), and the time it was idle, waiting for the server. Medians per move, for the bare
page, the elements-only page (map, charts, table; see bench_browser.py) and the app, in one run.

    python benchmarks/trace_slider.py [--moves 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import IDLE, TARGETS, at_the_slider, each_page  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink.user_timing"]

# As bench_browser.py's START_MOVE, and the press and the change marked in the trace.
MARKED_MOVE = """() => {
  const metric = () => document.querySelector('[data-testid="stMetricValue"]');
  window.__before = metric().innerText; window.__drawn = null;
  window.__watch = new MutationObserver(() => {
    if (window.__drawn === null && metric() && metric().innerText !== window.__before) {
      window.__drawn = performance.now(); console.timeStamp("figure drawn");
    }
  });
  window.__watch.observe(document.body, {subtree: true, childList: true, characterData: true});
  console.timeStamp("key pressed");
}"""

# Trace event names by the kind of work a person would call them.
KINDS = {
    "script": {
        "FunctionCall",
        "EvaluateScript",
        "v8.compile",
        "v8.callFunction",
        "TimerFire",
        "FireAnimationFrame",
        "EventDispatch",
        "v8.run",
        "RunMicrotasks",
        "V8.Execute",
        "HandlePostMessage",
    },
    "style": {"UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation", "ParseAuthorStyleSheet"},
    "layout": {"Layout", "UpdateLayerTree", "IntersectionObserverController::computeIntersections"},
    "paint": {"Paint", "PrePaint", "Layerize", "PaintImage", "Commit", "UpdateLayer", "RasterTask", "CompositeLayers"},
    "garbage collection": {
        "MinorGC",
        "MajorGC",
        "BlinkGC.AtomicPhase",
        "V8.GCScavenger",
        "V8.GCFinalizeMC",
        "V8.GCCompactor",
        "BlinkGC.CompleteSweep",
        "V8.GC_MC_BACKGROUND_MARKING",
    },
    "websocket": {"WebSocketReceiveHandshakeResponse", "WebSocketSendHandshakeRequest", "ResourceReceivedData"},
}
KIND_OF = {name: kind for kind, names in KINDS.items() for name in names}


def main_thread(events: list[dict]) -> tuple[int, int]:
    """The renderer main thread of the page (pid, tid)."""
    for event in events:
        if event.get("name") == "thread_name" and event.get("args", {}).get("name") == "CrRendererMain":
            pid, tid = event["pid"], event["tid"]
            if any(e.get("pid") == pid and e.get("name") == "TimeStamp" for e in events):
                return pid, tid
    raise RuntimeError("no renderer main thread with the marks in the trace")


def breakdown(trace: bytes) -> dict[str, float]:
    """Milliseconds of the main thread's self time per kind of work between the two marks, and idle."""
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    pid, tid = main_thread(events)
    marks = {e["args"]["data"]["message"]: e["ts"] for e in events if e.get("name") == "TimeStamp" and e["pid"] == pid}
    start, end = marks["key pressed"], marks["figure drawn"]
    spans = sorted(
        (e for e in events if e.get("ph") == "X" and e["pid"] == pid and e["tid"] == tid and "dur" in e),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    spent: dict[str, float] = defaultdict(float)
    stack: list[list] = []  # [end, kind, child time] of the spans that contain the current one

    def close(until: float) -> None:
        while stack and stack[-1][0] <= until:
            span_end, kind, own = stack.pop()
            spent[kind] += own

    for e in spans:
        close(e["ts"])
        lo, hi = max(e["ts"], start), min(e["ts"] + e["dur"], end)
        inside = max(hi - lo, 0) / 1000
        if stack:
            stack[-1][2] -= inside  # the parent's self time excludes this child
        kind = KIND_OF.get(e["name"], stack[-1][1] if stack else "other (scheduler, input, tasks)")
        stack.append([e["ts"] + e["dur"], kind, inside])
    close(float("inf"))
    spent["idle (waiting for the server)"] = (end - start) / 1000 - sum(spent.values())
    spent["press to figure"] = (end - start) / 1000
    return spent


def traced_moves(browser, url: str, done: str, moves: int) -> list[dict[str, float]]:
    context, page = at_the_slider(browser, url, done)
    found = []
    for _ in range(moves):
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_timeout(400)
        browser.start_tracing(page=page, categories=CATEGORIES)
        page.evaluate(MARKED_MOVE)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__drawn !== null", timeout=60_000, polling="raf")
        page.wait_for_timeout(50)
        found.append(breakdown(browser.stop_tracing()))
        page.evaluate("() => window.__watch.disconnect()")
    context.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args()
    bare, app, _, elements = TARGETS
    found = each_page((bare, elements, app), lambda browser, url, done: traced_moves(browser, url, done, args.moves))
    names = list(found)
    kinds = sorted(
        {k for moves in found.values() for move in moves for k in move}, key=lambda k: k != "press to figure"
    )
    print(f"renderer main thread, ms from key press to figure (median of {args.moves} moves)")
    print(f"{'':34}" + "".join(f"{n:>15}" for n in names))
    for kind in kinds:
        print(f"{kind:34}" + "".join(f"{statistics.median(m.get(kind, 0.0) for m in found[n]):15.1f}" for n in names))


if __name__ == "__main__":
    main()
