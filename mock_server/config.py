"""Mock configuration: defaults, then a YAML file, then ENKASH_MOCK_* variables, then explicit values.

Each layer overrides the one before, as in Flask's configuration guide, so a test can pin one
setting without repeating the rest. Every layer is read strictly against the field types below
(`config_values`): a bad value stops the mock at start with the key, the value and what was expected.
One setting has one name everywhere: the field name here is the config key, the pytest marker keyword,
`ENKASH_MOCK_<NAME>` and (with dashes) the `serve` flag; the exception is `faults`, whose repeatable
flag `--fault NAME` takes one fault per use. `enkash-mock example-config` documents them all
from this class and the comment beside each field.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_values import ConfigError, parse_settings, read_yaml

__all__ = ["ConfigError", "MockConfig", "load_config"]

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

    spec_path: str = str(DEFAULT_SPEC_PATH)  # the OpenAPI document that drives routes and validation
    seed_path: str = str(DEFAULT_SEED_PATH)  # YAML of partners, users and wallets a reset returns to
    store: str = "memory"  # where state lives: "memory", "sqlite:PATH" or "postgresql://…" (`serve`: SQLite)
    token_ttl_seconds: int = 86399  # access-token lifetime: the docs' sample expires_in; 300 gives the "5 minutes" rule
    refresh_token_ttl_seconds: int = 2_592_000  # refresh-token lifetime: Spring's default (30 days)
    lockout_threshold: int = 3  # consecutive failed logins before the user is locked
    otp_ttl_seconds: int = 300  # how long an OTP can be verified after it is sent
    otp_max_attempts: int = 3  # wrong tries that burn an OTP
    fixed_otp: str | None = None  # every OTP is this six-digit value, e.g. "123456"; null: random
    # HMAC key deriving OTPs and tokens; replicas given the same one accept each other's.
    # null: kept in the database by a PostgreSQL store, else random per process start.
    instance_secret: str | None = None  # Prefer ENKASH_MOCK_INSTANCE_SECRET: a flag shows in `ps`
    otp_secret: str | None = None  # the older name of instance_secret
    vkyc_timezone: str = "Asia/Kolkata"  # the time zone of VKYC hours and holidays
    vkyc_opens: str = "10:00"  # VKYC opens at this local time, HH:MM (inclusive)
    vkyc_closes: str = "18:00"  # VKYC closes at this local time, HH:MM (exclusive)
    vkyc_working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # weekdays VKYC works, 0 = Monday .. 6 = Sunday
    vkyc_holidays: tuple[str, ...] = ()  # ISO dates, local to vkyc_timezone
    vkyc_link_ttl_seconds: int = 3600  # how long a VKYC link stays usable
    max_body_bytes: int = 1_048_576  # larger request bodies are refused with 413
    validate_responses: bool = False  # tests switch this on: a response off the spec fails loudly
    # planted faults for the contract suite's self-check. The one setting whose flag differs from its
    # key: `serve --fault NAME`, repeatable, one fault per use.
    faults: tuple[str, ...] = ()  # ENKASH_MOCK_FAULTS=a,b in the environment
    journal_size: int = 1000  # requests kept per worker process by the /__admin/requests journal
    admin_token: str | None = None  # required by /__admin when set (and to serve on a non-loopback host)
    read_timeout_seconds: float = 10.0  # `serve`: a request head or body slower than this closes the connection
    # Host names /__admin and /__mock answer to besides loopback ones (DNS-rebinding guard); "*" allows any.
    allowed_hosts: tuple[str, ...] = ()  # `serve --allowed-host NAME`, repeatable; the --host served on is added
    session_idle_seconds: int = 0  # sessions unused this long are dropped (not default); 0 keeps them forever
    # Webhooks (mock_server/webhooks): who may receive them, and how hard the mock tries.
    webhook_allowed_hosts: tuple[str, ...] = ("127.0.0.0/8", "::1", "localhost")  # networks or host names
    webhook_timeout_ms: int = 5000  # connect + read, per attempt
    webhook_max_attempts: int = 6  # the first try and five retries
    webhook_backoff_seconds: int = 10  # first retry after this (mock clock), then x factor each time
    webhook_backoff_factor: int = 2  # each retry waits this many times longer than the one before
    webhook_backoff_max_seconds: int = 3600  # no retry waits longer than this (mock clock)
    webhook_senders: int = 4  # concurrent deliveries per process (a bounded pool)
    webhook_poll_ms: int = 50  # how often a worker looks for due deliveries (real time)
    # money (mock_server.api.funds; docs/admin.md "Money"): limits per KYC tier in rupees, counted in the
    # funds time zone's days, calendar months and financial years (April-March)
    wallet_limits: dict[str, dict[str, int]] = field(default_factory=lambda: {  # by kycStatus (docs/admin.md)
        tier: dict(limits) for tier, limits in DEFAULT_WALLET_LIMITS.items()})
    funds_timezone: str = "Asia/Kolkata"  # the time zone of money days, months and financial years
    idempotency_mode: str = "replay"  # repeat of a reference: "replay" the first answer, or "reject" it
    settlement_approved_after_seconds: int = 3600  # PENDING -> APPROVED this long after the debit
    settlement_in_process_working_days: int = 1  # -> SETTLEMENT_IN_PROCESS at settlement_time that working day
    settlement_settled_working_days: int = 2  # -> SETTLED at settlement_time of this working day after the debit
    settlement_time: str = "10:00"  # local to funds_timezone
    settlement_working_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday..Friday
    settlement_holidays: tuple[str, ...] = ()  # ISO dates, local to funds_timezone
    # IMPS fund transfers (mock_server/api/payouts; docs/transfers.md), amounts in rupees: the per-transfer
    # IMPS ceiling and a FULL_KYC wallet's monthly total to beneficiaries (RBI full-KYC PPI rules; inferred)
    transfer_max_amount: int = 200_000  # one transfer above this is REJECTED (REJECT_TRF_AMT)
    transfer_monthly_limit: int = 200_000  # a wallet's transfers in one calendar month (funds_timezone)
    transfer_settle_seconds: int = 5  # PROCESSING -> SUCCESS or FAILED this long after acceptance (mock clock)
    transfer_reversal_seconds: int = 3600  # SUCCESS -> REVERSED this long after success, for a "REVERSE" beneficiary
    # payment gateway (mock_server.api.gateway; docs/gateway.md):
    gateway_order_ttl_seconds: int = 900  # an Add Money order nobody paid EXPIRES this long after creation (0: at once)
    extra: dict[str, Any] = field(default_factory=dict)  # free-form values for extensions; the mock ignores them

    def __post_init__(self) -> None:
        """A lifetime or limit below its floor breaks the simulation silently (a negative `expires_in`
        on every token): refuse it when the mock is built, so `serve` exits before listening."""
        for name, floor in _FLOORS.items():
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < floor:
                raise ValueError(f"mock setting {name} must be a whole number >= {floor}, not {value!r}")

    def replace(self, **changes: Any) -> MockConfig:
        return dataclasses.replace(self, **parse_settings(MockConfig, changes))


# The lowest value each numeric setting may take.
_FLOORS = {
    "token_ttl_seconds": 1, "refresh_token_ttl_seconds": 1, "otp_ttl_seconds": 1, "vkyc_link_ttl_seconds": 1,
    "lockout_threshold": 1, "otp_max_attempts": 1, "max_body_bytes": 1, "journal_size": 0,
    "session_idle_seconds": 0,
    "transfer_max_amount": 1, "transfer_monthly_limit": 1, "transfer_settle_seconds": 0, "transfer_reversal_seconds": 0,
}


def load_config(file: str | os.PathLike[str] | None = None, **explicit: Any) -> MockConfig:
    """Build a config from defaults, an optional YAML file, the environment and explicit values."""
    values: dict[str, Any] = {}
    if file:
        values.update(parse_settings(MockConfig, read_yaml(os.fspath(file)), f"config file {os.fspath(file)}"))
    for name, (variable, value) in _from_environment().items():
        values.update(parse_settings(MockConfig, {name: value}, f"environment variable {variable}"))
    values.update(parse_settings(MockConfig, {k: v for k, v in explicit.items() if v is not None}))
    return MockConfig(**values)


def _from_environment() -> dict[str, tuple[str, str]]:
    """ENKASH_MOCK_<FIELD> variables, by field name (others with the prefix are left to other tools)."""
    names = {f.name for f in dataclasses.fields(MockConfig)}
    found = {}
    for key, value in os.environ.items():
        name = key[len(ENV_PREFIX):].lower()
        if key.startswith(ENV_PREFIX) and name in names:
            found[name] = (key, value)
    return found
