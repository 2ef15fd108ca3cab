"""What a session name is, read the same way wherever it comes from (docs/admin.md, "Sessions").

A name is UTF-8 text. WSGI hands header values over as latin-1 decoded bytes, while werkzeug
decodes a query string (`?session=` on the tester pages and the inspector) as UTF-8, so without
this one decoding `X-Mock-Session: qa-ä` and `?session=qa-ä` would be two different sessions.
Names starting with `__` belong to the mock itself (snapshots live in `__snapshots__`).
"""

from __future__ import annotations

__all__ = ["MAX_LENGTH", "RESERVED_PREFIX", "SessionNameError", "check", "from_header"]

RESERVED_PREFIX = "__"
MAX_LENGTH = 200


class SessionNameError(ValueError):
    """A session name the mock refuses; the message says why."""


def from_header(raw: str) -> str:
    """The name a client sent in a header (its bytes read as UTF-8), checked."""
    try:
        name = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError) as error:
        raise SessionNameError("X-Mock-Session must be UTF-8 text") from error
    return check(name)


def check(name: str) -> str:
    """`name` if a caller may use it as a session."""
    if name.startswith(RESERVED_PREFIX):
        raise SessionNameError(f"session names starting with {RESERVED_PREFIX!r} are reserved for the mock")
    if len(name) > MAX_LENGTH or not name.isprintable():
        raise SessionNameError(f"a session name is 1 to {MAX_LENGTH} printable characters")
    return name
