"""Which simulated world a request belongs to: the one resolver every route uses.

API calls and the admin API name their session in `X-Mock-Session`; a browser page cannot send
headers, so pages also accept `?session=` (they fall back to finding the session that owns a link).
"""

from __future__ import annotations

from flask import Request

__all__ = ["DEFAULT_SESSION", "SESSION_ENVIRON_KEY", "SESSION_HEADER", "requested_session", "session_of"]

DEFAULT_SESSION = "default"
SESSION_HEADER = "X-Mock-Session"
SESSION_ENVIRON_KEY = "HTTP_X_MOCK_SESSION"  # the same header, read straight from the WSGI environ


def requested_session(req: Request, *, allow_query: bool = False) -> str | None:
    """The session the caller named, if any; on pages an explicit `?session=` wins over the header."""
    asked = req.values.get("session") if allow_query else None
    return asked or req.environ.get(SESSION_ENVIRON_KEY) or None


def session_of(req: Request, *, allow_query: bool = False) -> str:
    return requested_session(req, allow_query=allow_query) or DEFAULT_SESSION
