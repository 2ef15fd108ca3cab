"""The access log: one line per request in the common combined format, with the mock's secrets masked.

Secrets reach a request line or a header in several ways: the VKYC link token is a path segment
(`/__mock/vkyc/<token>`, stored only as a hash), a careless client may put a token in the query
string, and a browser that submits the VKYC form sends that link as its Referer. So every logged
URL (the request's and the Referer) is masked the same way, every logged header value goes through
the one list of secret headers, the user field is always "-" (a Basic header is never decoded here),
and control characters are escaped so that a `%0a` in a path cannot forge a second line.
"""

from __future__ import annotations

import logging
import re
import time
from urllib.parse import urlsplit, urlunsplit

from .simulation.redaction import MASK, SENSITIVE_HEADERS, redact_query

__all__ = ["ACCESS_LOGGER", "access_line", "redact_path", "redact_url"]

ACCESS_LOGGER = "enkash_mock.access"

_SECRET_PATHS = re.compile(r"^(/__mock/vkyc/)[^/?]+")
_CONTROL = re.compile(r'[\x00-\x1f\x7f"\\]')


def redact_path(path: str) -> str:
    return _SECRET_PATHS.sub(lambda found: found.group(1) + MASK, path or "")


def redact_url(url: str) -> str:
    """A full URL (a Referer) with its path and query masked as a request line's are."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return urlunsplit((parts.scheme, parts.netloc, redact_path(parts.path), redact_query(parts.query), ""))
    path, _, query = url.partition("?")
    return redact_path(path) + ("?" + redact_query(query) if query else "")


def _escaped(text: str) -> str:
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def _header(headers: dict[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        return "-"
    return MASK if name in SENSITIVE_HEADERS else _escaped(redact_url(value) if name == "referer" else value)


def access_line(*, client: str, method: str, path: str, query: str, protocol: str, status: int, size: int,
                headers: dict[str, str], started: float) -> str:
    """`headers`: lower-case names. Combined log format: host - user [time] "request" status size "referer" "agent"."""
    target = redact_path(path) + ("?" + redact_query(query) if query else "")
    when = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime(started))
    host = client.rpartition(":")[0] or client
    return (f'{_escaped(host)} - - [{when}] "{_escaped(method)} {_escaped(target)} {_escaped(protocol)}" {status} '
            f'{size} "{_header(headers, "referer")}" "{_header(headers, "user-agent")}"')


def log_access(line: str) -> None:
    logging.getLogger(ACCESS_LOGGER).info(line)
