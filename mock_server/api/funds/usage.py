"""Running totals of a wallet per period (loads and debits, amounts and counts).

Each counter keeps only its current period: {"name": [period key, value]}. A counter whose period is
over reads as zero, so a month's loads restart on the 1st without any background job.
"""

from __future__ import annotations

__all__ = ["add_usage", "used"]


def used(counters: dict, name: str, period: str) -> int:
    stored = counters.get(name)
    return stored[1] if stored and stored[0] == period else 0


def add_usage(counters: dict, name: str, period: str, value: int) -> None:
    counters[name] = [period, used(counters, name, period) + value]
