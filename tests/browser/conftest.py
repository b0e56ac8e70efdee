"""Browser fixtures: Debian chromium driven by Playwright, with the network cut off.

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


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    state = OfflinePage(page=None)

    def gate(route):
        if route.request.url.startswith(ALLOWED):
            route.continue_()
        else:
            state.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    state.page = context.new_page()
    state.page.on("pageerror", lambda err: state.errors.append(str(err)))
    yield state
    context.close()
