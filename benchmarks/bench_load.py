"""Load: N sessions move the total-FTE slider against ``streamlit run`` (one process, or several).

Two kinds of client: ``--client browser`` (default), real Chromium pages (Playwright), which on a
small machine measures Chromium as much as the app; and ``--client ws``, sessions that speak
Streamlit's own websocket protocol (the messages a browser sends and receives, without rendering),
which measures the server.

Browser sessions join one after another, as people open a shared link (each page has drawn its
figure before the next opens; the load times are reported), and then all move at once. Each session
moves the total slider, waits for the headline figure to change and then for ``--pause`` seconds
(default 1: a person reads the figure before moving on; 0 is a stress test). With the ws client,
``--pattern new`` (default) gives every session its own share of presence work and level and walks
the total upwards, so every move is a setting the server has not computed before; ``repeat`` goes
8,0 -> 9,0 -> 8,0, so after one sweep every setting is in the shared page cache (ui/views.py).

``--servers K`` starts K app processes on one scenario store and gives session i to process i mod K,
as a load balancer with sticky sessions does (README, Hosting). ``--reference`` serves
benchmarks/reference_page.py instead of the app: the same slider and figure and nothing else, the
floor of what Streamlit and Chromium cost per move on this machine.

For each N it reports reruns per second (all sessions together), the median and 95th percentile
time from a slider move (a key press) to the updated headline figure, errors (timeouts, or an
exception shown on the page), and the CPU used by the servers, by Chromium and by the driver. It
also reports the time from ``streamlit run`` to the first complete render (headline, table and map
drawn) in a browser. Needs Debian's chromium.

    python benchmarks/bench_load.py [--sessions 1 10 30] [--seconds 20] [--client ws] [--pause 1]
        [--servers 2] [--reference] [--entry app.py]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import ARTIFACTS, free_port, start_streamlit, wait_healthy  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
METRIC = "[data-testid='stMetricValue']"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), to tell server load from browser load."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the process has ended
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_pids(servers: list[int]) -> tuple[list[int], list[int]]:
    """This benchmark's child processes apart from the servers: (Chromium's, all of them: browser,
    renderers, GPU process; the Playwright driver's)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid], names[pid] = int(tail.split()[1]), head.split("(", 1)[1]
    ours = {os.getpid()}
    changed = True
    while changed:
        grown = ours | {pid for pid, parent in parents.items() if parent in ours and pid not in servers}
        changed, ours = grown != ours, grown
    ours.discard(os.getpid())
    chromium = [pid for pid in ours if "chrom" in names.get(pid, "")]
    return chromium, [pid for pid in ours if pid not in chromium]


def cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def reading(pause: float) -> float:
    """A person's pause after a figure changes: ``pause`` seconds on average, between half and one and a
    half times it, so that sessions do not move in step (which would make every move wait for all others)."""
    return pause * random.uniform(0.5, 1.5)


async def first_render(browser, url: str) -> None:
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    await page.goto(url)
    await page.wait_for_selector(METRIC, timeout=90_000)
    await page.wait_for_selector("[data-testid='stTable']", timeout=90_000)
    await page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(state="visible", timeout=90_000)
    await context.close()


