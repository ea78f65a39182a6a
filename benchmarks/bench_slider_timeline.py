"""Where a slider move's time goes, in real Chromium (issue 19, point 2): for each key press on the total
slider, in milliseconds after the press,

- **sent**: the browser sends the new value to the server;
- **first frame**: the first websocket message of the new script run reaches the page (Streamlit's
  "new session" message, sent at the start of every run);
- **second frame**, **third frame**: the next two (the session's status, "running"; the run's first
  element, for the app the fragment's own container). A message is handled when the page's main
  thread is free, so a gap after a message that carries no figures is the time the browser took to
  redraw the page for it;
- **headline frame**: the message with the headline figures ("Totaal opbouwwerk") reaches the page;
- **drawn**: the first headline figure on screen has changed (what bench_browser.py reports);

and how many messages came before the headline. For the app (``serve.py``) and the bare page, medians
over ``--moves`` moves, each a setting the server has not computed yet. The page's messages are timed by
wrapping the page's own ``WebSocket`` before it loads (an init script; nothing in the app changes).

    python benchmarks/bench_slider_timeline.py [--moves 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import IDLE, START_MOVE, TARGETS, at_the_slider, each_page  # noqa: E402

RECORD = """(() => {
  const Native = window.WebSocket;
  window.__frames = [];
  const Timed = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      const at = performance.now();
      const text = event.data instanceof ArrayBuffer ? new TextDecoder().decode(event.data) : "";
      window.__frames.push(["in", at, text.includes("Totaal opbouwwerk")]);
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => { window.__frames.push(["out", performance.now(), false]); return send(data); };
    return socket;
  };
  Timed.prototype = Native.prototype;
  Object.assign(Timed, Native);
  window.WebSocket = Timed;
})();"""


def moves_of(browser, url: str, done: str, moves: int) -> list[dict[str, float]]:
    context, page = at_the_slider(browser, url, done, RECORD)
    rows = []
    for _ in range(moves):
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_timeout(400)
        page.evaluate("() => { window.__frames = []; }")
        page.evaluate(START_MOVE)
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__drawn !== null", timeout=60_000, polling="raf")
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_timeout(300)
        pressed, drawn, frames = page.evaluate(
            "() => { window.__watch.disconnect(); return [window.__pressed, window.__drawn, window.__frames]; }"
        )
        sent = next(at for kind, at, _ in frames if kind == "out")
        arrived = [(at, headline) for kind, at, headline in frames if kind == "in"]
        head = next((i for i, (_, headline) in enumerate(arrived) if headline), None)
        rows.append(
            {
                "sent": sent - pressed,
                "first frame": arrived[0][0] - pressed,
                "second frame": arrived[1][0] - pressed,
                "third frame": arrived[2][0] - pressed,
                "headline frame": arrived[head][0] - pressed if head is not None else float("nan"),
                "drawn": drawn - pressed,
                "messages before the headline": float(head if head is not None else len(arrived)),
            }
        )
    context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    bare, app = TARGETS[0], TARGETS[1]
    found = each_page((bare, app), lambda browser, url, done: moves_of(browser, url, done, args.moves))
    keys = list(found[app.name][0])
    print(f"median over {args.moves} moves, ms after the key press {'':4} {app.name:>8} {bare.name:>10}")
    for key in keys:
        medians = [statistics.median(row[key] for row in found[t.name]) for t in (app, bare)]
        print(f"  {key:48} {medians[0]:8.1f} {medians[1]:10.1f}")


if __name__ == "__main__":
    main()
