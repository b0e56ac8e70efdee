"""The Streamlit app through AppTest: the sample is mapped, a click opens the place panel,
article text reaches the page escaped, and bad input gives one clear line, not a traceback.

AppTest cannot click a map, so `streamlit_folium.st_folium` is replaced by a fake that
returns the click we choose. geo.app.livemap calls `streamlit_folium.st_folium` through the
module on every run (AppTest executes the whole script each time), so patching the module
attribute is enough: each run picks up the fake.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.app.state import KEYS
from tests.helpers import (
    APP,
    APP_TIMEOUT,
    BREAKOUT,
    IMG,
    SCRIPT,
    TRIP,
    WASHINGTON_CLICK,
    button,
    component_data,
    place_circles,
    shown,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "kim-putin-fr.txt"
VLADIVOSTOK = {"lat": 43.10562, "lng": 131.87353}  # what Leaflet reports for its marker

HOSTILE = (
    f"Kim Jong Un a quitté Vladivostok pour Moscou en train blindé. {SCRIPT}\n\n"
    f"À Moscou, il a rencontré Vladimir Poutine. {IMG}\n\n"
    f"Le train blindé est ensuite rentré à Vladivostok. {BREAKOUT}\n"
)
RAW_HTML = re.compile(r"<\s*/?\s*(script|img)\b|onerror\s*=\s*\"", re.IGNORECASE)


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    """Corrections go to a fresh cache folder (the gazetteer index is shared by a link), and
    the app is used alone (one store of corrections), whatever address the config gives."""
    from tests.conftest import isolated_cache

    monkeypatch.setenv("GEO_CACHE_DIR", str(isolated_cache(tmp_path / "cache")))
    monkeypatch.setenv("GEO_SERVED", "0")


@pytest.fixture
def app(fake_map) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def bodies(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def paste(at: AppTest, text: str) -> AppTest:
    radio = next(r for r in at.sidebar.radio if r.label == "Article")
    radio.set_value("Paste text").run()
    area = next(t for t in at.sidebar.text_area if t.label == "Article text")
    area.input(text).run()
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    radio = next(r for r in at.sidebar.radio if r.label == "Article")
    radio.set_value("Upload files").run()
    at.sidebar.file_uploader[0].upload(name, data, "text/plain").run()
    return at


def test_app_opens_with_the_sample_article_mapped(app, fake_map):
    caption = app.caption[0]
    # the time of the reading itself, even when this run took it from the cache
    timing = re.compile(
        r"Read in (\d+\.\d\d) s(, of which .* place index \(first run\)"
        r"| when first opened; shown from the cache)?"  # an earlier test read it in this process
    )
    first = timing.fullmatch(app.caption[-1].value)
    assert first, app.caption[-1].value
    app.run()  # a rerun of the page: the same reading, the same time
    assert app.caption[-1].value == first[0]
    again = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)  # another reader's page
    again.run()
    assert (
        again.caption[-1].value == f"Read in {first[1]} s when first opened; shown from the cache"
    )
    match = re.fullmatch(r"kim-putin-fr\.txt · fr · (\d+) places · (\d+) journeys", shown(caption))
    assert match and int(match[1]) >= 5, caption.value
    assert [i.value for i in app.info] == [
        "Click a marker to read the passages that mention the place."
    ]
    assert not app.error and not app.subheader

    fig, kwargs = fake_map.calls[-1]
    assert kwargs["key"] == "map" and "last_object_clicked" in kwargs["returned_objects"]
    html = fig.get_root().render()
    assert html.count("geo-place") >= int(match[1])
    # st_folium loads the page's scripts itself: none may come from a CDN
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_click_on_vladivostok_shows_its_passages(app, fake_map):
    fake_map.click(**VLADIVOSTOK)
    app.run()
    assert not app.exception, app.exception
    assert [s.value for s in app.subheader] == ["Vladivostok"]
    assert not app.info
    facts = next(b for b in bodies(app) if 'class="geo-facts"' in b)
    assert "<td>city</td>" in facts and "<td>RU</td>" in facts
    passages = next(b for b in bodies(app) if 'class="geo-passage"' in b)
    expected = [
        line for line in SEED.read_text(encoding="utf-8").splitlines() if "Vladivostok" in line
    ]
    assert passages.count("<blockquote") == len(expected)
    assert passages.count("<mark>Vladivostok</mark>") == sum(
        line.count("Vladivostok") for line in expected
    )
    assert "<mark>" not in passages.replace("<mark>Vladivostok</mark>", "")


def test_off_centre_click_on_a_big_marker_selects_it(app, fake_map):
    # what chromium sent for a real click on Vladivostok's 11.7 px circle at the sample's zoom
    fake_map.value = {
        "last_object_clicked": {"lat": 43.58039, "lng": 132.1875},
        "last_object_clicked_tooltip": "Vladivostok",
    }
    app.run()
    assert not app.exception, app.exception
    assert [s.value for s in app.subheader] == ["Vladivostok"]


def test_selection_survives_reruns_and_clicks_beside_markers(app, fake_map):
    fake_map.click(**VLADIVOSTOK)
    app.run()
    fake_map.value = {"last_object_clicked": None}  # e.g. a rerun from another widget
    app.run()
    assert [s.value for s in app.subheader] == ["Vladivostok"]
    fake_map.click(0.0, 0.0)  # no place there
    app.run()
    assert [s.value for s in app.subheader] == ["Vladivostok"]


def test_pasted_html_reaches_the_page_only_escaped(app, fake_map):
    from geo.pipeline import parse

    paste(app, HOSTILE)
    assert not app.exception, app.exception
    assert app.caption[0].value.startswith("pasted text · fr · ")
    places = parse(HOSTILE, doc_id="pasted text").places
    assert {"Vladivostok", "Moscou"} <= {m.text for p in places for m in p.mentions}

    shown = []
    for place in places:
        fake_map.click(place.lat, place.lon)
        app.run()
        assert not app.exception, app.exception
        assert [s.value for s in app.subheader] == [place.name]
        shown += bodies(app)
    for body in shown:
        assert not RAW_HTML.search(body), body
    text = "\n".join(shown)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in text
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text

    # the same text is in the map's popups, inside a JavaScript template literal
    html = fake_map.calls[-1][0].get_root().render()
    assert "window.__pwned" in html
    for raw in (SCRIPT, IMG, BREAKOUT, "<img src=x"):
        assert raw not in html


@pytest.mark.parametrize("text", ["", "   \n\t  \n"], ids=["empty", "blank"])
def test_empty_pasted_text_asks_for_an_article(app, fake_map, text):
    calls = len(fake_map.calls)
    paste(app, text)
    assert not app.exception and not app.error
    assert [i.value for i in app.info] == [
        "Paste or upload an article, or pick a sample, to map it."
    ]
    assert len(fake_map.calls) == calls  # no map drawn for nothing


def test_text_without_places_maps_nothing_and_does_not_fail(app, fake_map):
    paste(app, "Il fait beau aujourd'hui et tout le monde est content.")
    assert not app.exception and not app.error
    assert app.caption[0].value == "pasted text · fr · 0 places · 0 journeys"
    fake_map.click(**VLADIVOSTOK)  # a stale click from the previous map
    app.run()
    assert not app.exception and not app.subheader


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Moscou\x00\x00Vladivostok",
    ],
    ids=["pdf", "png", "nul-bytes"],
)
def test_binary_upload_shows_an_error_not_a_traceback(app, data):
    upload(app, "article.txt", data)
    assert not app.exception, app.exception
    (error,) = app.error
    assert "binary" in error.value and "\n" not in error.value
    assert not app.caption


def test_upload_in_a_western_encoding_is_decoded_and_mapped(app):
    upload(app, "article.txt", "Kim Jong Un est arrivé en train à Vladivostok.".encode("cp1252"))
    assert not app.exception and not app.error
    assert shown(app.caption[0]).startswith("article.txt · fr · 1 place")
    assert app.sidebar.file_uploader[0].allowed_type == [".txt", ".md", ".html", ".htm"]


def test_a_new_article_forgets_the_old_selection(app, fake_map):
    fake_map.click(**VLADIVOSTOK)
    app.run()
    assert [s.value for s in app.subheader] == ["Vladivostok"]
    fake_map.value = {"last_object_clicked": None}
    paste(app, "Le convoi est reparti de Vladivostok vers Khabarovsk.")
    assert not app.exception and not app.subheader
    assert [i.value for i in app.info] == [
        "Click a marker to read the passages that mention the place."
    ]


def test_counts_in_the_caption_agree_in_number(app):
    paste(app, "Le ministre est arrivé à Moscou.")
    assert app.caption[0].value.startswith("pasted text · fr · 1 place · ")


def journeys(at: AppTest) -> list[dict[str, str]]:
    """The rows of the journeys list, by column."""
    (drawn,) = component_data(at, "geo_journeys")
    columns = [c["name"] for c in drawn["columns"]]
    return [dict(zip(columns, row["cells"], strict=True)) for row in drawn["rows"]]


def choose_journey(at: AppTest, row: int) -> AppTest:
    """Pick the journeys list's `row`, as a click on it does."""
    (key,) = [k for k in at.session_state.keys() if k.startswith(f"{KEYS.journeys}-")]
    at.session_state[key] = {"picked": row}
    return at.run()


