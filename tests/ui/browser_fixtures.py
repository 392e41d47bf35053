"""Fixtures for the browser tests: the API tests' server, and headless Chromium (Debian's, never a
downloaded build) that may reach only the loopback server."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from web_server import Server, build_kb  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "ui"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic", "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=127.0.0.1"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(build_kb(tmp_path_factory.mktemp("ui")))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page; any request not to our server is aborted (and recorded, to fail the test)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def gate(route) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.outside = outside
    yield pg
    context.close()
    assert not outside, f"the page tried to reach {outside}"
