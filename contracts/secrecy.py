"""Every redaction of the contracts package, and the one list of keys whose values are secrets.

Reports and JUnit (`redact`), scenario results (`redact_values`: the secret values a run knows),
recordings (`is_secret_key`) and scenario variables (`is_secret_name`) all mask what is named here.
`contracts` never imports `mock_server`, which keeps its own list for its journal and logs.
"""

from __future__ import annotations

import re

__all__ = ["SECRET_KEYS", "is_secret_key", "is_secret_name", "redact", "redact_values"]

SECRET_KEYS = ("password", "otp", "access_token", "refresh_token", "client_secret", "token", "id_token")

_KEYS = "|".join(SECRET_KEYS)
_SECRET_HEADER = re.compile(r"(?i)((?:-H\s+)?['\"]?(?:authorization|cookie)\s*:\s*)([^'\"\n]*)")
_SECRET_FIELD = re.compile(rf"(?i)((?:{_KEYS})=)([^&'\"\s]*)")
_SECRET_JSON = re.compile(rf"(?i)(\"(?:{_KEYS})\"\s*:\s*)\"[^\"]*\"")
_SCHEME_VALUE = re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+")
_SECRET_KEY = re.compile(rf"^({_KEYS})$", re.I)
# scenario variable names: `${token}`, `${token_2}`, `${otp_1}`, `${env:ENKASH_PASSWORD}`, `${target:basic_auth}`
_SECRET_NAME = re.compile(r"password|secret|token(_\d+)?$|(^|_)otp(_\d+)?$|authorization|basic", re.IGNORECASE)


def redact(text: str) -> str:
    """Hide everything secret a request or message may carry: auth headers, passwords, tokens, OTPs."""
    text = _SECRET_HEADER.sub(lambda m: m.group(1) + "***", text)
    text = _SECRET_FIELD.sub(lambda m: m.group(1) + "***", text)
    text = _SECRET_JSON.sub(lambda m: m.group(1) + '"***"', text)
    return _SCHEME_VALUE.sub(lambda m: m.group(1) + " ***", text)


def redact_values(text: str, secrets: set[str]) -> str:
    """TEXT with every known secret value replaced (longest first, so a token inside a header goes too)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, "<redacted>")
    return text


def is_secret_key(key: str) -> bool:
    """A JSON or form key whose value is a secret."""
    return bool(_SECRET_KEY.match(key))


def is_secret_name(name: str) -> bool:
    """A scenario variable (or env/target reference) whose value is a secret."""
    return bool(_SECRET_NAME.search(name))
