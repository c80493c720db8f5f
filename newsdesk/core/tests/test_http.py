"""The outbound client refuses internal addresses on every hop, caps bodies, times out.

Refusals are tested against a real server on 127.0.0.1 (which must see no request) or
against addresses nothing listens on; DNS answers are faked at ``socket.getaddrinfo``,
the boundary the client itself calls.
"""

import socket
import time

import pytest
import responses

from newsdesk.core import http
from newsdesk.core.http import OUTBOUND_FETCH_FAILED, OutboundFetchError, fetch
from newsdesk.core.tests.servers import local_server

MB = 1024 * 1024


def _ok(handler):
    handler.answer(200, b"hello", Content_Type="text/plain")


def _fake_dns(monkeypatch, answers: dict[str, list[str]]):
    """Names in ``answers`` resolve to those addresses; IP literals resolve as usual."""
    real = socket.getaddrinfo
    asked = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            asked.append(host)
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture
def allow_loopback(settings):
    """The test server lives on 127.0.0.1: allowed only where a test says so."""
    settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ["127.0.0.1/32"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.8.9.10:8080/admin",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 for 169.254.169.254
        "http://[2002:a00:1::]/",  # 6to4 for 10.0.0.1
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
    ],
)
def test_internal_address_literals_are_refused_with_the_neutral_message(url):
    with pytest.raises(OutboundFetchError) as caught:
        fetch(url, max_bytes=MB)
    assert str(caught.value) == OUTBOUND_FETCH_FAILED


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/x", "http:///x"]
)
def test_only_http_and_https_urls_with_a_host_are_fetched(url):
    with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
        fetch(url, max_bytes=MB)


def test_a_listening_loopback_server_never_sees_a_request_by_default():
    with local_server({"/": _ok}) as server:
        with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
            fetch(server.url("/"), max_bytes=MB)
        with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
            fetch(server.url("/", host="localhost"), max_bytes=MB)
    assert server.requests == []


def test_open_and_closed_internal_ports_fail_with_the_same_message(settings):
    with local_server({"/": _ok}) as server:
        open_url = server.url("/")
    closed_url = open_url  # the server is gone: its port is closed now
    with local_server({"/": _ok}) as server:
        open_url = server.url("/")
        errors = []
        for url in (open_url, closed_url, "http://10.255.255.1:22/"):
            with pytest.raises(OutboundFetchError) as caught:
                fetch(url, max_bytes=MB, timeout=0.5)
            errors.append(str(caught.value))
        # Even where the operator allows loopback, a closed port reads the same.
        settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ["127.0.0.1/32"]
        with pytest.raises(OutboundFetchError) as caught:
            fetch(closed_url, max_bytes=MB, timeout=0.5)
        errors.append(str(caught.value))
    assert set(errors) == {OUTBOUND_FETCH_FAILED}


def test_a_hostname_resolving_to_an_internal_address_is_refused_before_connecting(
    monkeypatch,
):
    asked = _fake_dns(monkeypatch, {"metadata.example.com": ["169.254.169.254"]})
    connected = []
    monkeypatch.setattr(
        http.urllib3_connection, "create_connection", lambda *a, **k: connected.append(a)
    )
    with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
        fetch("http://metadata.example.com/latest/meta-data/", max_bytes=MB)
    assert asked == ["metadata.example.com"]
    assert connected == []


def test_one_internal_address_among_public_ones_refuses_the_name(monkeypatch):
    _fake_dns(monkeypatch, {"mixed.example.com": ["93.184.216.34", "10.0.0.7"]})
    connected = []
    monkeypatch.setattr(
        http.urllib3_connection, "create_connection", lambda *a, **k: connected.append(a)
    )
    with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
        fetch("https://mixed.example.com/feed.xml", max_bytes=MB)
    assert connected == []


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch, allow_loopback):
    # Resolved once, connected by address: a second DNS answer (rebinding) is never asked.
    with local_server({"/": _ok}) as server:
        asked = _fake_dns(monkeypatch, {"wire.example.com": ["127.0.0.1"]})
        answer = fetch(f"http://wire.example.com:{server.port}/", max_bytes=MB)
    assert answer.status == 200 and answer.content == b"hello"
    assert asked == ["wire.example.com"]
    assert server.requests[0][1]["Host"] == f"wire.example.com:{server.port}"


def _redirect_to(target: str):
    return lambda handler: handler.answer(302, Location=target)


def test_a_redirect_to_an_internal_address_is_refused(allow_loopback, monkeypatch):
    _fake_dns(monkeypatch, {"intranet.example.com": ["10.1.2.3"]})
    targets = {
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-v6-loopback": "http://[::1]:8000/",
        "/to-intranet": "http://intranet.example.com/",
        "/to-file": "file:///etc/passwd",
    }
    routes = {path: _redirect_to(target) for path, target in targets.items()}
    with local_server(routes) as server:
        for path in targets:
            with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
                fetch(server.url(path), max_bytes=MB)
    assert [path for path, _ in server.requests] == list(targets)


