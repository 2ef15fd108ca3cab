"""`${...}` references in scenario files: captured variables, secrets from the environment, built-ins.

`${name}` a variable (captured earlier or set in `vars`); `${env:NAME}` an environment variable (the
target's credentials stand in for ENKASH_* names); `${target:KEY}` the target's identifiers;
`${random:KIND}` a fresh value (mobile, email, pan, name, date_of_birth, address, uuid, digits6).
`$${` writes a literal `${`.
A string that is exactly one reference keeps the referenced value's type.
"""

from __future__ import annotations

import base64
import os
import random
import re
import string
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ToolError
from ..secrecy import is_secret_name
from ..targets import Target

__all__ = ["Context", "TemplateError", "is_secret_name", "render", "variable_references"]

_REF = re.compile(r"\$\$\{|\$\{([^{}]+)\}")
# The mock's seed has a second partner (isolation, lockout); its identifiers are published test data.
MOCK_EXTRA_ENV = {
    "ENKASH_PARTNER2_USERNAME": "6009990001",
    "ENKASH_PARTNER2_PASSWORD": "Other@1234567",
    "ENKASH_PARTNER2_PARTNER_ID": "CRQ7TEST2",
    "ENKASH_PARTNER2_CLIENT_ID": "CEKQ7TST22",
    "ENKASH_PARTNER2_CARD_ACCOUNT_ID": "CAQ7TST",
}
_CREDENTIAL_ENV = {
    "ENKASH_USERNAME": "username", "ENKASH_PASSWORD": "password", "ENKASH_CLIENT_ID": "client_id",
    "ENKASH_PARTNER_ID": "partner_id", "ENKASH_COMPANY_ID": "company_id",
    "ENKASH_CARD_ACCOUNT_ID": "card_account_id", "ENKASH_CLIENT_SECRET": "client_secret",
}


class TemplateError(ToolError):
    """A reference cannot be resolved (unknown variable, unset environment variable, unknown built-in)."""


def variable_references(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, name) of every plain `${name}` in VALUE (not `${env:…}` and other built-ins, not `$${`)."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in variable_references(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in variable_references(item, (*path, index))]
    if not isinstance(value, str):
        return []
    return [(path, match.group(1)) for match in _REF.finditer(value) if match.group(1) and ":" not in match.group(1)]


@dataclass
class Context:
    target: Target
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    variables: dict[str, Any] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)  # literal values that reports must never show

    def remember(self, name: str, value: Any) -> None:
        self.variables[name] = value
        if is_secret_name(name) and isinstance(value, str) and value:
            self.secrets.add(value)

    def lookup(self, ref: str) -> Any:
        kind, _, arg = ref.partition(":")
        if not arg:
            if ref not in self.variables:
                raise TemplateError(f"variable {ref!r} is not set (no earlier step captured it)")
            return self.variables[ref]
        resolver = {"env": self._env, "target": self._target, "random": _random}.get(kind)
        if resolver is None:
            raise TemplateError(f"unknown reference kind {kind!r} in ${{{ref}}} (use env:, target: or random:)")
        return resolver(arg)

    def _env(self, name: str) -> str:
        value = self.env.get(name)
        if not value and name in _CREDENTIAL_ENV:
            value = getattr(self.target.credentials, _CREDENTIAL_ENV[name])
        if not value and self.target.is_mock:
            value = MOCK_EXTRA_ENV.get(name)
        if not value:
            raise TemplateError(f"environment variable {name} is not set")
        if is_secret_name(name):
            self.secrets.add(value)
        return value

    def _target(self, key: str) -> str:
        creds = self.target.credentials
        if key == "basic_auth":
            pair = f"{creds.client_id}:{creds.client_secret}" if creds.client_secret else ":"
            value = "Basic " + base64.b64encode(pair.encode()).decode()
            self.secrets.add(value)
            return value
        if key in ("auth_url", "api_url"):
            return getattr(self.target, key)
        if key in ("username", "client_id", "partner_id", "company_id", "card_account_id"):
            return getattr(creds, key)
        raise TemplateError(f"unknown target value {key!r} (basic_auth, username, client_id, partner_id, "
                            "company_id, card_account_id, auth_url, api_url)")


def _random(kind: str) -> str:
    rng = random.SystemRandom()
    digits = string.digits
    makers = {
        "mobile": lambda: rng.choice("6789") + "".join(rng.choices(digits, k=9)),
        "email": lambda: f"qa.{uuid.uuid4().hex[:10]}@example.com",
        "pan": lambda: "".join(rng.choices(string.ascii_uppercase, k=5)) + "".join(rng.choices(digits, k=4))
        + rng.choice(string.ascii_uppercase),
        "name": lambda: rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=7)),
        # dd-MM-yyyy as Enkash's specialDate; day 1-28 is valid in every month, ages 18-60
        "date_of_birth": lambda: f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(1966, 2006)}",
        "address": lambda: f"Flat {rng.randint(1, 999)}, Test Lane {rng.randint(1, 99)}",
        "uuid": lambda: str(uuid.uuid4()),
        "digits6": lambda: "".join(rng.choices(digits, k=6)),
    }
    if kind not in makers:
        raise TemplateError(f"unknown random kind {kind!r} ({', '.join(makers)})")
    return makers[kind]()


def render(value: Any, context: Context) -> Any:
    """VALUE with every reference resolved, recursively through lists and mappings."""
    if isinstance(value, str):
        return _render_string(value, context)
    if isinstance(value, list):
        return [render(item, context) for item in value]
    if isinstance(value, dict):
        return {render(key, context): render(item, context) for key, item in value.items()}
    return value


def _render_string(text: str, context: Context) -> Any:
    whole = _REF.fullmatch(text)
    if whole and whole.group(1):
        return context.lookup(whole.group(1).strip())

    def replace(match: re.Match) -> str:
        if match.group(0) == "$${":
            return "${"
        return str(context.lookup(match.group(1).strip()))

    return _REF.sub(replace, text)
