"""The one module of what tests share (and the benchmarks reuse): named samples and builders
(places, hand-made and synthetic Results, hostile text), checks of a result's offsets, geo's CLI
run in this process, a stand-in for the app's map, a web site for the URL reader, Chromium kept
offline.

The gazetteer's candidates (MOSCOW_CANDIDATE, MOSCOW_IDAHO, ...) and the tiny gazetteer they
make are in tests/conftest.py, beside its fixture; the browser's fixtures in
tests/browser/conftest.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli.main import main
from geo.model import KINDS, Alternative, Candidate, Mention, Passage, Place, Result, Route

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parent.parent

# --- places and hand-made Results ---------------------------------------------------------


def place(
    pid: str, name: str, lat: float, lon: float, kind: str = "city", country: str = "RU"
) -> Place:
    """A place from the gazetteer, not mentioned yet: make_result() adds its mentions."""
    return Place(pid, name, lat, lon, kind, country, "gazetteer", 0.9, ())


VLADIVOSTOK = place("vl", "Vladivostok", 43.106, 131.874)
MOSCOW = place("mo", "Moscow", 55.752, 37.618)
WASHINGTON = place("wa", "Washington", 38.895, -77.036, country="US")
RUSSIA = place("ru", "Russia", 61.524, 105.319, "country")

PlaceLike = Place | tuple  # a Place, or the arguments of place()


def make_result(
    paragraphs: Iterable[str],
    places: Iterable[PlaceLike],
    routes: Iterable[Route] = (),
    doc_id: str = "sample",
) -> Result:
    """A Result whose places are mentioned wherever their name occurs in the paragraphs."""
    passages, at = [], 0
    for i, text in enumerate(paragraphs):
        passages.append(Passage(i, at, at + len(text), text))
        at += len(text) + 2
    built = []
    for spec in places:
        p = spec if isinstance(spec, Place) else place(*spec)
        mentions = tuple(
            Mention(passage.start + m.start(), passage.start + m.end(), p.name, passage.id)
            for passage in passages
            for m in re.finditer(re.escape(p.name), passage.text)
        )
        built.append(replace(p, mentions=mentions))
    text = "\n\n".join(p.text for p in passages)
    return Result(doc_id, "en", text, tuple(passages), tuple(built), tuple(routes))


def result_from(
    paragraphs: tuple[str, ...],
    *,
    doc_id: str = "sample",
    places: tuple[PlaceLike, ...] = (VLADIVOSTOK, MOSCOW),
    traveler: str = "Kim Jong Un",
) -> Result:
    """make_result() with one route from the first place to the second, told in the first
    paragraph."""
    result = make_result(paragraphs, places, doc_id=doc_id)
    first, second = result.places[:2]
    route = Route(
        first.id, second.id, traveler, "train", None, "past", 0, paragraphs[0], mode_kind="train"
    )
    return replace(result, routes=(route,))


TRAIN = Route(
    "vl", "mo", "Kim Jong Un", "train", "September", "past", 0, "left by train", mode_kind="train"
)
# three places (Moscow mentioned three times), a past journey, a planned one, one without origin
TRIP = make_result(
    [
        "Kim Jong Un left Vladivostok for Moscow by armoured train.",
        "In Moscow he met the president. Moscow was cold.",
        "He may later fly from Vladivostok to Washington.",
    ],
    [VLADIVOSTOK, MOSCOW, WASHINGTON],
    routes=(
        TRAIN,
        Route("vl", "wa", "Kim", "fly", None, "planned", 2, "may later fly", mode_kind="plane"),
        Route(None, "mo", None, None, None, "past", 1, "origin unknown"),
    ),
)

# --- hostile text ---------------------------------------------------------------------------

# what an article can carry into a page; a browser test checks that window.__pwned stays unset
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
BREAKOUT = "</script><script>window.__pwned=1</script>"

# markup and script in map popups and exports (alert(n): which one ran, if one did)
INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "`);alert(3);//",
    "${alert(4)}",
    "\\`);alert(5);//",
    "\"quoted\" and 'single'",
)

# text that a template engine would run: Jinja2 (expression, statement, comment, a quote
# that breaks its syntax), JavaScript template literals, ERB
TEMPLATE_PAYLOADS = (
    "{{ 7*7 }}",
    "{% for x in range(3) %}[{{ x }}]{% endfor %}",
    "{{ cycler.__init__.__globals__.os.mkdir(dict(SSTI_PROOF_DIR=1)|first) }}",
    "{# unclosed",
    "${7*7}",
    "<%= 7*7 %>",
    "l'{{ ' }}",
)

# an article with a payload after each city: markup, links, quotes that close JavaScript
# strings, Markdown and Streamlit markup, a spreadsheet formula, a very long word
UNTRUSTED_PAYLOADS = (
    SCRIPT,
    IMG,
    BREAKOUT,
    '<a href="javascript:window.__pwned=1">lien</a> [lien](javascript:window.__pwned=1)',
    '");window.__pwned=1;//',
    "\\');window.__pwned=1;//",
    "`${window.__pwned=1}`",
    ":red[alerte] $$x^2$$ **gras** <style>body{display:none}</style>",
    '=HYPERLINK("http://evil.example","clic")',
    "x" * 5000,
)
UNTRUSTED_CITIES = (
    "Moscou",
    "Séoul",
    "Pékin",
    "Tokyo",
    "Berlin",
    "Madrid",
    "Rome",
    "Vienne",
    "Prague",
    "Varsovie",
)
UNTRUSTED_ARTICLE = "\n\n".join(
    f"Le ministre est arrivé à {city} {payload} puis il est reparti vers Vladivostok."
    for city, payload in zip(UNTRUSTED_CITIES, UNTRUSTED_PAYLOADS, strict=True)
) + ('\n\n=HYPERLINK("http://evil.example","clic") Le ministre est arrivé à Lisbonne.')


def hostile_result(text: str) -> Result:
    """A Result in which every string that can come from an article, a file name, a
    gazetteer or a reader holds `text`: id, passages, names, reasons, traveler, mode, when,
    evidence, the reason for an inferred origin."""
    paragraphs = (f"Vladivostok {text} Moscow.", f"Moscow {text}.")
    result = result_from(
        paragraphs,
        doc_id=f"{text}.txt",
        places=(
            ("vl", f"Vladivostok {text}", 43.106, 131.874),
            ("mo", f"Moscow {text}", 55.752, 37.618),
        ),
    )
    places = tuple(
        replace(
            p,
            reason=f"because {text}",
            alternatives=(
                Alternative(
                    Candidate(f"x:{text}", f"Other {text}", 1.0, 2.0, "city", "RU"), 0.1, text
                ),
            ),
        )
        for p in result.places
    )
    route = replace(
        result.routes[0],
        traveler=f"Kim {text}",
        mode=text,
        when=text,
        evidence=paragraphs[0],
        origin_inferred=True,
        origin_reason=text,
    )
    return replace(result, places=places, routes=(route, replace(route, status="planned")))


# --- checks ---------------------------------------------------------------------------------


def shown(element) -> str:
    """What a Streamlit Markdown element shows: its value with the backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", element.value)


