"""Browser fixtures: Debian chromium driven by Playwright, with the network cut off.

`offline_page` allows only file:, data: and about:; `offline_page_allowing(*prefixes)`
also allows the given URL prefixes (a local app server), for requests and WebSockets.
Without /usr/bin/chromium (or Playwright) the browser tests skip, except when the CI
environment variable is set: there they fail, so that they cannot silently stop running.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ALLOWED = ("file:", "data:", "about:")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}: browser tests must run in CI", pytrace=False)
    pytest.skip(reason)


@dataclass
class OfflinePage:
    """A page whose requests other than file:, data: and about: are refused."""

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _gated_page(context, allowed: tuple[str, ...]) -> OfflinePage:
    state = OfflinePage(page=None)

    def gate(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            state.blocked.append(route.request.url)
            route.abort()

    def ws_gate(ws):
        # context.route() does not see WebSockets; an app server's own socket is proxied
        if ws.url.startswith(allowed):
            ws.connect_to_server()
        else:
            state.blocked.append(ws.url)
            ws.close()

    context.route("**/*", gate)
    context.route_web_socket(lambda url: True, ws_gate)
    state.page = context.new_page()
    state.page.on("pageerror", lambda err: state.errors.append(str(err)))
    return state


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    yield _gated_page(context, ALLOWED)
    context.close()


@pytest.fixture
def offline_page_allowing(browser):
    """Factory: `offline_page_allowing("http://127.0.0.1:8501/", ...)` -> OfflinePage."""
    contexts = []

    def make(*prefixes: str, viewport=(1280, 900)) -> OfflinePage:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        return _gated_page(context, ALLOWED + prefixes)

    yield make
    for context in contexts:
        context.close()
