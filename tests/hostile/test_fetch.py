"""URL input: http(s) only, bounded redirects, size and time, private addresses refused;
malformed addresses and hostile answers are one line."""

import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.errors import InputError
from geo.ingest.fetch import fetch
from geo.ingest.sources import read_url

ARTICLE = "<html><body><p>Le président est arrivé à Moscou.</p></body></html>".encode()


# Answers no honest server gives, written as they are
RAW = {
    "/bad-status": b"garbage\r\n\r\n",
    "/bad-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n",
    "/many-headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 200 + b"\r\n",
    "/long-header": b"HTTP/1.1 200 OK\r\nX-A: " + b"b" * 70000 + b"\r\n\r\n",
}
LOCATIONS = {
    "/to-bad-ipv6": "http://[::1/",
    "/to-bad-port": "http://127.0.0.1:99999/",
    "/to-space": "http://127.0.0.1/a b",
    "/to-userinfo": "http://u:p@127.0.0.1/",
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/article":
            return self._send(200, ARTICLE)
        if self.path.startswith("/echo"):  # what the server was asked: Host header and path
            return self._send(200, f"{self.headers['Host']} {self.path}".encode())
        if self.path in RAW:
            self.wfile.write(RAW[self.path])
            return None
        if self.path in LOCATIONS:
            self.send_response(302)
            self.send_header("Location", LOCATIONS[self.path])
            self.end_headers()
            return None
        if self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            self.send_response(302)
            self.send_header("Location", f"/hop{n + 1}" if n < 20 else "/article")
            self.end_headers()
            return None
        if self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return None
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return None
        if self.path == "/big":
            return self._send(200, b"x" * (6 * 1024 * 1024))
        if self.path == "/drip":
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
            return None
        return self._send(404, b"no")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_reads_a_page_and_follows_a_redirect():
    with server() as base:
        page = fetch(f"{base}/to-article", allow_private=True)
    assert (
        page.body == ARTICLE and page.url.endswith("/article") and page.content_type == "text/html"
    )


@pytest.mark.parametrize(
    "path, message",
    [
        ("/hop0", "redirects"),
        ("/big", "larger"),
        ("/missing", "HTTP 404"),
        ("/drip", "slow"),
    ],
)
def test_bounded(path, message):
    with server() as base:
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
    with server() as base:
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


def one_line(err: InputError) -> str:
    message = str(err)
    assert message.isprintable() and len(message) < 300, message  # no newline, no control
    return message


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_address_is_one_line(url, allow_private, monkeypatch):
    def getaddrinfo(*args, **kwargs):
        raise AssertionError(f"looked up a malformed address: {args[0]!r}")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(InputError) as caught:
        read_url(url, allow_private=allow_private)
    one_line(caught.value)


@pytest.mark.parametrize("path", sorted(RAW) + sorted(LOCATIONS))
def test_a_hostile_answer_is_one_line(path):
    with server() as base:
        with pytest.raises(InputError) as caught:
            fetch(f"{base}{path}", allow_private=True, timeout=2)
    one_line(caught.value)


def test_non_ascii_paths_are_sent_encoded():
    with server() as base:
        page = fetch(f"{base}/echo/Orléans?q=café", allow_private=True)
    assert page.body.decode().endswith(" /echo/Orl%C3%A9ans?q=caf%C3%A9")
