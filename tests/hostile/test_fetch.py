"""URL input: http(s) only, bounded redirects, size and time, private addresses refused;
malformed addresses and hostile answers are one line."""

import socket
import time

import pytest

from geo.errors import InputError
from geo.ingest.articles import read_url
from geo.ingest.fetch import fetch
from tests.helpers import RAW_ANSWERS, REDIRECTS, WEB_ARTICLE, one_line, web_site


def test_reads_a_page_and_follows_a_redirect():
    with web_site() as base:
        page = fetch(f"{base}/to-article", allow_private=True)
    assert (
        page.body == WEB_ARTICLE
        and page.url.endswith("/article")
        and page.content_type == "text/html"
    )


@pytest.mark.parametrize(
    "path, message",
    [
        ("/hop0", "redirects"),
        ("/big", "larger"),
        ("/missing", "HTTP 404"),
        pytest.param("/drip", "slow", marks=pytest.mark.slow),  # waits the 2 s timeout
    ],
)
def test_bounded(path, message):
    with web_site() as base:
        start = time.monotonic()
        with pytest.raises(InputError, match=message):
            fetch(f"{base}{path}", allow_private=True, timeout=2)
        assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "gopher://x", "notaurl"],
)
def test_only_http(url):
    with pytest.raises(InputError, match="only http"):
        fetch(url)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "[::1]", "169.254.169.254"]
)
def test_private_and_loopback_addresses_are_refused_by_default(host):
    with pytest.raises(InputError, match="private or local"):
        fetch(f"http://{host}/")


def test_each_redirect_hop_is_checked():
    with web_site() as base:
        with pytest.raises(InputError, match="only http"):
            fetch(f"{base}/to-file", allow_private=True)


MALFORMED = [
    "http://[::1/",
    "http://[::1",
    "http://::1]/",
    "http://[not-an-ip]/",
    "http://[::1]x/",
    "http://127.0.0.1:99999/",
    "http://127.0.0.1:0/",
    "http://example.org:abc/",
    "http://example.org:80:80/",
    "http://[::1]:-1/",
    "http://example.org:+80/",
    "http://",
    "http:///path",
    "http://:80/",
    "http://?x",
    "http://#x",
    "http://user:pw@example.org/",
    "http://public.example\\@127.0.0.1/",
    "http://exa mple.org/",
    "http://example.org/a b",
    "http://exam\tple.org/",
    "http://example.org/\x00",
    "http://\x00/",
    "http://example.org/a\r\nX-Injected: 1",
    "http://example.org/\x7f",
    "http://example.org/a\u2028b",
    "http://example.org/\ud800",
    "http://" + "a" * 5000 + ".org/",
    "http://example.org/" + "a" * 10000,
    "http://a..b/",
    "http://.example.org/",
    "http://" + "a" * 64 + ".org/",
    "http://exa<mple.org/",
    "http://%31%32%37.0.0.1/",
    "http://exa%20mple.org/",
]


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_address_is_one_line(url, allow_private, monkeypatch):
    def getaddrinfo(*args, **kwargs):
        raise AssertionError(f"looked up a malformed address: {args[0]!r}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(InputError) as caught:
        read_url(url, allow_private=allow_private)
    one_line(caught.value)


@pytest.mark.parametrize("path", sorted(RAW_ANSWERS) + sorted(REDIRECTS))
def test_a_hostile_answer_is_one_line(path):
    with web_site() as base:
        with pytest.raises(InputError) as caught:
            fetch(f"{base}{path}", allow_private=True, timeout=2)
    one_line(caught.value)


def test_non_ascii_paths_are_sent_encoded():
    with web_site() as base:
        page = fetch(f"{base}/echo/Orléans?q=café", allow_private=True)
    assert page.body.decode().endswith(" /echo/Orl%C3%A9ans?q=caf%C3%A9")