def assert_offsets_exact(result, text: str) -> None:
    """Every passage, mention and journey's evidence of `result` is the slice of `text` its
    offsets say, each mention inside its passage."""
    for passage in result.passages:
        assert text[passage.start : passage.end] == passage.text
    for p in result.places:
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
            passage = result.passages[m.passage]
            assert passage.start <= m.start < m.end <= passage.end
    for route in result.routes:
        if route.evidence_start is not None:
            assert text[route.evidence_start : route.evidence_end] == route.evidence


def one_line(err: Exception) -> str:
    """The error's message, checked to be one printable line a user can read."""
    message = str(err)
    assert message.isprintable() and len(message) < 300, message  # no newline, no control
    return message


# --- the app (streamlit.testing) ------------------------------------------------------------

APP = ROOT / "app.py"
APP_TIMEOUT = 120  # the first run loads the language model (and builds the gazetteer if missing)
# what st_folium answers when a reader clicks the marker of Washington D.C.
WASHINGTON_CLICK = {
    "last_object_clicked": {"lat": 38.89511, "lng": -77.03637},
    "last_object_clicked_tooltip": "Washington",
}


@dataclass
class FakeMap:
    """Stands in for st_folium: records each call and answers with what `value` holds of
    the keys the app asked for (like st_folium, which returns only `returned_objects`)."""

    value: dict = field(default_factory=lambda: {"last_object_clicked": None})
    calls: list[tuple[object, dict]] = field(default_factory=list)

    def __call__(self, fig, **kwargs):
        self.calls.append((fig, kwargs))
        keys = kwargs.get("returned_objects")
        return {k: self.value.get(k) for k in keys} if keys is not None else dict(self.value)

    def click(self, lat: float, lng: float) -> None:
        self.value = {"last_object_clicked": {"lat": lat, "lng": lng}}


