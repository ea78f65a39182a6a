"""The README's nginx configuration for several app processes, run for real: nginx in front of two
``streamlit run`` processes on one scenario store.

A browser must stay with one process for everything it asks (page, websocket, upload, download),
because its session lives there; different browsers may land on different processes; and a scenario
saved through one process is in the list the other shows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, free_port, start_streamlit, stop, wait_healthy
from tests.test_browser import use_file

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
METRIC = "[data-testid='stMetricValue']"


def readme_nginx() -> tuple[str, str]:
    """The README's two nginx blocks: the ``location`` for one process, and the map and upstream for several."""
    blocks = re.findall(r"```nginx\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    location = next(b for b in blocks if b.lstrip().startswith("location"))
    several = next(b for b in blocks if "upstream opbouw" in b)
    return location, several


def nginx_conf(workdir, port: int, app_ports: list[int]) -> str:
    location, several = readme_nginx()
    servers = re.findall(r"server 127\.0\.0\.1:(\d+);", several)
    assert len(servers) == len(app_ports), "the README's upstream lists one line per process"
    for documented, actual in zip(servers, app_ports):
        several = several.replace(f"127.0.0.1:{documented};", f"127.0.0.1:{actual};")
    cookie = re.search(r"add_header Set-Cookie .*?;.*$", several, re.M).group(0)
    location = location.replace("proxy_pass http://127.0.0.1:8501;", "proxy_pass http://opbouw;")
    assert "proxy_pass http://opbouw;" in location, "the README's location block forwards to one process"
    # The test's only addition: which process answered, so the test can see where a browser went.
    extra = f"{cookie}\n    add_header X-Upstream $upstream_addr always;\n"
    location = location.rstrip().removesuffix("}") + extra + "}\n"
    temp = "\n".join(
        f"    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
worker_processes 1;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"};
events {{ worker_connections 256; }}
http {{
    access_log off;
{temp}
    client_max_body_size 3m;
{several}
    server {{
        listen 127.0.0.1:{port};
{location}
    }}
}}
"""


def upstream_for(url: str, route: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"opbouw_route={route}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Upstream"]


@pytest.fixture
def proxied(tmp_path):
    """nginx with the README's configuration in front of two app processes; yields its URL."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (scripts/test.sh installs it as root)")
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"OPBOUW_STORE_PATH": str(tmp_path / "scenarios.sqlite3")}
    with ExitStack() as stack:
        app_ports = []
        for _ in range(2):
            app_ports.append(free_port())
            server = start_streamlit(app_ports[-1], env)
            stack.callback(stop, server)
        for app_port in app_ports:
            wait_healthy(f"http://127.0.0.1:{app_port}", timeout=90)
        port = free_port()
        conf = tmp_path / "nginx.conf"
        conf.write_text(nginx_conf(tmp_path, port, app_ports), encoding="utf-8")
        nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"])
        stack.callback(stop, nginx)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, timeout=30)
        yield url


def test_each_browser_keeps_to_one_process_and_both_processes_share_the_store(proxied, browser, tmp_path):
    from opbouw.data import read_wijken
    from opbouw.upload import template_csv

    # A first visit gets a route cookie; with it every request goes to the same process.
    with urllib.request.urlopen(proxied, timeout=10) as response:
        assert "opbouw_route=" in response.headers["Set-Cookie"]
    routes: dict[str, str] = {}  # process -> a route cookie that leads there
    for candidate in (f"bezoeker{i}" for i in range(40)):
        routes.setdefault(upstream_for(proxied, candidate), candidate)
        if len(routes) == 2:
            break
    assert len(routes) == 2, "different browsers land on different processes"

    own = tmp_path / "eigen.csv"
    # One figure changed (the unchanged template is not taken as own data): Wipstrik's inhabitants in 2024.
    template = template_csv(read_wijken()).decode("utf-8-sig")
    assert ";6395;6380;" in template
    own.write_text(template.replace(";6395;6380;", ";6395;6400;"), encoding="utf-8")
    visitors = []
    for process, route in routes.items():
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.add_cookies([{"name": "opbouw_route", "value": route, "url": proxied}])
        page = context.new_page()
        answered: set[str] = set()
        page.on(  # every answer from the proxy (not the blob: the page makes of a download)
            "response",
            lambda r, seen=answered: (
                seen.add(r.headers.get("x-upstream", r.url)) if r.url.startswith(proxied) else None
            ),
        )
        visitors.append((process, context, page, answered))

    first, second = visitors[0][2], visitors[1][2]
    try:
        # Upload (an HTTP request outside the websocket) and use own figures: only works in the session's process.
        first.goto(f"{proxied}/Gegevens")
        first.get_by_text("Gebruik deze gegevens").wait_for(timeout=60_000)
        use_file(first, own)
        first.get_by_text("Eigen gegevens in gebruik: 16 wijken uit eigen.csv").wait_for(timeout=30_000)

        # Save a scenario through the first process ...
        first.get_by_role("link", name="Verkennen").click()
        first.wait_for_selector(METRIC, timeout=60_000)
        first.get_by_text("Bewaar scenario").click()
        first.get_by_label("Naam").fill("Via het eerste proces")
        first.get_by_role("button", name="Bewaar", exact=True).click()
        first.get_by_text("Bewaard als 'Via het eerste proces'").wait_for(timeout=30_000)
        # Close the popover and let its rerun finish (the form leaves the page) before the download: a
        # download button clicked while a rerun replaces it can wait for a file that is no longer there.
        first.keyboard.press("Escape")
        first.get_by_label("Naam").wait_for(state="detached", timeout=30_000)
        with first.expect_download(timeout=60_000) as download:
            first.get_by_role("button", name="Download alles (Excel)").click()
        assert download.value.path().read_bytes()[:2] == b"PK", "the Excel file, from the session's process"

        # ... and the second browser, served by the other process, finds it.
        second.goto(f"{proxied}/Bewaarde_scenarios")
        second.get_by_text("Via het eerste proces").first.wait_for(timeout=60_000)
    except Exception:
        for process, _, page, _ in visitors:
            page.screenshot(path=str(ARTIFACTS / f"proxy-{process.replace(':', '-')}.png"))
        raise
    for process, context, _, answered in visitors:
        assert answered == {process}, f"every answer to one browser came from {process}, not {answered}"
        context.close()
