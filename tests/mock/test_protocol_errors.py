"""Requests the HTTP server itself refuses still get a JSON envelope, never an HTML page."""

import json
import socket
from urllib.parse import urlsplit

import pytest

from contracts.targets import start_mock

pytestmark = pytest.mark.e2e


def raw_exchange(base: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def base():
    with start_mock() as url:
        yield url


@pytest.mark.parametrize(("header", "status"), [
    (b"Expect: c[U8H@6\r\n", 417),
    (b"Bad Header Name: x\r\n", 400),
    (b"X-Big: " + b"a" * 9000 + b"\r\n", 431),
])
def test_protocol_errors_use_the_envelope(base, header, status):
    request = (b"POST /api/v0/partner/enKashCard/search HTTP/1.1\r\nHost: x\r\n" + header
               + b"Content-Length: 2\r\n\r\n{}")
    got, headers, body = raw_exchange(base, request)
    assert got == status
    assert headers["Content-Type"] == "application/json"
    envelope = json.loads(body)
    assert envelope["response_code"] == status and envelope["response_message"]
