"""A request's headers as one dict with lower-case names, read from the WSGI environ once per request.

Validation, authentication and the journal all need them; werkzeug's `EnvironHeaders` rebuilds
each name on every pass, which costs more than a whole spec check on the token path.
"""

from __future__ import annotations

__all__ = ["request_headers"]

_KEY = "enkash.headers"
_UNPREFIXED = {"CONTENT_TYPE": "content-type", "CONTENT_LENGTH": "content-length"}  # PEP 3333


def request_headers(environ: dict) -> dict[str, str]:
    """Lower-case name → value (a repeated header arrives joined by commas, as the server gave it)."""
    headers = environ.get(_KEY)
    if headers is None:
        headers = {name[5:].replace("_", "-").lower(): value
                   for name, value in environ.items() if name.startswith("HTTP_")}
        for name, lower in _UNPREFIXED.items():
            value = environ.get(name)
            if value:
                headers[lower] = value
        environ[_KEY] = headers
    return headers
