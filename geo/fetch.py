"""Fetching an article from a URL: http(s) only, few redirects, bounded size and time, and
(by default) no private or loopback addresses, so that an app served to others cannot be
used to reach the machine's own network."""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from geo.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0
MAX_REDIRECTS = 5
USER_AGENT = "geo-news-mapper/0.1 (reads one article at a reader's request)"


@dataclass(frozen=True, slots=True)
class Page:
    """What a URL gave: the final URL, its content type and body."""

    url: str
    content_type: str
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # redirects are followed by hand, each hop checked


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
          timeout: float = TIMEOUT) -> Page:
    """Download a page, or raise InputError with one clear line."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirect)
    for _ in range(MAX_REDIRECTS + 1):
        _check(url, allow_private)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            response = opener.open(request, timeout=max(0.1, deadline - time.monotonic()))
        except urllib.error.HTTPError as err:
            if err.code in (301, 302, 303, 307, 308) and err.headers.get("Location"):
                url = urljoin(url, err.headers["Location"])
                continue
            raise InputError(f"{url} answered HTTP {err.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise InputError(f"cannot fetch {url}: {reason}") from None
        with response:
            return Page(response.geturl(), response.headers.get_content_type(),
                        _read(response, url, max_bytes, deadline))
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read(response, url: str, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"{url} is too slow: gave up after the time limit")
        try:
            chunk = response.read1(65536)  # what has arrived: a slow drip still meets the deadline
        except (TimeoutError, OSError) as err:
            raise InputError(f"cannot fetch {url}: {err}") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url} is larger than {max_bytes / 1e6:.0f} MB")
        chunks.append(chunk)


def _check(url: str, allow_private: bool) -> None:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"only http:// and https:// addresses can be read, not {url[:80]!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise InputError(f"cannot find the host {parts.hostname}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise InputError(f"{parts.hostname} is a private or local address; geo does not "
                             "read those when others use it (allow_private_urls)")
