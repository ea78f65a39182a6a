"""Shared fixtures: a real Streamlit server and headless Chromium for the browser tests."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured in benchmarks/, not asserted in tests: no per-example deadline
# (a loaded CI machine would make it flaky).
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(port: int, env: dict[str, str] | None = None, script: Path = ROOT / "serve.py") -> subprocess.Popen:
    ARTIFACTS.mkdir(exist_ok=True)  # also when a test that starts a server runs alone in a fresh clone
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )


def stop(proc: subprocess.Popen) -> None:
    """Stop a server politely, and for good after ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Streamlit did not start at {url} within {timeout} s")


@pytest.fixture(autouse=True)
def own_scenario_store(tmp_path, monkeypatch):
    """Every test gets an empty scenario store of its own (never the project's var/)."""
    monkeypatch.delenv("OPBOUW_STORE_URL", raising=False)
    monkeypatch.setenv("OPBOUW_STORE_PATH", str(tmp_path / "store" / "scenarios.sqlite3"))


@pytest.fixture(autouse=True)
def fresh_password_throttle(monkeypatch):
    """Every test starts with no wrong passwords counted (the counts are shared by the whole process)."""
    from opbouw.throttle import Throttle
    from ui import gate

    monkeypatch.setattr(gate, "SESSIONS", Throttle(free=gate.SESSIONS.free, max_wait_s=gate.SESSIONS.max_wait_s))
    monkeypatch.setattr(gate, "CLIENTS", Throttle(free=gate.CLIENTS.free, max_wait_s=gate.CLIENTS.max_wait_s))


@contextmanager
def serving(env: dict[str, str]):
    """``streamlit run serve.py`` (the README's command) on a free loopback port with these environment
    variables; yields its URL."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    proc = start_streamlit(port, env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    store = tmp_path_factory.mktemp("browser-store") / "scenarios.sqlite3"
    with serving({"OPBOUW_STORE_PATH": str(store)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
    pg = context.new_page()
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


def _postgres_bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL URL for the store tests: OPBOUW_TEST_DATABASE_URL, or a throwaway server on loopback.

    The server is made with Debian's postgresql binaries (scripts/test.sh installs them as
    root) in a temporary folder and stopped after the tests; without them the tests skip.
    """
    if os.environ.get("OPBOUW_TEST_DATABASE_URL"):
        yield os.environ["OPBOUW_TEST_DATABASE_URL"]
        return
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): store tests ran on SQLite only")
    folder = Path(tempfile.mkdtemp(prefix="opbouw-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as Debian's postgres user
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("PostgreSQL cannot run as root and there is no 'postgres' user")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "opbouw", "-E", "UTF8"], **run)
        options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
        log = str(folder / "log")
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start"], **run)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        pytest.skip(f"PostgreSQL could not be started here: {exc}")
    try:
        yield f"postgresql+psycopg://opbouw@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
