"""Fetching an article from a URL: http(s) only, few redirects, bounded size and time, and
(by default) no private or loopback addresses, so that an app served to others cannot be
used to reach the machine's own network. A malformed address or a hostile answer is one
line (InputError), never a traceback."""

from __future__ import annotations

import functools
import http.client
import ipaddress
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

from geo.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0
MAX_REDIRECTS = 5
MAX_URL_CHARS = 4096
USER_AGENT = "geo-news-mapper/0.1 (reads one article at a reader's request)"
_HOST = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")  # after IDNA: what DNS names are made of
_NETLOC = re.compile(r"(\[[^\]]+\]|[^\[\]:]+)(:[0-9]*)?")  # host or [IPv6], then a port
_EMBEDDING = [
    ipaddress.ip_network(prefix)
    for prefix in (  # IPv6 addresses that carry IPv4 ones
        "64:ff9b::/96",
        "64:ff9b:1::/48",
        "::ffff:0:0/96",
        "::/96",
    )
]
_SENT_AS_IS = "".join(map(chr, range(33, 127)))  # printable ASCII; the rest is %-encoded


@dataclass(frozen=True, slots=True)
class Page:
    """What a URL gave: the final URL, its content type and body."""

    url: str
    content_type: str
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects reach `fetch` as HTTPError, Location unread: it follows them, each checked."""

    def http_error_302(self, req, fp, code, msg, headers):
        return None

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(
    url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT
) -> Page:
    """Download a page, or raise InputError with one clear line."""
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(_normalised(url), headers={"User-Agent": USER_AGENT})
        opener = _opener(request, allow_private)
        try:
            response = opener.open(request, timeout=max(0.1, deadline - time.monotonic()))
        except urllib.error.HTTPError as err:
            err.close()
            location = err.headers.get("Location")
            if err.code in (301, 302, 303, 307, 308) and location:
                url = _redirected(url, location)
                continue
            raise InputError(f"{_shown(url)} answered HTTP {err.code}") from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
            reason = getattr(err, "reason", None) or err
            raise InputError(f"cannot fetch {_shown(url)}: {_shown(str(reason))}") from None
        with response:
            return Page(
                url, response.headers.get_content_type(), _read(response, url, max_bytes, deadline)
            )
    raise InputError(f"{_shown(url)}: more than {MAX_REDIRECTS} redirects")


def _read(response, url: str, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"{_shown(url)} is too slow: gave up after the time limit")
        try:
            chunk = response.read1(65536)  # what has arrived: a slow drip still meets the deadline
        except (http.client.HTTPException, OSError, ValueError) as err:  # ValueError: bad chunk
            raise InputError(f"cannot fetch {_shown(url)}: {_shown(str(err))}") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{_shown(url)} is larger than {max_bytes / 1e6:.0f} MB")
        chunks.append(chunk)


def _shown(text: str) -> str:
    """Text for a one-line message: printable (checked addresses are) and not too long."""
    text = text if text.isprintable() else repr(text)[1:-1]
    return text if len(text) <= 120 else text[:119] + "…"


def _redirected(url: str, location: str) -> str:
    """The address `url` redirects to, checked as the first one was."""
    try:
        target = urljoin(url, location)
    except ValueError:
        target = location  # cannot be joined: _normalised says what is wrong with it
    try:
        _normalised(target)
    except InputError as err:
        raise InputError(f"{_shown(url)} redirects to a bad address: {err}") from None
    return target


# Checking an address


def _normalised(url: str) -> str:
    """The URL as it is sent: checked, host in ASCII (IDNA), path and query %-encoded."""
    parts = _parts(url)
    host = _ascii_host(parts.hostname, url)
    try:
        port = parts.port
        path, query = quote(parts.path, _SENT_AS_IS), quote(parts.query, _SENT_AS_IS)
    except (ValueError, UnicodeError):  # a port out of range or not a number; a lone surrogate
        raise _malformed(url) from None
    if port == 0:
        raise _malformed(url)
    netloc = f"[{host}]" if ":" in host else host
    netloc += "" if port is None else f":{port}"
    return urlunsplit((parts.scheme, netloc, path or "/", query, ""))


def _parts(url: str) -> SplitResult:
    if not url.isprintable() or " " in url or len(url) > MAX_URL_CHARS:
        raise InputError(
            f"a web address has no spaces or control characters and at most "
            f"{MAX_URL_CHARS} characters, not {_shown(repr(url[:80]))}"
        )
    try:
        parts = urlsplit(url)
        scheme, host, user = parts.scheme, parts.hostname, parts.username
    except ValueError:  # brackets of an IPv6 address that do not match or hold no address
        raise _malformed(url) from None
    if scheme not in ("http", "https") or not host:
        raise InputError(f"only http:// and https:// addresses can be read, not {url[:80]!r}")
    if user is not None:
        raise InputError(f"geo does not read addresses with a user name or password: {url[:80]!r}")
    if not _NETLOC.fullmatch(parts.netloc):  # urlsplit lets "[::1]x" or "host:80:80" through
        raise _malformed(url)
    return parts


def _ascii_host(host: str | None, url: str) -> str:
    if not host:
        raise _malformed(url)
    if ":" in host:  # IPv6, already checked by urlsplit
        return host
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or too long label, a character IDNA refuses
        raise _malformed(url) from None
    if not _HOST.fullmatch(ascii_host):
        raise _malformed(url)
    return ascii_host


def _malformed(url: str) -> InputError:
    return InputError(f"not a valid web address (host or port): {url[:80]!r}")


# Connecting to the address that was checked


def _opener(request: urllib.request.Request, allow_private: bool) -> urllib.request.OpenerDirector:
    """An opener that connects only to the addresses of `request`'s host checked now, so that
    the name cannot answer otherwise when it is resolved again to connect (DNS rebinding).
    When private addresses are allowed, a proxy from the environment is used as before; when
    they are not, it is not used at all: it would resolve and connect on its own."""
    if allow_private and _proxied(request):
        return urllib.request.build_opener(_NoRedirect)
    addresses = _addresses(request, allow_private)
    return urllib.request.build_opener(
        _NoRedirect,
        urllib.request.ProxyHandler({}),
        _PinnedHTTPHandler(addresses),
        _PinnedHTTPSHandler(addresses),
    )


def _proxied(request: urllib.request.Request) -> bool:
    proxies = urllib.request.getproxies()
    return request.type in proxies and not urllib.request.proxy_bypass(request.host)


def _addresses(request: urllib.request.Request, allow_private: bool) -> tuple:
    """getaddrinfo's answers for the request's host, all checked."""
    parts = urlsplit(request.full_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InputError(f"cannot find the host {parts.hostname}") from None
    if not infos:
        raise InputError(f"cannot find the host {parts.hostname}")
    if not allow_private and not all(_is_global(info[4][0]) for info in infos):
        raise InputError(
            f"{parts.hostname} is a private or local address; geo does not "
            "read those when others use it (allow_private_urls)"
        )
    return tuple(infos)


def _is_global(ip: str | int) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0] if isinstance(ip, str) else ip)
    if address.version == 6 and any(address in network for network in _EMBEDDING):
        # judged by the IPv4 address it ends with too: a NAT64 gateway connects to that one
        return address.is_global and ipaddress.IPv4Address(int(address) & 0xFFFFFFFF).is_global
    return address.is_global


def _connect(addresses: tuple, timeout: float | None) -> socket.socket:
    """A socket connected to the first of `addresses` that answers, without resolving again."""
    error: OSError = ConnectionError("no address")
    for family, kind, proto, _, address in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            return sock
        except OSError as err:
            sock.close()
            error = err
    raise error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, addresses: tuple, **kwargs) -> None:
        super().__init__(host, **kwargs)
        self._addresses = addresses

    def connect(self) -> None:
        self.sock = _connect(self._addresses, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, addresses: tuple, context: ssl.SSLContext, **kwargs) -> None:
        super().__init__(host, context=context, **kwargs)
        self._addresses, self._pinned_context = addresses, context

    def connect(self) -> None:
        # the certificate and SNI are those of the host name, not of the address
        sock = _connect(self._addresses, self.timeout)
        self.sock = self._pinned_context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, addresses: tuple) -> None:
        super().__init__()
        self._addresses = addresses

    def http_open(self, req):
        return self.do_open(
            functools.partial(_PinnedHTTPConnection, addresses=self._addresses), req
        )


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, addresses: tuple) -> None:
        super().__init__()
        self._addresses = addresses

    def https_open(self, req):
        context = ssl.create_default_context()
        context.set_alpn_protocols(["http/1.1"])  # as http.client's own context
        connection = functools.partial(
            _PinnedHTTPSConnection, addresses=self._addresses, context=context
        )
        return self.do_open(connection, req)
