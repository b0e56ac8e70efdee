"""URL input connects to the address it checked (DNS rebinding), never through a proxy when
private addresses are refused, and keeps the host name for the Host header, SNI and the
certificate. The network is faked: names resolve as the test says, and connections to one
public address reach a local server standing for the internet; no real connection leaves."""

import shutil
import socket
import ssl
import subprocess
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.errors import InputError
from geo.ingest.fetch import fetch
from tests.helpers import REDIRECTS, WEB_ARTICLE, WebSite, one_line, web_site

PUBLIC = "93.184.216.34"
SECRET = b"the private server's secret"


class Private(BaseHTTPRequestHandler):
    """A server on the machine's own network, which a served app must never reach."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", str(len(SECRET)))
        self.end_headers()
        self.wfile.write(SECRET)


@pytest.fixture
def private():
    """The private server; `.hits` lists the paths it was asked for."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Private)
    httpd.daemon_threads, httpd.hits = True, []
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@contextmanager
def network(internet_port, names):
    """Names in `names` resolve through it (name -> function of how many times the name was
    asked, giving an IP or a list of them); connections to PUBLIC reach
    127.0.0.1:internet_port, other non-loopback ones are refused. Yields the addresses
    connected to."""
    real_getaddrinfo, asked, connected = socket.getaddrinfo, {}, []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in names:
            return real_getaddrinfo(host, port, *args, **kwargs)
        asked[host] = asked.get(host, 0) + 1
        ips = names[host](asked[host])
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (ip, int(port or 0)),
            )
            for ip in ([ips] if isinstance(ips, str) else ips)
        ]

    class Socket(socket.socket):
        def connect(self, address):
            connected.append(address[0])
            if address[0] == PUBLIC:
                address = ("127.0.0.1", internet_port)
            elif address[0] != "127.0.0.1":
                raise ConnectionRefusedError("no real network in tests")
            super().connect(address)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        patch.setattr(socket, "socket", Socket)
        yield connected


def public(count):
    return PUBLIC


def rebinding(count):
    """Public when checked, loopback when asked again (a short TTL and a hostile DNS server)."""
    return PUBLIC if count == 1 else "127.0.0.1"


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_a_name_that_rebinds_to_loopback_does_not_reach_the_private_server(private):
    port = private.server_address[1]
    with (
        web_site() as internet,
        network(port_of(internet), {"rebind.test": rebinding}) as connected,
    ):
        page = fetch(f"http://rebind.test:{port}/article")
    assert private.hits == [] and connected == [PUBLIC]
    assert page.body == WEB_ARTICLE  # the checked address answered


def test_a_redirect_to_a_name_that_rebinds_is_pinned_too(monkeypatch, private):
    port = private.server_address[1]
    monkeypatch.setitem(REDIRECTS, "/to-rebind", f"http://rebind.test:{port}/article")
    names = {"news.test": public, "rebind.test": rebinding}
    with web_site() as internet, network(port_of(internet), names) as connected:
        page = fetch(f"http://news.test:{port}/to-rebind")
    assert private.hits == [] and connected == [PUBLIC, PUBLIC] and page.body == WEB_ARTICLE


def test_a_name_with_one_private_address_among_others_is_refused(private):
    port = private.server_address[1]
    names = {"mixed.test": lambda count: [PUBLIC, "127.0.0.1"]}
    with web_site() as internet, network(port_of(internet), names):
        with pytest.raises(InputError, match="private or local") as caught:
            fetch(f"http://mixed.test:{port}/")
    one_line(caught.value)
    assert private.hits == []


@pytest.mark.parametrize(
    "ip",
    ["::ffff:127.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "64:ff9b:1::7f00:1", "::ffff:a9fe:a9fe"],
)
def test_ipv6_addresses_carrying_a_private_ipv4_one_are_refused(ip):
    with web_site() as internet, network(port_of(internet), {"nat64.test": lambda count: ip}):
        with pytest.raises(InputError, match="private or local"):
            fetch("http://nat64.test/")


def test_a_proxy_from_the_environment_is_not_used_when_private_addresses_are_refused(
    monkeypatch, private
):
    # the proxy would resolve and connect on its own: the check would mean nothing
    proxy = f"http://127.0.0.1:{private.server_address[1]}"
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with web_site() as internet, network(port_of(internet), {"news.test": public}):
        page = fetch("http://news.test/article")
    assert private.hits == [] and page.body == WEB_ARTICLE


def test_a_proxy_from_the_environment_is_used_as_before_when_private_addresses_are_allowed(
    monkeypatch, private
):
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{private.server_address[1]}")
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    page = fetch("http://news.test/article", allow_private=True)
    assert page.body == SECRET and private.hits == ["http://news.test/article"]


def test_a_pinned_connection_keeps_the_host_name_in_the_host_header():
    def loopback(count):
        return "127.0.0.1"

    with web_site() as base, network(0, {"news.test": loopback, "xn--caf-dma.test": loopback}):
        port = port_of(base)
        plain = fetch(f"http://news.test:{port}/echo", allow_private=True)
        idn = fetch(f"http://café.test:{port}/echo", allow_private=True)
    assert plain.body.decode() == f"news.test:{port} /echo"
    assert idn.body.decode() == f"xn--caf-dma.test:{port} /echo"


# HTTPS: a certificate for news.test from a test authority, trusted through SSL_CERT_FILE


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl(
        "req",
        "-x509",
        *ec,
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=geo test authority",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
    )
    openssl("req", *ec, "-keyout", "news.key", "-out", "news.csr", "-subj", "/CN=news.test")
    (folder / "ext.cnf").write_text("subjectAltName=DNS:news.test\n")
    openssl(
        "x509",
        "-req",
        "-in",
        "news.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "news.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    )
    return folder


@contextmanager
def tls_server(folder):
    """The test server over TLS; yields (port, the server names clients asked for)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), WebSite)
    httpd.daemon_threads, names = True, []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "news.pem", folder / "news.key")
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield httpd.server_address[1], names
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_is_pinned_with_the_host_name_for_sni_and_the_certificate(monkeypatch, certificates):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates / "ca.pem"))
    with (
        tls_server(certificates) as (port, names),
        network(port, {"news.test": public}) as connected,
    ):
        page = fetch(f"https://news.test:{port}/echo")
    assert page.body.decode() == f"news.test:{port} /echo"
    assert names == ["news.test"] and connected == [PUBLIC]


def test_https_checks_the_certificate_against_the_host_name(monkeypatch, certificates):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates / "ca.pem"))
    with tls_server(certificates) as (port, _), network(port, {"other.test": public}):
        with pytest.raises(InputError, match="certificate") as caught:
            fetch(f"https://other.test:{port}/echo")
    one_line(caught.value)
