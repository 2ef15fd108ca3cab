"""Every redaction of the contracts package, and the one list of keys whose values are secrets.

Reports and JUnit (`redact`), schemathesis's own sanitisation of reproductions (`sanitization_config`),
scenario results (`redact_values`: the secret values a run knows), recordings (`is_secret_key`) and
scenario variables (`is_secret_name`) all mask what is named here. A key matches in any spelling:
`client_secret`, `clientSecret` and `Client-Secret` are one key. `contracts` never imports `mock_server`,
which keeps its own list for its journal and logs.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MASK", "SECRET_HEADERS", "SECRET_KEYS", "SECRET_MARKERS", "is_secret_key", "is_secret_name",
           "mask_secrets", "normalise_key", "redact", "redact_values", "sanitization_config"]

SECRET_KEYS = ("password", "otp", "access_token", "refresh_token", "client_secret", "token", "id_token",
               "vkyc_link")  # a VKYC link carries the holder's one-time token
SECRET_HEADERS = ("authorization", "proxy_authorization", "cookie", "set_cookie")
# Any key containing one of these is a secret too (e.g. `newPassword`, `apiSecret`).
SECRET_MARKERS = ("password", "secret")
MASK = "***"

# A `$VARIABLE` in a reproduction is a placeholder the reader fills in, not a secret: it is kept.
_SECRET_HEADER = re.compile(r"(?i)((?:-H\s+)?['\"]?(?:authorization|cookie)\s*:\s*+)(?!(?:Bearer\s+|Basic\s+)?\$)"
                            r"([^'\"\n]*)")
# Every spelling of every key: client_secret, clientSecret, client-secret.
_KEYS = "|".join(sorted({part for key in SECRET_KEYS
                         for part in (key, key.replace("_", ""), key.replace("_", "-"))}, key=len, reverse=True))
_SECRET_FIELD = re.compile(rf"(?i)\b((?:{_KEYS})=)(?!\$)([^&'\"\s]*)")
# A JSON string value, escaped quotes included; unterminated when an excerpt was cut inside it.
_SECRET_JSON = re.compile(rf"(?i)(\"(?:{_KEYS})\"\s*:\s*)\"(?:[^\"\\]|\\.)*(?:\"|\\?$)")
_SCHEME_VALUE = re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+")
# scenario variable names: `${token}`, `${token_2}`, `${otp_1}`, `${env:ENKASH_PASSWORD}`, `${target:basic_auth}`
_SECRET_NAME = re.compile(r"password|secret|token(_\d+)?$|(^|_)otp(_\d+)?$|authorization|basic", re.IGNORECASE)
_DECODER = json.JSONDecoder()


def normalise_key(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


_NORMALISED = {normalise_key(key) for key in (*SECRET_KEYS, *SECRET_HEADERS)}


def is_secret_key(key: str) -> bool:
    """A JSON, form or header key whose value is a secret, in any spelling."""
    normal = normalise_key(key)
    return normal in _NORMALISED or any(marker in normal for marker in SECRET_MARKERS)


def is_secret_name(name: str) -> bool:
    """A scenario variable (or env/target reference) whose value is a secret."""
    return bool(_SECRET_NAME.search(name))


def redact(text: str) -> str:
    """Hide everything secret a request or message may carry: auth headers, passwords, tokens, OTPs.

    JSON inside the text is parsed and masked by key first, so no quoting trick (an escaped quote in a
    password) can leave part of a secret behind; the patterns then catch form fields, headers and any
    JSON too broken to parse (an excerpt cut short).
    """
    text = _mask_json_documents(text)
    text = _SECRET_HEADER.sub(lambda m: m.group(1) + MASK, text)
    text = _SECRET_FIELD.sub(lambda m: m.group(1) + MASK, text)
    text = _SECRET_JSON.sub(lambda m: m.group(1) + f'"{MASK}"', text)
    return _SCHEME_VALUE.sub(lambda m: m.group(1) + " " + MASK, text)


def redact_values(text: str, secrets: set[str]) -> str:
    """TEXT with every known secret value replaced (longest first, so a token inside a header goes too)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, "<redacted>")
    return text


def mask_secrets(value: Any) -> Any:
    """A parsed JSON value with the value of every secret key (any spelling, any depth) masked."""
    if isinstance(value, dict):
        return {key: MASK if is_secret_key(str(key)) else mask_secrets(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_secrets(item) for item in value]
    return value


def sanitization_config() -> dict[str, Any]:
    """schemathesis's `output.sanitization`, set from this list rather than its defaults.

    Its defaults also match any key containing "session" or "key", so the mock's `X-Mock-Session`
    header showed as `[Filtered]` and a reproduction no longer reached the same session.
    """
    spellings: set[str] = set()
    for key in (*SECRET_KEYS, *SECRET_HEADERS):
        spellings |= {key, key.replace("_", "-"), key.replace("_", "")}
    return {"keys-to-sanitize": sorted(spellings), "sensitive-markers": list(SECRET_MARKERS), "replacement": MASK}


def _mask_json_documents(text: str) -> str:
    out, position = [], 0
    while (start := _next_document(text, position)) != -1:
        try:
            value, end = _DECODER.raw_decode(text, start)
        except ValueError:
            out.append(text[position:start + 1])
            position = start + 1
            continue
        out.append(text[position:start])
        out.append(json.dumps(mask_secrets(value), ensure_ascii=False) if isinstance(value, dict | list)
                   else text[start:end])
        position = end
    out.append(text[position:])
    return "".join(out)


def _next_document(text: str, position: int) -> int:
    found = [index for index in (text.find("{", position), text.find("[", position)) if index != -1]
    return min(found) if found else -1