@responses.activate
def test_a_public_server_redirecting_inside_is_refused_at_the_hop():
    responses.get(
        "https://photos.example.com/lead.jpg",
        status=301,
        headers={"Location": "http://169.254.169.254/latest/meta-data/iam/"},
    )
    with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED):
        fetch("https://photos.example.com/lead.jpg", max_bytes=MB)
    assert len(responses.calls) == 1


def test_redirects_are_followed_to_the_final_url(allow_loopback):
    routes = {
        "/a": lambda h: h.answer(301, Location="/b"),
        "/b": lambda h: h.answer(307, Location="/c"),
        "/c": lambda h: h.answer(200, b"final", Content_Type="text/plain"),
    }
    with local_server(routes) as server:
        answer = fetch(server.url("/a"), max_bytes=MB, accept="text/plain")
    assert (answer.status, answer.content, answer.url) == (200, b"final", server.url("/c"))
    assert answer.headers["content-type"] == "text/plain"
    assert server.requests[0][1]["Accept"] == "text/plain"


def test_redirect_hops_are_capped(allow_loopback, settings):
    settings.NEWSDESK_OUTBOUND_MAX_REDIRECTS = 3
    with (
        local_server({"/loop": _redirect_to("/loop")}) as server,
        pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED),
    ):
        fetch(server.url("/loop"), max_bytes=MB)
    assert len(server.requests) == 4


def _hundred_mb(*, declare_length: bool):
    def route(handler):
        handler.send_response(200)
        if declare_length:
            handler.send_header("Content-Length", str(100 * MB))
        handler.send_header("Content-Type", "application/octet-stream")
        handler.end_headers()
        chunk = b"\0" * (256 * 1024)
        for _ in range(400):
            handler.write(chunk)

    return route


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_100_mb_answer_is_cut_at_the_cap_without_reading_it_all(allow_loopback, declare_length):
    with local_server({"/big": _hundred_mb(declare_length=declare_length)}) as server:
        started = time.monotonic()
        with pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED) as caught:
            fetch(server.url("/big"), max_bytes=MB)
        elapsed = time.monotonic() - started
        time.sleep(0.2)  # let the server notice the hang-up
    assert ("Content-Length" in caught.value.reason) is declare_length
    # The socket buffers hold a few MB at most; the other ~95 MB were never sent.
    assert server.bytes_sent < 20 * MB, server.bytes_sent
    assert elapsed < 10


def test_a_body_within_the_cap_is_returned_whole(allow_loopback):
    body = bytes(range(256)) * 4096  # 1 MB
    with local_server({"/ok": lambda h: h.answer(200, body)}) as server:
        answer = fetch(server.url("/ok"), max_bytes=len(body))
    assert answer.content == body


def test_a_server_that_does_not_answer_in_time_fails_neutrally(allow_loopback):
    with (
        local_server({"/slow": lambda h: time.sleep(1.5)}) as server,
        pytest.raises(OutboundFetchError, match=OUTBOUND_FETCH_FAILED) as caught,
    ):
        fetch(server.url("/slow"), max_bytes=MB, timeout=0.3)
    assert "Timeout" in caught.value.reason or "timed out" in caught.value.reason


def test_failures_are_logged_with_their_reason(caplog):
    with pytest.raises(OutboundFetchError):
        fetch("http://169.254.169.254/", max_bytes=MB)
    assert "169.254.169.254 is not allowed" in caplog.text


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.10.10.10", False),
        ("192.0.2.1", False),  # documentation
        ("198.18.0.1", False),  # benchmarking
        ("240.0.0.1", False),  # reserved
        ("255.255.255.255", False),
        ("::", False),
        ("::127.0.0.1", False),  # IPv4-compatible, deprecated
        ("2001:db8::1", False),
        ("2001:0::1", False),  # Teredo
    ],
)
def test_address_rules(address, public):
    import ipaddress

    assert http.address_is_public(ipaddress.ip_address(address)) is public


def test_allowed_networks_are_read_from_the_environment_and_checked_at_start(monkeypatch):
    from newsdesk.settings.env import read_env

    monkeypatch.setenv("NEWSDESK_OUTBOUND_ALLOW_NETWORKS", "10.20.0.0/24, 192.168.1.5")
    assert read_env().outbound_allow_networks == ["10.20.0.0/24", "192.168.1.5/32"]
    monkeypatch.setenv("NEWSDESK_OUTBOUND_ALLOW_NETWORKS", "10.20.0.0/24,intranet")
    with pytest.raises(ValueError, match="'intranet' is not an IP network"):
        read_env()


def test_an_allowed_network_opens_only_itself(settings, monkeypatch):
    settings.NEWSDESK_OUTBOUND_ALLOW_NETWORKS = ["10.20.0.0/24"]
    http.address_check("10.20.0.9")  # allowed: no exception
    with pytest.raises(http._AddressRefused):
        http.address_check("10.20.1.9")
