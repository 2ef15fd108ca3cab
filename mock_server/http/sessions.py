"""Which simulated world a request belongs to, and what a session name is: the one resolver every route uses.

API calls and the admin API name their session in `X-Mock-Session`; a browser page cannot send
headers, so pages also accept `?session=` (they fall back to finding the session that owns a link).

A name is UTF-8 text, read the same way wherever it comes from (docs/admin.md, "Sessions"). WSGI
hands header values over as latin-1 decoded bytes, while werkzeug decodes a query string as UTF-8,
so without one decoding `X-Mock-Session: qa-ä` and `?session=qa-ä` would be two different sessions.
Names starting with `__` belong to the mock itself (snapshots live in `__snapshots__`).
"""

from __future__ import annotations

from flask import Request

__all__ = [
    "DEFAULT_SESSION",
    "MAX_NAME_LENGTH",
    "RESERVED_PREFIX",
    "SESSION_ENVIRON_KEY",
    "SESSION_HEADER",
    "SessionNameError",
    "check_name",
    "name_from_header",
    "requested_session",
    "session_of",
]

DEFAULT_SESSION = "default"
SESSION_HEADER = "X-Mock-Session"
SESSION_ENVIRON_KEY = "HTTP_X_MOCK_SESSION"  # the same header, read straight from the WSGI environ
RESERVED_PREFIX = "__"
MAX_NAME_LENGTH = 200
_CHECKED_KEY = "enkash.session"  # the decoded, checked header name, kept in the environ for the rest of the request


class SessionNameError(ValueError):
    """A session name the mock refuses; the message says why."""


def name_from_header(raw: str) -> str:
    """The name a client sent in a header (its bytes read as UTF-8), checked."""
    try:
        name = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError) as error:
        raise SessionNameError(f"{SESSION_HEADER} must be UTF-8 text") from error
    return check_name(name)


def check_name(name: str) -> str:
    """`name` if a caller may use it as a session."""
    if name.startswith(RESERVED_PREFIX):
        raise SessionNameError(f"session names starting with {RESERVED_PREFIX!r} are reserved for the mock")
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise SessionNameError(f"a session name is 1 to {MAX_NAME_LENGTH} printable characters")
    return name


def _header_session(req: Request) -> str | None:
    environ = req.environ
    name = environ.get(_CHECKED_KEY)
    if name is None:
        raw = environ.get(SESSION_ENVIRON_KEY)
        if not raw:
            return None
        name = environ[_CHECKED_KEY] = name_from_header(raw)
    return name


def requested_session(req: Request, *, allow_query: bool = False) -> str | None:
    """The session the caller named, if any; on pages an explicit `?session=` wins over the header.
    Raises SessionNameError for a reserved or undecodable name, so a refused name never reaches the store."""
    asked = req.values.get("session") if allow_query else None
    if asked:
        return check_name(asked)
    return _header_session(req)


def session_of(req: Request, *, allow_query: bool = False) -> str:
    return requested_session(req, allow_query=allow_query) or DEFAULT_SESSION
