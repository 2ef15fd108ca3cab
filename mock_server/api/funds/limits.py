"""Prepaid-instrument limits by KYC tier (RBI's rules for small and full-KYC PPIs; inferred, configurable).

Limits are configured in rupees (`MockConfig.wallet_limits`), compared in paise. A missing limit is no limit.
"""

from __future__ import annotations

from decimal import Decimal

from .usage import used

__all__ = ["DEFAULT_WALLET_LIMITS", "LIMIT_NAMES", "debit_breach", "load_breach", "load_headroom"]

DEFAULT_WALLET_LIMITS: dict[str, dict[str, int]] = {
    "MIN_KYC": {"maxBalance": 10_000, "monthlyLoad": 10_000, "annualLoad": 120_000, "monthlyDebit": 10_000},
    "FULL_KYC": {"maxBalance": 200_000},
}
LIMIT_NAMES = ("maxBalance", "monthlyLoad", "annualLoad", "monthlyDebit")


def _limit_paise(limits: dict, tier: str, name: str) -> int | None:
    value = limits.get(tier, {}).get(name)
    return None if value is None else int(Decimal(str(value)) * 100)  # exact, even for 9999.99


def load_headroom(limits: dict, tier: str, balance: int, counters: dict, periods: dict) -> dict[str, int | None]:
    """What may still be loaded under each limit (paise; None: unlimited)."""
    spent = {"maxBalance": balance, "monthlyLoad": used(counters, "load", periods["month"]),
             "annualLoad": used(counters, "loadYear", periods["year"])}
    room = {}
    for name, already in spent.items():
        cap = _limit_paise(limits, tier, name)
        room[name] = None if cap is None else max(cap - already, 0)
    return room


def load_breach(limits: dict, tier: str, balance: int, counters: dict, periods: dict, amount: int) -> str | None:
    """The first limit a load of `amount` would break, or None."""
    for name, room in load_headroom(limits, tier, balance, counters, periods).items():
        if room is not None and amount > room:
            return name
    return None


def debit_breach(limits: dict, tier: str, counters: dict, periods: dict, amount: int) -> str | None:
    cap = _limit_paise(limits, tier, "monthlyDebit")
    if cap is not None and used(counters, "debit", periods["month"]) + amount > cap:
        return "monthlyDebit"
    return None
