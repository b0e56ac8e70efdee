"""Ten readers at once for a minute: no error, no text or selection leaking between sessions.

Each session pastes its own article (with a word no other session uses) again and again; the
rounds are submitted together, so the server works on ten sessions at a time. Bounded: one
minute or 30 rounds, whichever comes first. The latency from submit to mapped page is printed.
"""

from __future__ import annotations

import statistics
import time

import pytest

from tests.browser.conftest import wait_ms

pytestmark = pytest.mark.slow  # a minute of ten sessions

SESSIONS = 10
DURATION = 60.0
MAX_ROUNDS = 30
CITIES = [
    "Moscou",
    "Séoul",
    "Pékin",
    "Tokyo",
    "Berlin",
    "Madrid",
    "Rome",
    "Vienne",
    "Prague",
    "Oslo",
]


def article(session: int, round_: int) -> str:
    return (
        f"Le ministre Zorglub{session}x a visité {CITIES[session]} au tour {round_}. "
        f"Il est ensuite rentré à {CITIES[session]}."
    )


def test_ten_sessions_for_a_minute(app, offline_page_allowing):
    from playwright.sync_api import expect

    pages = []
    for _ in range(SESSIONS):
        state = offline_page_allowing(*app.prefixes)
        state.page.goto(app.url, timeout=wait_ms(90_000))  # ten sessions start at once on two cores
        pages.append(state)
    for state in pages:
        sidebar = state.page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Paste text", exact=True)).to_be_visible(timeout=wait_ms(60_000))
        sidebar.get_by_text("Paste text", exact=True).click()
    latencies, rounds, start = [], 0, time.monotonic()
    while time.monotonic() - start < DURATION and rounds < MAX_ROUNDS:
        sent = []
        for i, state in enumerate(pages):
            area = state.page.get_by_test_id("stSidebar").get_by_label("Article text")
            area.fill(article(i, rounds))
            area.press("Control+Enter")
            sent.append(time.monotonic())
        for i, state in enumerate(pages):
            main = state.page.get_by_test_id("stMain")
            expect(main.get_by_text(f"au tour {rounds}.", exact=False).first).to_be_visible(
                timeout=wait_ms(30_000)
            )
            latencies.append(time.monotonic() - sent[i])
            # get_by_text also reads inside the text component's shadow root
            assert main.get_by_text(f"Zorglub{i}x", exact=False).count() >= 1
            leaked = [
                j
                for j in range(SESSIONS)
                if j != i and main.get_by_text(f"Zorglub{j}x", exact=False).count()
            ]
            assert not leaked, f"session {i} shows the text of sessions {leaked}"
        rounds += 1
    for state in pages:
        assert state.errors == [], state.errors
        assert not state.page.get_by_test_id("stException").count()
    print(
        f"\n{SESSIONS} sessions, {rounds} rounds in {time.monotonic() - start:.0f} s: "
        f"latency p50 {statistics.median(latencies):.2f} s, "
        f"p95 {sorted(latencies)[int(0.95 * len(latencies)) - 1]:.2f} s, max {max(latencies):.2f} s"
    )
    assert rounds >= 3
