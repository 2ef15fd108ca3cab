"""How hard a run pushes: `dev` (thorough, local), `ci` (fast, the mock), `uat` (gentle, a real sandbox)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["PROFILES", "Profile", "parse_rate"]


@dataclass(frozen=True)
class Profile:
    name: str
    max_examples: int  # fuzzed cases per operation and generation mode
    coverage_cases: int  # deterministic coverage cases per operation (0: none)
    stateful_runs: int  # state-machine runs (hypothesis examples)
    stateful_steps: int  # steps per run
    rate: float | None  # requests per second; None: as fast as the target answers
    admin_rules: bool  # may use the mock's admin API (read OTPs, move the clock, decide VKYC)
    pin_ids: bool  # positive cases use the target's own companyId/cardAccountId (they create wallets)
    shrink: bool = False  # shrink a failing state-machine run (slow against a server)
    fail_fast: bool = False
    gentle_money: bool = False  # money rules move 1.00 at a time (a real sandbox's money)
    stateful_areas: tuple[str, ...] = ()  # optional areas the state machine may use besides wallets and KYC; (): all

    def with_overrides(self, **changes) -> Profile:
        return replace(self, **{key: value for key, value in changes.items() if value is not None})


PROFILES = {
    "dev": Profile("dev", max_examples=60, coverage_cases=400, stateful_runs=25, stateful_steps=25, rate=None,
                   admin_rules=True, pin_ids=True, shrink=True),
    "ci": Profile("ci", max_examples=25, coverage_cases=120, stateful_runs=25, stateful_steps=30, rate=None,
                  admin_rules=True, pin_ids=True),
    "uat": Profile("uat", max_examples=5, coverage_cases=15, stateful_runs=2, stateful_steps=10, rate=2.0,
                   admin_rules=False, pin_ids=False, gentle_money=True),
}

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*$")


def parse_rate(text: str) -> float:
    """'2/s', '30/m' or '5' (per second) → requests per second."""
    match = _RATE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"invalid rate {text!r}: use e.g. 2/s or 30/m")
    value = float(match.group(1))
    return value / 60 if (match.group(2) or "s").startswith("m") else value
