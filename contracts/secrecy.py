"""The one list, for the whole contracts package, of the keys whose values are secrets.

Reports (`suites.results.redact`), schemathesis's own sanitisation of reproductions (`sanitization_config`)
and recordings (`scenarios.scrub`) all mask what is named here. A key matches in any spelling:
`client_secret`, `clientSecret` and `Client-Secret` are one key. `contracts` never imports `mock_server`,
which keeps its own list for its journal and logs.
"""

from __future__ import annotations

__all__ = ["SECRET_HEADERS", "SECRET_KEYS", "SECRET_MARKERS", "is_secret_key", "normalise_key",
           "sanitization_config"]

SECRET_KEYS = ("password", "otp", "access_token", "refresh_token", "client_secret", "token", "id_token",
               "vkyc_link")  # a VKYC link carries the holder's one-time token
SECRET_HEADERS = ("authorization", "proxy_authorization", "cookie", "set_cookie")
# Any key containing one of these is a secret too (e.g. `newPassword`, `apiSecret`).
SECRET_MARKERS = ("password", "secret")
MASK = "***"


def normalise_key(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


_NORMALISED = {normalise_key(key) for key in (*SECRET_KEYS, *SECRET_HEADERS)}


def is_secret_key(key: str) -> bool:
    normal = normalise_key(key)
    return normal in _NORMALISED or any(marker in normal for marker in SECRET_MARKERS)


def sanitization_config() -> dict:
    """schemathesis's `output.sanitization`, set from this list rather than its defaults.

    Its defaults also match any key containing "session" or "key", so the mock's `X-Mock-Session`
    header showed as `[Filtered]` and a reproduction no longer reached the same session.
    """
    spellings = set()
    for key in (*SECRET_KEYS, *SECRET_HEADERS):
        spellings |= {key, key.replace("_", "-"), key.replace("_", "")}
    return {"keys-to-sanitize": sorted(spellings), "sensitive-markers": list(SECRET_MARKERS), "replacement": MASK}
