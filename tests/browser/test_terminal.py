"""The README's app command keeps a quiet terminal: no file watcher walking the virtual
environment, no usage statistics, no warnings (deprecations from geo's own calls, threads
without a run context)."""

from __future__ import annotations

from geo.app.prepared import WARM_AFTER
from tests.browser.conftest import FIRST_MAP_MS, marker, served, wait_ms

# the README's `streamlit run app.py`, on a loopback port without opening a browser: the
# watcher and the statistics are left to .streamlit/config.toml
README_OPTIONS = ["--server.address", "127.0.0.1", "--server.headless", "true"]
NOISE = ("inotify", "usage statistics", "deprecat", "traceback", "warning")


def test_the_app_command_keeps_the_terminal_quiet(browser, offline_page_allowing, tmp_path):
    from playwright.sync_api import expect

    # a first start, then a second one, which shows the reading the first kept and does in
    # the background, after the page, what a click and the next text need
    for start in ("first", "second"):
        (tmp_path / start).mkdir()
        with served(tmp_path / start, options=README_OPTIONS) as app:
            state = offline_page_allowing(*app.prefixes)
            state.page.goto(app.url)
            expect(state.page.get_by_text("Click a marker to read the passages")).to_be_visible(
                timeout=wait_ms(FIRST_MAP_MS)
            )
            # the work after the first page (from WARM_AFTER seconds on), whose thread once
            # made Streamlit warn, then a click and what its run prints
            state.page.wait_for_timeout((WARM_AFTER + 4) * 1000)
            marker(state.page, "Vladivostok").click()
            state.page.wait_for_timeout(2000)
            log = app.log.read_text(errors="replace")
        assert "You can now view your Streamlit app" in log  # the log is the server's own
        found = [line for line in log.splitlines() if any(n in line.lower() for n in NOISE)]
        assert not found, (start, found)