def button(at, label: str):
    """The button of an AppTest labelled `label`."""
    return next(b for b in at.button if b.label == label)


# --- a web site for the URL reader ----------------------------------------------------------

WEB_ARTICLE = "<html><body><p>Le président est arrivé à Moscou.</p></body></html>".encode()
# answers no honest server gives, written as they are
RAW_ANSWERS = {
    "/bad-status": b"garbage\r\n\r\n",
    "/bad-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n",
    "/many-headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"\r\n",
    "/long-header": b"HTTP/1.1 200 OK\r\nX-A: " + b"b" * 70000 + b"\r\n\r\n",
}
# where the site redirects (to addresses that cannot be parsed or must not be followed; a
# test may add one)
REDIRECTS = {
    "/to-bad-ipv6": "http://[::1/",
    "/to-bad-port": "http://127.0.0.1:99999/",
    "/to-space": "http://127.0.0.1/a b",
    "/to-userinfo": "http://u:p@127.0.0.1/",
}


class WebSite(BaseHTTPRequestHandler):
    """The article at /article, and what a hostile or broken server answers at other paths:
    redirects (/to-article, /hopN, /to-file, REDIRECTS), RAW_ANSWERS, /big, /drip, and
    /echo (the Host header and path it was asked)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/article":
            return self._send(200, WEB_ARTICLE)
        if self.path.startswith("/echo"):
            return self._send(200, f"{self.headers['Host']} {self.path}".encode())
        if self.path in RAW_ANSWERS:
            self.wfile.write(RAW_ANSWERS[self.path])
            return None
        redirect = self._redirect()
        if redirect:
            self.send_response(redirect[0])
            self.send_header("Location", redirect[1])
            self.end_headers()
            return None
        if self.path == "/big":
            return self._send(200, b"x" * (6 * 1024 * 1024))
        if self.path == "/drip":
            return self._drip()
        return self._send(404, b"no")

    def _redirect(self) -> tuple[int, str] | None:
        if self.path in REDIRECTS:
            return 302, REDIRECTS[self.path]
        if self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            return 302, f"/hop{n + 1}" if n < 20 else "/article"
        return {"/to-article": (301, "/article"), "/to-file": (302, "file:///etc/passwd")}.get(
            self.path
        )

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def web_site() -> Iterator[str]:
    """WebSite served on a free loopback port while the block runs; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), WebSite)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# two documents of a .jsonl, in French and in English
