"""Mock configuration: defaults, then a YAML file, then ENKASH_MOCK_* variables, then explicit values.

Each layer overrides the one before, as in Flask's configuration guide, so a test can pin one
setting without repeating the rest.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["MockConfig", "load_config"]

ENV_PREFIX = "ENKASH_MOCK_"
PACKAGE_DIR = Path(__file__).resolve().parent
# A symlink to the repository's openapi.yaml in a checkout; the file itself in a built wheel.
DEFAULT_SPEC_PATH = PACKAGE_DIR / "openapi.yaml"
DEFAULT_SEED_PATH = PACKAGE_DIR / "default_seed.yaml"
# Rupees, by KYC tier (RBI's small-PPI and full-KYC PPI rules; inferred). A limit left out is no limit.
DEFAULT_WALLET_LIMITS = {
    "MIN_KYC": {"maxBalance": 10_000, "monthlyLoad": 10_000, "annualLoad": 120_000, "monthlyDebit": 10_000},
    "FULL_KYC": {"maxBalance": 200_000},
}


@dataclass(frozen=True)
class MockConfig:
    """Every knob of the simulated sandbox; the defaults reproduce the documented behaviour."""

    spec_path: str = str(DEFAULT_SPEC_PATH)
    seed_path: str = str(DEFAULT_SEED_PATH)
    store: str = "memory"  # "memory", "sqlite:PATH" or "postgresql://user:pass@host:port/db"
    token_ttl_seconds: int = 86399  # the docs' sample expires_in; 300 reproduces the "5 minutes" rule
    refresh_token_ttl_seconds: int = 2_592_000  # Spring's default refresh validity (30 days)
    lockout_threshold: int = 3  # consecutive failed logins before the user is locked
    otp_ttl_seconds: int = 300
    otp_max_attempts: int = 3  # wrong tries that burn an OTP
    fixed_otp: str | None = None  # e.g. "123456"; None means random OTPs
    # HMAC key deriving OTPs and tokens. None: kept in the database by a PostgreSQL store (shared by its
    # replicas), else random per start. `otp_secret` is its older name.
    instance_secret: str | None = None
    otp_secret: str | None = None
    vkyc_timezone: str = "Asia/Kolkata"
    vkyc_opens: str = "10:00"  # inclusive
    vkyc_closes: str = "18:00"  # exclusive
    vkyc_working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday..Friday
    vkyc_holidays: tuple[str, ...] = ()  # ISO dates, local to vkyc_timezone
    vkyc_link_ttl_seconds: int = 3600
    max_body_bytes: int = 1_048_576
    validate_responses: bool = False  # tests switch this on: a response off the spec fails loudly
    faults: tuple[str, ...] = ()  # planted faults for the contract suite's self-check
    journal_size: int = 1000  # requests kept per worker process by the /__admin/requests journal
    admin_token: str | None = None  # required by /__admin when set (and to serve on a non-loopback host)
    read_timeout_seconds: float = 10.0  # `serve`: a request head or body slower than this closes the connection
    # Host names /__admin and /__mock answer to besides loopback ones (DNS-rebinding guard); "*" allows any.
    allowed_hosts: tuple[str, ...] = ()
    session_idle_seconds: int = 0  # sessions unused this long are dropped (not default); 0 keeps them forever
    # Webhooks (mock_server/webhooks): who may receive them, and how hard the mock tries.
    webhook_allowed_hosts: tuple[str, ...] = ("127.0.0.0/8", "::1", "localhost")  # networks or host names
    webhook_timeout_ms: int = 5000  # connect + read, per attempt
    webhook_max_attempts: int = 6  # the first try and five retries
    webhook_backoff_seconds: int = 10  # first retry after this (mock clock), then x factor each time
    webhook_backoff_factor: int = 2
    webhook_backoff_max_seconds: int = 3600
    webhook_senders: int = 4  # concurrent deliveries per process (a bounded pool)
    webhook_poll_ms: int = 50  # how often a worker looks for due deliveries (real time)
    # money (mock_server.api.funds; docs/admin.md "Money"): limits per KYC tier in rupees, counted in the
    # funds time zone's days, calendar months and financial years (April-March)
    wallet_limits: dict[str, dict[str, int]] = field(default_factory=lambda: {
        tier: dict(limits) for tier, limits in DEFAULT_WALLET_LIMITS.items()})
    funds_timezone: str = "Asia/Kolkata"
    idempotency_mode: str = "replay"  # repeat of a reference: "replay" the first answer, or "reject" it
    settlement_approved_after_seconds: int = 3600  # PENDING -> APPROVED this long after the debit
    settlement_in_process_working_days: int = 1  # -> SETTLEMENT_IN_PROCESS at settlement_time that working day
    settlement_settled_working_days: int = 2  # -> SETTLED at settlement_time of this working day after the debit
    settlement_time: str = "10:00"  # local to funds_timezone
    settlement_working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday..Friday
    settlement_holidays: tuple[str, ...] = ()  # ISO dates, local to funds_timezone
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """A lifetime or limit below its floor breaks the simulation silently (a negative `expires_in`
        on every token): refuse it when the mock is built, so `serve` exits before listening."""
        for name, floor in _FLOORS.items():
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < floor:
                raise ValueError(f"mock setting {name} must be a whole number >= {floor}, not {value!r}")

    def replace(self, **changes: Any) -> MockConfig:
        return dataclasses.replace(self, **_coerce(changes))


# The lowest value each numeric setting may take.
_FLOORS = {
    "token_ttl_seconds": 1, "refresh_token_ttl_seconds": 1, "otp_ttl_seconds": 1, "vkyc_link_ttl_seconds": 1,
    "lockout_threshold": 1, "otp_max_attempts": 1, "max_body_bytes": 1, "journal_size": 0,
    "session_idle_seconds": 0,
}


def load_config(file: str | os.PathLike[str] | None = None, **explicit: Any) -> MockConfig:
    """Build a config from defaults, an optional YAML file, the environment and explicit values."""
    values: dict[str, Any] = {}
    if file:
        with open(file, encoding="utf-8") as handle:
            values.update(yaml.safe_load(handle) or {})
    values.update(_from_environment())
    values.update({k: v for k, v in explicit.items() if v is not None})
    unknown = set(values) - {f.name for f in dataclasses.fields(MockConfig)}
    if unknown:
        raise ValueError(f"unknown mock setting(s): {', '.join(sorted(unknown))}")
    return MockConfig(**_coerce(values))


def _from_environment() -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(MockConfig)}
    found = {}
    for key, value in os.environ.items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in names:
            found[key[len(ENV_PREFIX):].lower()] = value
    return found


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings from the environment or YAML lists into the field's declared type."""
    types = {f.name: f.type for f in dataclasses.fields(MockConfig)}
    out = {}
    for key, value in values.items():
        kind = types.get(key, "")
        if isinstance(value, str) and kind.startswith("dict"):
            value = yaml.safe_load(value)  # JSON or YAML text from an environment variable
        elif isinstance(value, str) and kind == "int":
            value = int(value)
        elif isinstance(value, str | int) and kind == "float":
            value = float(value)
        elif isinstance(value, str) and kind == "bool":
            value = value.strip().lower() in {"1", "true", "yes", "on"}
        elif kind.startswith("tuple"):
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",") if part.strip()]
            value = tuple(int(v) if kind == "tuple[int, ...]" else v for v in value)
        out[key] = value
    return out