def test_the_sample_lists_its_journeys_beside_the_map(app):
    table = journeys(app)
    assert list(table[0]) == ["Traveler", "From → To", "When", "How", "Status"]
    assert len(table) == int(re.search(r"(\d+) journeys", app.caption[0].value)[1]) == 5
    kim = table[0]
    assert kim == {
        "Traveler": "Kim Jong Un",
        "From → To": "(Pyongyang) → Russia",
        "When": "ce mois-ci",
        "How": "train",
        "Status": "planned",
    }
    assert "**Journeys**" in bodies(app)


def test_choosing_a_journey_shows_its_passage_and_frames_it(app, fake_map):
    before = fake_map.calls[-1][1]
    assert before["center"] is None and before["feature_group_to_add"] is None
    choose_journey(app, 3)
    assert not app.exception, app.exception
    shown = next(b for b in bodies(app) if 'class="geo-journey"' in b)
    assert "Sergueï Choïgou" in shown and "(Moscow) → North Korea" in shown
    assert "<mark>Le porte-parole du Conseil national de sécurité" in shown
    assert "Origin inferred: capital of Russia" in shown
    fig, kwargs = fake_map.calls[-1]
    (lat, lon), zoom = kwargs["center"], kwargs["zoom"]
    assert 39 < lat < 62 and 37 < lon < 128 and 2 <= zoom <= 5  # between Moscow and North Korea
    (glow,) = kwargs["feature_group_to_add"]
    assert [c.options["className"] for c in glow._children.values()] == ["geo-route-selected"]
    assert "geo-route-selected" not in fig.get_root().render()  # the same map, not a rebuilt one


