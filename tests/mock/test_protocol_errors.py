"""Requests the HTTP layer refuses still get a JSON envelope, never an HTML page or a traceback."""

import json
import socket
from urllib.parse import urlsplit

import pytest

from contracts.targets import start_mock

pytestmark = pytest.mark.e2e

SEARCH = b"POST /api/v0/partner/enKashCard/search HTTP/1.1\r\nHost: x\r\n"


def raw_exchange(base: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes; the status, the headers (names lower-cased: HTTP names are case-blind) and the body."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, value in (line.split(": ", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def base():
    with start_mock() as url:
        yield url


def assert_envelope(got: int, headers: dict, body: bytes, status: int) -> dict:
    assert got == status
    assert headers["content-type"] == "application/json"
    envelope = json.loads(body)
    assert envelope["response_code"] == status and envelope["response_message"]
    return envelope


@pytest.mark.parametrize(("header", "status"), [
    (b"Expect: c[U8H@6\r\n", 417),
    (b"X-Big: " + b"a" * 9000 + b"\r\n", 431),
])
def test_protocol_errors_use_the_envelope(base, header, status):
    assert_envelope(*raw_exchange(base, SEARCH + header + b"Content-Length: 2\r\n\r\n{}"), status)


def test_request_target_too_long_is_414(base):
    request = b"GET /__admin/health?" + b"q" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert_envelope(*raw_exchange(base, request), 414)


def test_header_name_with_a_space_is_refused_by_the_http_parser(base):
    """granian's parser (hyper) refuses it before any Python runs: a 400 with no body, then a close."""
    got, _, body = raw_exchange(base, SEARCH + b"Bad Header Name: x\r\nContent-Length: 2\r\n\r\n{}")
    assert got == 400 and body == b""


ENDPOINTS = {
    "api": b"POST /api/v0/partner/enKashCard/search HTTP/1.1\r\nContent-Type: application/json\r\n",
    "token": b"POST /oauth/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
    "admin": b"POST /__admin/reset HTTP/1.1\r\nContent-Type: application/json\r\n",
    "inspector login": b"POST /__admin/ui/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
}
FRAMINGS = {"size zz": b"zz\r\nab\r\n0\r\n\r\n", "negative size": b"-2\r\nab\r\n0\r\n\r\n",
            "missing CRLF": b"2\r\nabXX0\r\n\r\n"}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("framing", FRAMINGS)
def test_malformed_chunk_framing_is_400_in_the_envelope(base, endpoint, framing):
    request = (ENDPOINTS[endpoint] + b"Host: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
               + FRAMINGS[framing])
    envelope = assert_envelope(*raw_exchange(base, request), 400)
    assert "chunked" in envelope["payload"]


def test_well_formed_chunks_still_work(base):
    form = b"username=6001020040&password=Test@1234567&grant_type=password&clientId=CEKHZH0UHW"
    body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (form[:20], form[20:])) + b"0\r\n\r\n"
    request = (b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nAuthorization: Basic Og==\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
    got, _, answer = raw_exchange(base, request)
    assert got == 200 and json.loads(answer)["token_type"] == "bearer"


def test_chunked_body_over_the_limit_is_413_and_changes_nothing(base):
    wallet = json.dumps({"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "mobile": "6000099111",
                         "pad": "x" * (2 * 1024 * 1024)}).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(wallet[i:i + 65536]), wallet[i:i + 65536])
                      for i in range(0, len(wallet), 65536)) + b"0\r\n\r\n"
    request = (b"POST /api/v0/partner/enKashCard HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks)
    assert_envelope(*raw_exchange(base, request), 413)


def test_an_empty_chunked_body_is_an_empty_body(base):
    """What `requests` sends for `data=''`: the API judges the empty form, the HTTP layer does not refuse it."""
    request = (b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nAuthorization: Basic Og==\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    got, _, answer = raw_exchange(base, request)
    assert got == 400 and "chunked" not in answer.decode()