MOSCOU_DOC = {"id": "moscou", "text": "Le ministre est arrivé à Moscou.", "lang": "fr"}
NAIROBI_DOC = {"id": "nairobi", "text": "Officials met in Nairobi and Kampala.", "lang": "en"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Tag the cluster icon nearest the centre of the window, for a click that a reader would make.
PICK_CLUSTER = """() => {
  const icons = [...document.querySelectorAll('.marker-cluster')];
  const centre = (e) => { const r = e.getBoundingClientRect();
    return Math.hypot(r.x + r.width / 2 - innerWidth / 2, r.y + r.height / 2 - innerHeight / 2); };
  icons.forEach(e => e.removeAttribute('data-geo-pick'));
  icons.sort((a, b) => centre(a) - centre(b));
  if (icons.length) icons[0].setAttribute('data-geo-pick', '1');
  return icons.length;
}"""


def run_geo(capsys, *args) -> tuple[int, list[str], str]:
    """`geo ARGS...` run in this process (as `python -m geo` runs it), its output captured by
    pytest's `capsys`: the exit status, the lines of standard error, standard output."""
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.err.strip().splitlines(), captured.out


def synthetic_result(places: int, *, seed: int = 0) -> Result:
    """A Result with `places` places spread over the world, one passage and mention each."""
    rng = random.Random(seed)
    passages, found, at = [], [], 0
    for i in range(places):
        name = f"Place {i}"
        text = f"Le rapport cite {name} parmi les lieux visités."
        passages.append(Passage(i, at, at + len(text), text))
        start = at + text.index(name)
        found.append(
            Place(
                f"synthetic:{i}",
                name,
                round(rng.uniform(-60, 70), 5),
                round(rng.uniform(-180, 180), 5),
                KINDS[i % len(KINDS)],
                "FR",
                "gazetteer",
                0.9,
                (Mention(start, start + len(name), name, i),),
                reason="synthetic",
            )
        )
        at += len(text) + 2
    return Result(
        "synthetic", "fr", "\n\n".join(p.text for p in passages), tuple(passages), tuple(found)
    )


# how the app is served to a browser in tests and benchmarks (after `--server.port N`)
SERVER_OPTIONS = [
    "--server.address",
    "127.0.0.1",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    # others may edit geo/ while the app runs: no "source changed" banner mid-run
    "--server.fileWatcherType",
    "none",
]


def chromium() -> Path | None:
    """The Chromium to drive: GEO_CHROMIUM, else `chromium` on the PATH; None if neither."""
    found = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium")
    return Path(found) if found else None


def browser_missing() -> str | None:
    """Why Chromium cannot be driven here (no Playwright, no Chromium), or None if it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'playwright is not installed (pip install -e ".[test]")'
    if chromium() is None:
        return (
            "no Chromium: set GEO_CHROMIUM or put chromium on the PATH (apt-get install chromium)"
        )
    return None


def offline_context(browser: Browser, *allowed: str) -> BrowserContext:
    """A browser context that reaches nothing but files, data: URIs and `allowed` prefixes."""
    prefixes = ("file:", "data:", "about:", *allowed)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(prefixes) else route.abort()
        ),
    )
    return context


# Mark the place marker whose tooltip reads `name` so that a locator can click it, and
# bring it into view as a reader would (an open popup pans the map and can push it out).
# The tooltip HTML is parsed with DOMParser, which never runs scripts or loads images.
TAG_MARKER = """([name, tag]) => {
  const map = [window.map, ...Object.values(window)].find(v => window.L && v instanceof L.Map);
  if (!map) return false;
  const found = [];
  map.eachLayer(layer => {
    if (!(layer instanceof L.CircleMarker) || !layer._path || !layer.getTooltip()) return;
    if (!layer._path.classList.contains('geo-place')) return;
    const html = String(layer.getTooltip().getContent());
    const text = new DOMParser().parseFromString(html, 'text/html').body.textContent.trim();
    if (text === name) found.push(layer);
  });
  if (found.length !== 1) return false;
  map.closePopup();
  if (!map.getBounds().pad(-0.2).contains(found[0].getLatLng())) {
    map.setView(found[0].getLatLng(), map.getZoom(), {animate: false});
  }
  found[0].bringToFront();  // a circle or a route end drawn over its centre would take the click
  found[0]._path.setAttribute('data-test-place', tag);
  return true;
}"""


# --- journeys -----------------------------------------------------------------------------

JOURNEY_DATE = "2023-09-05"  # the day the journeys' sentences are dated, for their relative times


def destinations(text: str, language: str) -> list[str]:
    """The destination of each route geo reads in `text`, by place name."""
    return [to for _, to, _, _ in legs(text, language)]


def legs(text: str, language: str, date: str | None = JOURNEY_DATE) -> list[tuple]:
    """(from, to, status, route) of each route geo reads in `text`, with place names."""
    from geo.pipeline import parse

    result = parse(text, language=language, date=date)
    name = {p.id: p.name for p in result.places}
    return [(name.get(r.from_id), name[r.to_id], r.status, r) for r in result.routes]


# --- a document of many journeys ------------------------------------------------------------

# (paragraph, evidence, traveler, from, to, status, mode, mode_kind, when, inferred origin's
# reason, journey, leg): eleven travelers and someone unknown, legs of one journey, two and
# three journeys between the same places (either way), every status, origins inferred, one
# journey with no origin at all
MANY_LEGS = (
    (0, "Kim Jong Un left Pyongyang for Vladivostok by armoured train on Monday.", "Kim Jong Un", "py", "vl", "past", "armoured train", "train", "on Monday", None, 0, 1),
    (0, "From Vladivostok he went on to Moscow", "Kim Jong Un", "vl", "mo", "past", None, None, None, "where the previous leg ended (Vladivostok)", 0, 2),
    (0, "he will fly from Moscow to Beijing next week.", "Kim Jong Un", "mo", "bj", "planned", "fly", "plane", "next week", None, 1, 1),
    (1, "Vladimir Putin flew from Moscow to Beijing on Tuesday.", "Vladimir Putin", "mo", "bj", "past", "flew", "plane", "on Tuesday", None, 2, 1),
    (1, "He plans to travel to Vladivostok in October.", "Vladimir Putin", "mo", "vl", "planned", None, None, "in October", "capital of Russia", 3, 1),
    (2, "Xi Jinping will visit Moscow in March.", "Xi Jinping", "bj", "mo", "planned", None, None, "in March", "capital of China", 4, 1),
    (2, "Last year he went to Paris and then to Belgrade.", "Xi Jinping", "bj", "pa", "past", None, None, "Last year", "capital of China", 5, 1),
    (2, "Last year he went to Paris and then to Belgrade.", "Xi Jinping", "pa", "be", "past", None, None, "Last year", "where the previous leg ended (Paris)", 5, 2),
    (3, "Emmanuel Macron flew to Beijing on Wednesday.", "Emmanuel Macron", "pa", "bj", "past", "flew", "plane", "on Wednesday", "capital of France", 6, 1),
    (3, "He may later travel on to Tokyo.", "Emmanuel Macron", "bj", "to", "hypothetical", None, None, None, "where the previous leg ended (Beijing)", 6, 2),
    (4, "Antony Blinken arrived in Kyiv on Thursday from Warsaw by train.", "Antony Blinken", "wr", "ky", "past", "train", "train", "on Thursday", None, 7, 1),
    (4, "He will return to Washington on Friday.", "Antony Blinken", "ky", "wa", "planned", None, None, "on Friday", "where he was last (Kyiv)", 8, 1),
    (5, "Olaf Scholz travelled from Berlin to Paris by train.", "Olaf Scholz", "bl", "pa", "past", "train", "train", None, None, 9, 1),
    (5, "He could go to Kyiv if the talks succeed.", "Olaf Scholz", "pa", "ky", "hypothetical", None, None, None, "where he was last (Paris)", 10, 1),
    (6, "Pope Francis flew from Rome to Lisbon in August.", "Pope Francis", "ro", "li", "past", "flew", "plane", "in August", None, 11, 1),
    (6, "He is expected in Marseille in September.", "Pope Francis", "ro", "ma", "planned", None, None, "in September", "seat of the Holy See (Rome)", 12, 1),
    (7, "Hundreds of refugees fled from Kherson to Warsaw by bus.", "Hundreds of refugees", "kh", "wr", "past", "bus", "bus", None, None, 13, 1),
    (8, "Narendra Modi will travel from New Delhi to Washington in June.", "Narendra Modi", "nd", "wa", "planned", None, None, "in June", None, 14, 1),
    (9, "A grain ship sailed from Odesa to Istanbul.", "A grain ship", "od", "is", "past", "sailed", "ship", None, None, 15, 1),
    (10, "Typhoon Saola moved from Manila towards Hong Kong.", "Typhoon Saola", "mn", "hk", "unknown", None, None, None, None, 16, 1),
    (11, "Officials later crossed from Istanbul to Odesa.", None, "is", "od", "past", None, None, "later", None, 17, 1),
    (11, "A delegation is said to have gone to Tokyo.", None, None, "to", "unknown", None, None, None, None, 18, 1),
)  # fmt: skip
MANY_PARAGRAPHS = (
    "Kim Jong Un left Pyongyang for Vladivostok by armoured train on Monday. From Vladivostok "
    "he went on to Moscow, and he will fly from Moscow to Beijing next week.",
    "Vladimir Putin flew from Moscow to Beijing on Tuesday. He plans to travel to Vladivostok "
    "in October.",
    "Xi Jinping will visit Moscow in March. Last year he went to Paris and then to Belgrade.",
    "Emmanuel Macron flew to Beijing on Wednesday. He may later travel on to Tokyo.",
    "Antony Blinken arrived in Kyiv on Thursday from Warsaw by train. He will return to "
    "Washington on Friday.",
    "Olaf Scholz travelled from Berlin to Paris by train. He could go to Kyiv if the talks "
    "succeed.",
    "Pope Francis flew from Rome to Lisbon in August. He is expected in Marseille in September.",
    "Hundreds of refugees fled from Kherson to Warsaw by bus.",
    "Narendra Modi will travel from New Delhi to Washington in June.",
    "A grain ship sailed from Odesa to Istanbul.",
    "Typhoon Saola moved from Manila towards Hong Kong.",
    "Officials later crossed from Istanbul to Odesa. A delegation is said to have gone to Tokyo.",
)
MANY_PLACES = (
    place("py", "Pyongyang", 39.0392, 125.7625, country="KP"),
    VLADIVOSTOK,
    MOSCOW,
    place("bj", "Beijing", 39.9042, 116.4074, country="CN"),
    place("pa", "Paris", 48.8566, 2.3522, country="FR"),
    place("be", "Belgrade", 44.7866, 20.4489, country="RS"),
    place("to", "Tokyo", 35.6762, 139.6503, country="JP"),
    place("wr", "Warsaw", 52.2297, 21.0122, country="PL"),
    place("ky", "Kyiv", 50.4501, 30.5234, country="UA"),
    WASHINGTON,
    place("bl", "Berlin", 52.52, 13.405, country="DE"),
    place("ro", "Rome", 41.9028, 12.4964, country="IT"),
    place("li", "Lisbon", 38.7223, -9.1393, country="PT"),
    place("ma", "Marseille", 43.2965, 5.3698, country="FR"),
    place("kh", "Kherson", 46.6354, 32.6169, country="UA"),
    place("nd", "New Delhi", 28.6139, 77.209, country="IN"),
    place("od", "Odesa", 46.4825, 30.7233, country="UA"),
    place("is", "Istanbul", 41.0082, 28.9784, country="TR"),
    place("mn", "Manila", 14.5995, 120.9842, country="PH"),
    place("hk", "Hong Kong", 22.3193, 114.1694, country="HK"),
)


def many_journeys() -> Result:
    """A news round-up with 22 journeys (MANY_LEGS) of eleven travelers and someone unknown,
    told in reading order, each with its evidence's span in the text."""
    result = make_result(MANY_PARAGRAPHS, MANY_PLACES, doc_id="round-up")
    routes = []
    for (
        passage,
        evidence,
        who,
        start,
        end,
        status,
        mode,
        kind,
        when,
        why,
        journey,
        leg,
    ) in MANY_LEGS:
        at = result.passages[passage].start + result.passages[passage].text.index(evidence)
        routes.append(
            Route(
                start,
                end,
                who,
                mode,
                when,
                status,
                passage,
                evidence,
                origin_inferred=why is not None,
                origin_reason=why,
                evidence_start=at,
                evidence_end=at + len(evidence),
                journey=journey,
                leg=leg,
                mode_kind=kind,
            )
        )
    return replace(result, routes=tuple(routes))


# --- folium maps --------------------------------------------------------------------------


def descendants(element) -> Iterator:
    """Every element under a folium element (a map, a layer), depth first."""
    for child in element._children.values():
        yield child
        yield from descendants(child)


def children(m, kind: type) -> list:
    """The map's elements of that kind, in its layers too."""
    return [c for c in descendants(m) if isinstance(c, kind)]


def place_circles(m) -> dict[str, tuple[float, float]]:
    """Where the map draws each place's circle, by the name its tooltip gives (unescaped)."""
    import html

    import folium

    return {
        html.unescape(c._children[next(k for k in c._children if "tooltip" in k)].text): tuple(
            c.location
        )
        for c in children(m, folium.CircleMarker)
        if c.options.get("className") == "geo-place"
    }


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_python(script: str) -> str:
    """What `script` prints, run by a fresh Python from the checkout (for what one process
    imports, or what a module does on import); fails the test with its error if it fails."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def component_data(at, name: str) -> list[dict]:
    """The data each of the page's small components `name` (st.components.v2) was given to
    draw, in page order (AppTest shows them as unknown elements)."""
    return [
        json.loads(element.proto.json)
        for element in at.main
        if getattr(element, "type", None) == "bidi_component"
        and element.proto.component_name == name
    ]
