"""Fixtures of the web explorer's real-browser tests: the app on a free localhost port and
headless Debian chromium driven by Playwright (the Playwright browser download does not work
here, so ``executable_path`` points at /usr/bin/chromium).

Where the browser is required - ``ALLOYPORE_CI`` or ``ALLOYPORE_REQUIRE_BROWSER`` set (``make
test`` and CI set them) - a missing chromium or playwright FAILS these tests; elsewhere they
skip loudly, naming what is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from webhelp import free_port, wait_healthy

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ALLOYPORE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]




def browser_required() -> bool:
    """True on CI and under ``make test``: a missing browser is then a failure, not a skip."""
    return any(os.environ.get(k, "").strip() not in ("", "0") for k in ("ALLOYPORE_CI", "ALLOYPORE_REQUIRE_BROWSER", "CI"))


def _unavailable(message: str) -> None:
    if browser_required():
        pytest.fail(f"REAL-BROWSER TESTS CANNOT RUN (required here): {message}", pytrace=False)
    pytest.skip(f"REAL-BROWSER TESTS SKIPPED: {message}")


def _ensure_chromium() -> None:
    """Install chromium with scripts/install_browser.sh if missing; skip LOUDLY (or fail, where required) if impossible."""
    if os.access(CHROMIUM, os.X_OK):
        return
    script = REPO / "scripts" / "install_browser.sh"
    proc = subprocess.run(["sh", str(script)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not os.access(CHROMIUM, os.X_OK):
        reason = " ".join((proc.stderr or proc.stdout or "no output").split())[-400:]
        _unavailable(f"chromium missing at {CHROMIUM} and could not be installed: {reason}")


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory) -> Path:
    """Screenshots go to out/web-screenshots when ALLOYPORE_ARTIFACTS is set, else a tmp dir."""
    if os.environ.get("ALLOYPORE_ARTIFACTS"):
        d = REPO / "out" / "web-screenshots"
    else:
        d = tmp_path_factory.mktemp("web-screenshots")
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Serve the app with ``alloypore web``'s command on a free port; stop it afterwards."""
    from alloypore.web.server import streamlit_command

    port = free_port()
    home = tmp_path_factory.mktemp("streamlit-home")
    env = dict(os.environ, HOME=str(home), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    log = open(home / "server.log", "w+")
    proc = subprocess.Popen(
        streamlit_command(port, "127.0.0.1", python=sys.executable), cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"

    def output() -> str:
        log.seek(0)
        return log.read()

    try:
        wait_healthy(url, proc, output, timeout=60)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright driver for the whole session (the sync API allows one per thread)."""
    _ensure_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:  # pragma: no cover - the test extra is missing
        _unavailable(f"playwright is not installed ({err}); pip install playwright")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser_context(playwright_session, tmp_path_factory):
    """A headless chromium context with a fresh user-data dir."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    ctx = playwright_session.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1500, "height": 1000},
        accept_downloads=True,
    )
    ctx.set_default_timeout(20_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def browser(playwright_session):
    """A headless chromium for tests that open several independent contexts (sessions) at once."""
    b = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def page(browser_context, app_url):
    """A new tab (hence a new app session with the built-in example loaded)."""
    pg = browser_context.new_page()
    pg.goto(app_url + "/")
    try:
        yield pg
    finally:
        pg.close()
