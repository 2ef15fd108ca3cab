"""One list of what is secret, and the functions that mask it wherever the mock writes anything down.

The journal, the inspector page and any log line pass through here, so a password, token, OTP or
Basic header typed by a client never leaves the request that carried it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

__all__ = ["MASK", "SENSITIVE_HEADERS", "SENSITIVE_KEYS", "mentions_secret", "redact_headers", "redact_query",
           "redact_text", "redact_value"]

MASK = "[redacted]"

# Lower-case names; a header or JSON/form key matching one of these is never written down in clear.
SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-admin-token"})
SENSITIVE_KEYS = frozenset({
    "password", "client_secret", "clientsecret", "secret", "access_token", "refresh_token", "token",
    "id_token", "otp", "admin_token", "vkyclink", "authorization",
})

# Cheap pre-check: a body mentioning none of these words is kept as it is, without parsing it.
_HINTS = ("password", "secret", "token", "otp", "vkyclink", "authorization")


def is_sensitive(key: str) -> bool:
    return key.lower() in SENSITIVE_KEYS


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers with secret values masked; an Authorization keeps its scheme so you can tell Basic from Bearer."""
    out = {}
    for name, value in headers:
        lower = name.lower()
        if lower in ("authorization", "proxy-authorization"):
            scheme, _, rest = value.partition(" ")
            out[name] = f"{scheme} {MASK}" if rest else MASK
        elif lower in SENSITIVE_HEADERS:
            out[name] = MASK
        else:
            out[name] = value
    return out


def redact_value(value: Any) -> Any:
    """A JSON-like value with every sensitive key's value masked, at any depth."""
    if isinstance(value, dict):
        return {k: (MASK if isinstance(k, str) and is_sensitive(k) else redact_value(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    return value


def redact_query(query: str) -> str:
    """A query string or form body with secret fields masked and every other byte kept as sent."""
    if not query or not mentions_secret(query):
        return query
    return "&".join(_masked_field(field) for field in query.split("&"))


def _masked_field(field: str) -> str:
    name, equals, _ = field.partition("=")
    # Compared decoded, as the server reads it: `pass%77ord=` is a password too.
    decoded = unquote_plus(name) if "%" in name or "+" in name else name
    return f"{name}={MASK}" if equals and is_sensitive(decoded) else field


def redact_text(text: str, mimetype: str | None) -> str:
    """A JSON or form body with secrets masked; any other body that mentions a secret word is withheld."""
    if not text or not mentions_secret(text):
        return text
    if mimetype == "application/x-www-form-urlencoded":
        return redact_query(text)
    try:
        return json.dumps(redact_value(json.loads(text)))
    except ValueError:
        return f"{MASK} (unparsable body of {len(text)} characters that may hold a secret)"


def mentions_secret(text: str) -> bool:
    """Whether `text` holds a secret word at all: most bodies do not, and are kept without parsing."""
    lower = text.lower()  # a few substring scans beat one case-insensitive regex by 10x here
    return any(hint in lower for hint in _HINTS)
