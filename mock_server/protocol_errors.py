"""Requests refused before the app runs, answered in Enkash's JSON envelope, never an HTML page or an
empty body: an `Expect` other than 100-continue (417), an over-long request target (414) or header
line (431), a body over the size limit (413), malformed body framing (400), a body that stalls (408).

The limits are gunicorn's defaults, which the mock served with before granian: clients saw them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from http import HTTPStatus

from .http import responses

__all__ = ["MAX_HEADER_LINE", "MAX_REQUEST_TARGET", "ProtocolError", "envelope", "refuse_head"]

MAX_REQUEST_TARGET = 4094  # bytes of path + query
MAX_HEADER_LINE = 8190  # bytes of one "Name: value" line


class ProtocolError(Exception):
    """A request the HTTP layer refuses; `status` and a short `detail` for the envelope."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def envelope(status: int, detail: str) -> tuple[list[tuple[str, str]], bytes]:
    """Headers and body of a protocol error; the connection is closed after it."""
    reason = HTTPStatus(status).phrase
    # The envelope's shape is the one writer's (http/responses.py); a bare byte body because granian, not
    # Flask, sends it.
    body = json.dumps(responses.envelope(status, reason, detail or None)).encode()
    return [("content-type", "application/json"), ("connection", "close")], body


def refuse_head(target_length: int, headers: Iterable[tuple[str, str]]) -> None:
    """Raise ProtocolError for a request head the mock will not serve."""
    if target_length > MAX_REQUEST_TARGET:
        raise ProtocolError(414, f"request target longer than {MAX_REQUEST_TARGET} bytes")
    for name, value in headers:
        if len(name) + len(value) + 2 > MAX_HEADER_LINE:
            raise ProtocolError(431, f"header {name[:40]} longer than {MAX_HEADER_LINE} bytes")
        if name == "expect" and value.strip().lower() != "100-continue":
            raise ProtocolError(417, "only Expect: 100-continue is supported")
