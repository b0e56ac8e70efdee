"""URL input: http(s) only, bounded redirects, size and time, private addresses refused."""
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.errors import InputError
from geo.fetch import fetch

ARTICLE = "<html><body><p>Le président est arrivé à Moscou.</p></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/article":
            return self._send(200, ARTICLE)
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
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_reads_a_page_and_follows_a_redirect():
    with server() as base:
        page = fetch(f"{base}/to-article", allow_private=True)
    assert page.body == ARTICLE and page.url.endswith("/article") and page.content_type == "text/html"


@pytest.mark.parametrize("path, message", [
    ("/hop0", "redirects"), ("/big", "larger"), ("/missing", "HTTP 404"), ("/drip", "slow"),
])
def test_bounded(path, message):
    with server() as base:
        start = time.monotonic()
        with pytest.raises(InputError, match=message):
            fetch(f"{base}{path}", allow_private=True, timeout=2)
        assert time.monotonic() - start < 5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)",
                                 "gopher://x", "notaurl"])
def test_only_http(url):
    with pytest.raises(InputError, match="only http"):
        fetch(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "[::1]", "169.254.169.254"])
def test_private_and_loopback_addresses_are_refused_by_default(host):
    with pytest.raises(InputError, match="private or local"):
        fetch(f"http://{host}/")


def test_each_redirect_hop_is_checked():
    with server() as base:
        with pytest.raises(InputError, match="only http"):
            fetch(f"{base}/to-file", allow_private=True)