def test_places_in_reading_order_is_a_layer_added_to_the_map(app, fake_map):
    app.toggle[0].set_value(True).run()
    assert not app.exception, app.exception
    (layer,) = fake_map.calls[-1][1]["feature_group_to_add"]
    assert layer.layer_name == "Places in reading order"
    assert "geo-reading-order" not in fake_map.calls[-1][0].get_root().render()


def test_places_named_by_an_adjective_can_be_left_out_without_parsing_again(
    app, fake_map, monkeypatch
):
    paste(app, "Georgian troops shelled Russian positions near Tbilisi. Russia denied it.")
    assert app.caption[0].value == "pasted text · en · 3 places · 0 journeys"
    assert len(place_circles(fake_map.calls[-1][0])) == 3

    import geo.app.analysis

    parsed: list[str] = []
    real = geo.app.analysis.parse
    monkeypatch.setattr(
        geo.app.analysis, "parse", lambda text, **kw: parsed.append(text) or real(text, **kw)
    )
    box = next(c for c in app.sidebar.checkbox if c.label.startswith("Places named by an adj"))
    assert box.value is True
    box.uncheck().run()
    assert not app.exception, app.exception
    assert app.caption[0].value == "pasted text · en · 2 places · 0 journeys"
    assert len(place_circles(fake_map.calls[-1][0])) == 2
    assert parsed == []  # the cached reading, seen without its adjectives


def test_an_article_date_gives_the_journeys_dates(app):
    app.sidebar.date_input[0].set_value(datetime.date(2023, 9, 5)).run()
    assert not app.exception, app.exception
    assert [row["When"] for row in journeys(app)] == [
        "ce mois-ci (2023-09)",
        "le mois précédent (2023-08)",
        "le mois précédent (2023-08)",
        "en juillet (2023-07)",
        "2019",
    ]


def test_a_hostile_journey_reaches_the_page_only_escaped(app, fake_map):
    paste(app, HOSTILE)
    assert len(journeys(app)) >= 1
    choose_journey(app, 0)
    assert not app.exception, app.exception
    shown = next(b for b in bodies(app) if 'class="geo-journey"' in b)
    assert not RAW_HTML.search(shown), shown
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in shown


def test_a_new_article_forgets_the_chosen_journey(app, fake_map):
    choose_journey(app, 0)
    paste(app, "Le convoi est reparti de Vladivostok vers Khabarovsk.")
    assert not app.exception
    assert not [b for b in bodies(app) if 'class="geo-journey"' in b]
    assert fake_map.calls[-1][1]["center"] is None


def test_a_journey_over_the_pacific_is_framed_on_the_pacific():
    from geo.app.mapview import journey_view

    pacific, origin_less = TRIP.routes[1], TRIP.routes[2]
    (lat, lon), zoom = journey_view(TRIP, pacific)
    assert 180 < lon < 283 and zoom <= 3  # the arc's middle, one world east: all of it in view
    assert journey_view(TRIP, origin_less) == ((55.752, 37.618), 10)  # its destination


