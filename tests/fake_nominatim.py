"""A fake Nominatim on 127.0.0.1 for the online geocoder tests (no network needed)."""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ANSWERS = {
    "moscow": [
        {
            "place_id": 1,
            "osm_type": "relation",
            "osm_id": 2555133,
            "lat": "55.7505",
            "lon": "37.6175",
            "display_name": "Moscow, Central Federal District, Russia",
            "name": "Moscow",
            "addresstype": "city",
            "address": {"country_code": "ru"},
        }
    ],
    "russia": [
        {
            "place_id": 2,
            "osm_type": "relation",
            "osm_id": 60189,
            "lat": "64.6863",
            "lon": "97.7453",
            "display_name": "Russia",
            "name": "Russia",
            "addresstype": "country",
            "address": {"country_code": "ru"},
        }
    ],
}


class Handler(BaseHTTPRequestHandler):
    calls: list[str] = []
    fail: str | None = None  # answer every query as this one ("drip", "broken", ...)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0].lower()
        Handler.calls.append(query)
        query = Handler.fail or query
        if query == "slow":
            time.sleep(2)
        if query == "drip":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.25)
            except OSError:
                pass
            return None
        if query == "broken":
            return self._send(500, b"internal error")
        if query == "busy":
            return self._send(429, b"too many requests", {"Retry-After": "1"})
        if query == "malformed":
            return self._send(200, b"[{not json", {"Content-Type": "application/json"})
        body = json.dumps(ANSWERS.get(query, [])).encode()
        self._send(200, body, {"Content-Type": "application/json"})

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(fail: str | None = None):
    """Run the fake server; yields its "host:port" and the list of queries it received.
    With `fail` ("slow", "drip", "broken", "busy", "malformed"), every query fails that way."""
    Handler.calls, Handler.fail = [], fail
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), daemon=True
    )  # quick shutdown
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", Handler.calls
    finally:
        server.shutdown()
        server.server_close()
        Handler.fail = None
