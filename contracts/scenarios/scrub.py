"""What must not reach a scenario file as recorded: secrets, PII, and volatile values.

`Literals` maps a recorded value to the reference that replaces it (`${token}`, `${env:ENKASH_PASSWORD}`,
`${mobile_1}` …), so one substitution pass rewrites every later request and expectation that
contains it: this is how recorded values are correlated on replay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..secrecy import is_secret_key

__all__ = ["PII_KINDS", "Literals", "is_secret_key", "is_volatile", "pii_kind"]

_VOLATILE_KEYS = re.compile(
    r"(token|Id|ID|_id|Link|link|Url|URL|url|At|On|time|Time|date|Date|expires_in|expiresInSeconds|maskedNumber|last4)$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
PII_KINDS = {
    "mobile": re.compile(r"^[6-9][0-9]{9}$"),
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"),
    "pan": re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$"),
}
# PII found by its key; docs/scenarios.md lists exactly these (keep the two in step).
_PII_KEYS = {"mobile": "mobile", "mobileNumber": "mobile", "phone": "mobile", "username": "mobile",
             "email": "email", "emailId": "email", "docNo": "pan", "pan": "pan", "panNumber": "pan",
             "firstName": "name", "middleName": "name", "lastName": "name", "fullName": "name",
             "specialDate": "date_of_birth", "dateOfBirth": "date_of_birth", "dob": "date_of_birth",
             "address": "address", "address2": "address", "addressLine1": "address", "addressLine2": "address"}


def is_volatile(key: str, value: Any) -> bool:
    """Values that differ on every run or target: tokens, generated IDs, timestamps, links."""
    return bool(_VOLATILE_KEYS.search(key)) or (isinstance(value, str) and bool(_ISO_TIME.match(value)))


def pii_kind(key: str, value: Any) -> str | None:
    """The PII kind when KEY names one (mobile, email, pan, name, date_of_birth, address) or VALUE looks like
    a mobile, an email or a PAN."""
    if not isinstance(value, str) or not value:
        return None
    if key in _PII_KEYS:
        return _PII_KEYS[key]
    return next((kind for kind, pattern in PII_KINDS.items() if pattern.match(value)), None)


@dataclass
class Literals:
    """Recorded literal → reference text. Short literals are never substituted inside other text."""

    refs: dict[str, str] = field(default_factory=dict)
    vars: dict[str, str] = field(default_factory=dict)  # scenario-level `vars` (fresh PII per replay)
    _counts: dict[str, int] = field(default_factory=dict)

    def add(self, literal: str, ref: str) -> str:
        return self.refs.setdefault(literal, ref)

    def fresh_var(self, base: str) -> str:
        self._counts[base] = self._counts.get(base, 0) + 1
        return base if self._counts[base] == 1 else f"{base}_{self._counts[base]}"

    def pii(self, literal: str, kind: str) -> str:
        """The variable standing for a PII value: a fresh random one on every replay."""
        if literal not in self.refs:
            name = self.fresh_var(kind)
            self.vars[name] = f"${{random:{kind}}}"
            self.refs[literal] = f"${{{name}}}"
        return self.refs[literal]

    def substitute(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self.substitute(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.substitute(item) for item in value]
        if not isinstance(value, str):
            return value
        if value in self.refs:
            return self.refs[value]
        text = value.replace("${", "$${")
        for literal in sorted(self.refs, key=len, reverse=True):
            if len(literal) >= 6 and literal in text:
                text = text.replace(literal, self.refs[literal])
        return text