def test_every_export_has_a_download_button_made_when_clicked(app):
    # no export is made in the page's run: a button's file is made when it is clicked (its
    # name and content: test_downloads; the files downloaded: the reading room's browser test)
    buttons = app.get("download_button")
    assert all(b.proto.deferred_file_id and not b.proto.url for b in buttons)
    assert [b.proto.label for b in buttons] == [
        "Map (HTML)",
        "Data (JSON)",
        "GeoJSON",
        "Mentions (CSV)",
        "Google Earth (KML)",
    ]


def test_a_correction_moves_the_place_sticks_across_sessions_and_can_be_undone(app, fake_map):
    fake_map.value = WASHINGTON_CLICK
    app.run()
    washington = place_circles(fake_map.calls[-1][0])["Washington"]
    assert washington == (38.89511, -77.03637)
    choice = next(s for s in app.selectbox if s.label == "Another candidate")
    assert len(choice.options) == 5 and all(" — " in o for o in choice.options)  # with reasons
    button(app, "Use this candidate").click().run()
    assert not app.exception, app.exception
    facts = next(b for b in bodies(app) if 'class="geo-facts"' in b)
    assert "chosen by the reader" in facts and "<td>US</td>" in facts
    assert place_circles(fake_map.calls[-1][0])["Washington"] != washington  # the marker moved

    fake_map.value = {"last_object_clicked": None}
    again = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)  # a new session, same text
    again.run()
    assert not again.exception, again.exception
    assert place_circles(fake_map.calls[-1][0])["Washington"] != washington
    button(again, "Undo the last correction").click().run()
    assert not again.exception, again.exception
    assert place_circles(fake_map.calls[-1][0])["Washington"] == washington
    assert not [b for b in again.button if b.label == "Undo the last correction"]


def test_removing_a_place_and_searching_the_gazetteer(app, fake_map):
    fake_map.click(**VLADIVOSTOK)
    app.run()
    query = next(t for t in app.text_input if t.label == "Search the gazetteer")
    query.input("Paris").run()
    found = next(s for s in app.selectbox if s.label == "Places found")
    assert "capital of FR" in found.options[0]
    button(app, "Use this place").click().run()
    assert [s.value for s in app.subheader] == ["Paris"]
    assert "2.3488" in fake_map.calls[-1][0].get_root().render()
    button(app, "Not a place: remove it").click().run()
    assert not app.exception, app.exception
    assert "2.3488" not in fake_map.calls[-1][0].get_root().render()
    assert [i.value for i in app.info] == [
        "Click a marker to read the passages that mention the place."
    ]


def test_two_uploads_make_one_map_with_a_document_filter(app, fake_map):
    radio = next(r for r in app.sidebar.radio if r.label == "Article")
    radio.set_value("Upload files").run()
    uploader = app.sidebar.file_uploader[0]
    uploader.upload("a.txt", "Le ministre est arrivé à Moscou.".encode(), "text/plain")
    uploader.upload(
        "b.html",
        b"<html><body><article><p>Le convoi est reparti de Vladivostok "
        b"vers Khabarovsk dans la nuit de mardi, selon les autorit\xc3\xa9s.</p>"
        b"</article></body></html>",
        "text/html",
    )
    app.run()
    assert not app.exception and not app.error, (app.exception, app.error)
    assert app.caption[0].value.startswith("2 documents · fr · 3 places")
    doc = next(s for s in app.selectbox if s.label == "Document")
    assert doc.options == ["All documents", "a.txt", "b.html"]
    fake_map.click(**VLADIVOSTOK)
    app.run()
    passages = next(b for b in bodies(app) if 'class="geo-passage"' in b)
    assert '<p class="geo-doc"><small>b.html</small></p>' in passages
    doc.set_value("a.txt").run()
    assert shown(app.caption[0]).startswith("a.txt · fr · 1 place")
    # Vladivostok's marker (the offline base map names the town too, at 3 decimals)
    assert "131.87353" not in fake_map.calls[-1][0].get_root().render()


def test_the_same_upload_twice_is_one_document(app):
    radio = next(r for r in app.sidebar.radio if r.label == "Article")
    radio.set_value("Upload files").run()
    uploader = app.sidebar.file_uploader[0]
    for name in ("a.txt", "a.txt", "copy.txt"):
        uploader.upload(name, "Le ministre est arrivé à Moscou.".encode(), "text/plain")
    uploader.upload("b.txt", b"Le convoi est reparti de Vladivostok.", "text/plain")
    app.run()
    assert not app.exception and not app.error, (app.exception, app.error)
    assert app.caption[0].value.startswith("2 documents")
    doc = next(s for s in app.selectbox if s.label == "Document")
    assert doc.options == ["All documents", "a.txt", "b.txt"]
    said = [c.value for c in app.sidebar.caption]
    assert "copy.txt holds the same text as a.txt: read once." in said
