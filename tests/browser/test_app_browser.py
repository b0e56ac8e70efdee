"""The real Streamlit app in chromium, offline but for its own server: a mouse click on a
marker opens the place's passages beside the map, and hostile article text stays inert."""

from __future__ import annotations

from tests.browser.conftest import (
    FIRST_MAP_MS,
    assert_inert,
    click_marker,
    heading,
    live_map,
    panel_passages,
    paste,
    wait_ms,
)
from tests.helpers import BREAKOUT, IMG, SCRIPT

HOSTILE = (
    f"Kim Jong Un a quitté Vladivostok pour Moscou en train blindé. {SCRIPT}\n\n"
    f"À Moscou, il a rencontré Vladimir Poutine. {IMG}\n\n"
    f"Le train blindé est ensuite rentré à Vladivostok. {BREAKOUT}\n\n"
    # what else an article can carry: links, quotes that close JS strings, Markdown and
    # Streamlit markup, a very long word
    'À Séoul, <a href="javascript:window.__pwned=1">lien</a> [lien](javascript:window.__pwned=1) '
    "\");window.__pwned=1;// \\');window.__pwned=1;// `${window.__pwned=1}` :red[alerte] "
    "$$x^2$$ <style>*{display:none}</style> " + "y" * 3000 + "\n"
)


def test_marker_click_shows_its_passages_beside_the_map(app_page):
    from playwright.sync_api import expect

    page = app_page.page
    expect(page.get_by_text("Click a marker to read the passages")).to_be_visible(
        timeout=wait_ms(FIRST_MAP_MS)
    )
    click_marker(page, "Vladivostok", heading(page, "Vladivostok"))
    expect(panel_passages(page)).to_have_count(2)
    expect(panel_passages(page).locator("mark")).to_have_text(["Vladivostok"] * 3)


def test_pasted_html_stays_text_in_the_panel_and_the_map(app_page, app):
    from playwright.sync_api import expect

    page = app_page.page
    paste(page, HOSTILE)

    # (place, word marked in its passages, hostile pieces in those passages)
    for name, word, pieces in (
        ("Vladivostok", "Vladivostok", (SCRIPT, BREAKOUT)),
        ("Moscow", "Moscou", (SCRIPT, IMG)),
    ):
        # clicked again if it landed while the new text's map replaced the old one
        click_marker(page, name, heading(page, name))
        expect(panel_passages(page)).to_have_count(2)
        expect(panel_passages(page).locator("mark")).to_have_text([word, word])
        for piece in pieces:
            expect(panel_passages(page).filter(has_text=piece).first).to_be_visible()
        # the panel shows the place: no popup covers the map (the export's popups, with the
        # same passages, are checked in test_untrusted_browser)
        expect(live_map(page).locator(".leaflet-popup")).to_have_count(0)
    assert_inert(app_page, app)