async def join(browser, url: str, errors: list[str]) -> tuple[object, float | None]:
    """Open a page as a new visitor: (its context, seconds until the headline figure is there, or None)."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    start = time.perf_counter()
    try:
        page = await context.new_page()
        await page.goto(url, timeout=120_000)
        await page.wait_for_selector(METRIC, timeout=120_000)
    except Exception as exc:  # noqa: BLE001 - counted as an error
        errors.append(f"page load: {type(exc).__name__}")
        return context, None
    return context, time.perf_counter() - start


async def session(context, seconds: float, latencies: list[float], errors: list[str], pause: float = 0.0) -> None:
    """Move the total slider with the keyboard for ``seconds`` in a page that has loaded."""
    page = context.pages[0]
    try:
        thumb = page.get_by_role("slider").first
        await thumb.focus()
        deadline = time.monotonic() + seconds
        step = 0
        while time.monotonic() < deadline:
            before = await page.locator(METRIC).first.inner_text()
            key = "ArrowRight" if (step // 10) % 2 == 0 else "ArrowLeft"  # 8,0 -> 9,0 -> 8,0 ...
            start = time.perf_counter()
            await page.keyboard.press(key)
            try:
                await page.wait_for_function(
                    "b => document.querySelector(\"[data-testid='stMetricValue']\").innerText !== b",
                    arg=before,
                    timeout=30_000,
                )
            except Exception as exc:  # noqa: BLE001 - counted as an error
                errors.append(type(exc).__name__)
                continue
            latencies.append(time.perf_counter() - start)
            if await page.locator("[data-testid='stException']").count():
                errors.append("exception on page")
            step += 1
            await asyncio.sleep(reading(pause))
    except Exception as exc:  # noqa: BLE001 - counted as an error
        errors.append(type(exc).__name__)


async def _until_finished(ws, label: str) -> tuple[str | None, dict, float | None]:
    """Read one script run: (headline figure, the sliders' protos by label, when the figure came)."""
    figure = when = None
    sliders = {}
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "metric" and element.metric.label == label and figure is None:
                figure, when = element.metric.body, time.perf_counter()
            elif which == "slider":
                sliders[element.slider.label.split(" (")[0]] = element.slider
            elif which == "exception":
                raise RuntimeError("exception on page")
        elif kind == "script_finished":
            return figure, sliders, when


def family(i: int) -> str:
    """Session i's fixed settings, as a link: its own share of presence work (0-100 % in steps of 5)
    and level, so that up to 42 sessions each walk through settings nobody else uses."""
    return f"presence_pct={5 * (i % 21)}&level={('wijk', 'stadsdeel')[(i // 21) % 2]}"


async def ws_session(
    url: str,
    seconds: float,
    latencies: list[float],
    errors: list[str],
    i: int = 0,
    pattern: str = "new",
    pause: float = 0.0,
) -> None:
    """A session without a browser: the same messages over Streamlit's websocket.

    ``pattern`` "repeat": the total goes 8,0 -> 9,0 -> 8,0 in steps of 0,1 (after the first sweep every
    setting is one the server has seen). "new": the session has its own share and level (``family``)
    and the total walks up from a random start, so every move is a setting nobody used before.
    """
    rng = random.Random(i)
    try:
        async with connect(
            url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None
        ) as ws:
            back = BackMsg()
            back.rerun_script.query_string = family(i) if pattern == "new" else ""
            await ws.send(back.SerializeToString())
            figure, sliders, _ = await asyncio.wait_for(_until_finished(ws, "Totaal opbouwwerk"), 120)
            slider = sliders["Totaal aantal fte opbouwwerk"]
            options = list(slider.options)
            index = options.index("8,0 fte") if pattern == "repeat" else rng.randrange(len(options) - 1)
            step = 0
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                if pattern == "repeat":
                    index += 1 if (step // 10) % 2 == 0 else -1  # 8,0 -> 9,0 -> 8,0 ...
                else:
                    index = index + 1 if index + 1 < len(options) else 1
                back = BackMsg()
                back.rerun_script.query_string = ""
                state = back.rerun_script.widget_states.widgets.add()
                state.id = slider.id
                state.string_array_value.data.append(options[index])
                start = time.perf_counter()
                await ws.send(back.SerializeToString())
                try:
                    new, sliders, when = await asyncio.wait_for(_until_finished(ws, "Totaal opbouwwerk"), 30)
                except (TimeoutError, RuntimeError) as exc:
                    errors.append(type(exc).__name__)
                    break
                share_slider = sliders["Aandeel presentie-inzet"]
                share = (list(share_slider.value) or list(share_slider.default))[0]
                if new == figure or when is None:
                    errors.append("figure did not change")
                elif pattern == "new" and share != 5 * (i % 21):
                    errors.append("the session lost its settings")
                else:
                    latencies.append(when - start)
                figure, step = new, step + 1
                await asyncio.sleep(reading(pause))
    except Exception as exc:  # noqa: BLE001 - counted as an error
        errors.append(type(exc).__name__)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(
    sessions: list[int],
    seconds: float,
    client: str = "browser",
    pattern: str = "new",
    pause: float = 1.0,
    servers: int = 1,
    reference: bool = False,
    entry: str = "serve.py",
) -> None:
    store = Path(tempfile.mkdtemp()) / "scenarios.sqlite3"
    script = ROOT / "benchmarks" / "reference_page.py" if reference else ROOT / entry
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start = time.perf_counter()
        ARTIFACTS.mkdir(exist_ok=True)
        procs, urls = [], []
        for _ in range(servers):  # one after another: free_port must not hand out a port twice
            port = free_port()
            procs.append(start_streamlit(port, {"OPBOUW_STORE_PATH": str(store)}, script))
            urls.append(f"http://127.0.0.1:{port}")
            wait_healthy(urls[-1], timeout=90)
        try:
            healthy = time.perf_counter() - start
            if not reference:
                await first_render(browser, urls[0])
                rendered = time.perf_counter() - start
                print(f"streamlit run -> health check {healthy:.1f} s; -> first complete render {rendered:.1f} s")
            for n in sessions:
                latencies: list[float] = []
                errors: list[str] = []
                contexts = []
                if client == "ws":
                    moving = [
                        ws_session(urls[i % servers], seconds, latencies, errors, i, pattern, pause) for i in range(n)
                    ]
                else:
                    loads, loaded = [], []
                    for i in range(n):  # visitors arrive one after another
                        context, took = await join(browser, urls[i % servers], errors)
                        contexts.append(context)
                        if took is not None:
                            loads.append(took)
                            loaded.append(context)
                    if loads:
                        print(
                            f"N={n:>2}: {len(loads)} of {n} pages loaded one after another, headline after median "
                            f"{statistics.median(loads):.1f} s, slowest {max(loads):.1f} s"
                        )
                    moving = [session(c, seconds, latencies, errors, pause) for c in loaded]
                server_pids = [server.pid for server in procs]
                chromium, driver = browser_pids(server_pids)
                began = time.perf_counter()
                server_before, chromium_before = cpu_of(server_pids), cpu_of(chromium)
                own_before = sum(os.times()[:2]) + cpu_of(driver)
                await asyncio.gather(*moving)
                elapsed = time.perf_counter() - began
                server_cpu = (cpu_of(server_pids) - server_before) / elapsed
                chromium_cpu = (cpu_of(chromium) - chromium_before) / elapsed
                own_cpu = (sum(os.times()[:2]) + cpu_of(driver) - own_before) / elapsed
                for context in contexts:
                    await context.close()
                who = "ws clients" if client == "ws" else f"Chromium {chromium_cpu:.2f}, Playwright driver"
                cpu = f"CPU in cores: {servers} server(s) {server_cpu:.2f}, {who} {own_cpu:.2f} (of {os.cpu_count()})"
                if latencies:
                    p95 = percentile(latencies, 0.95)
                    print(
                        f"N={n:>2}: {len(latencies) / elapsed:5.1f} reruns/s, move -> figure median "
                        f"{statistics.median(latencies) * 1000:5.0f} ms, p95 {p95 * 1000:5.0f} ms, "
                        f"{len(errors)} errors ({len(latencies)} moves in {elapsed:.0f} s; {cpu})"
                    )
                else:
                    print(f"N={n:>2}: no completed moves; {len(errors)} errors ({cpu})")
                if errors:
                    print(f"      errors: {dict(collections.Counter(errors))}")
        finally:
            for server in procs:
                server.send_signal(signal.SIGTERM)
            for server in procs:
                server.wait(timeout=20)
            await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--client", choices=["browser", "ws"], default="browser")
    parser.add_argument(
        "--pattern",
        choices=["new", "repeat"],
        default="new",
        help="ws client: every move a setting nobody used before (new), or 8,0 -> 9,0 and back (repeat)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=1.0,
        help="seconds a session waits after the figure has changed before its next move (reading it); 0 = stress",
    )
    parser.add_argument("--servers", type=int, default=1, help="app processes; session i uses process i mod K")
    parser.add_argument(
        "--reference", action="store_true", help="serve benchmarks/reference_page.py (browser client): the floor"
    )
    parser.add_argument(
        "--entry",
        choices=["serve.py", "app.py"],
        default="serve.py",
        help="what streamlit runs: serve.py (the README's command) or app.py (no warm-up, Python's switch interval)",
    )
    args = parser.parse_args()
    if args.reference and args.client == "ws":
        parser.error("--reference measures browsers; use it with --client browser")
    pattern = f"pattern {args.pattern}" if args.client == "ws" else "8,0 -> 9,0 and back"
    page = "reference page" if args.reference else args.entry
    print(
        f"client {args.client}, {pattern}, pause {args.pause:g} s between moves, {page} on {args.servers} process(es)"
    )
    asyncio.run(
        run(
            args.sessions, args.seconds, args.client, args.pattern, args.pause, args.servers, args.reference, args.entry
        )
    )


if __name__ == "__main__":
    main()
