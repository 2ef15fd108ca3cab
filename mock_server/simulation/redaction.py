"""One list of what is secret, and the functions that mask it wherever the mock writes anything down.

The journal, the inspector page and any log line pass through here, so a password, token, OTP or
Basic header typed by a client never leaves the request that carried it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

__all__ = ["MASK", "SECRET_NAMES", "SENSITIVE_HEADERS", "SENSITIVE_KEYS", "is_sensitive", "mentions_secret",
           "redact_headers", "redact_query", "redact_text", "redact_value"]

MASK = "[redacted]"

# THE list: a header, JSON key, form field or query parameter whose name folds to one of these is
# never written down in clear. Names fold case-insensitively with `_` and `-` dropped, so snake, camel
# and kebab case are one name (`access_token`, `accessToken`, `Access-Token`); a header's `X-` prefix
# is dropped too (`X-Auth-Token` is `authtoken`).
SECRET_NAMES = frozenset({
    "password", "clientsecret", "secret", "accesstoken", "refreshtoken", "token", "idtoken", "authtoken",
    "otp", "admintoken", "vkyclink", "authorization", "proxyauthorization", "cookie", "setcookie", "apikey",
})
# The same names spelt as headers, for servers' access-log formats that name header atoms.
SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-admin-token",
                               "x-auth-token", "x-api-key"})
SENSITIVE_KEYS = SECRET_NAMES  # the name earlier code imported

# Cheap pre-check: a body mentioning none of these words is kept as it is, without parsing it.
# Each SECRET_NAMES entry contains one of them, so the pre-check never skips a secret.
_HINTS = ("password", "secret", "token", "otp", "vkyclink", "authorization", "cookie", "apikey", "api_key",
          "api-key")
_FIELD_SEPARATORS = re.compile(r"([&;])")  # `;` too: some clients and old servers split on it


def fold(name: str) -> str:
    """`Access_Token`, `accessToken`, `access-token` → `accesstoken`."""
    return name.lower().replace("_", "").replace("-", "")


def is_sensitive(key: str) -> bool:
    return fold(key) in SECRET_NAMES


def _is_sensitive_header(name: str) -> bool:
    folded = fold(name)
    return folded in SECRET_NAMES or (name[:2].lower() == "x-" and folded[1:] in SECRET_NAMES)


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers with secret values masked; an Authorization keeps its scheme so you can tell Basic from Bearer."""
    out = {}
    for name, value in headers:
        lower = name.lower()
        if lower in ("authorization", "proxy-authorization"):
            scheme, _, rest = value.partition(" ")
            out[name] = f"{scheme} {MASK}" if rest else MASK
        elif _is_sensitive_header(name):
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
    return "".join(_masked_field(part) for part in _FIELD_SEPARATORS.split(query))


def _masked_field(field: str) -> str:
    if field in ("&", ";"):
        return field
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
