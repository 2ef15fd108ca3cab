"""Money checks, registered with `@contract_check`; called by the money rules (scope "stateful")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...registration import contract_check

__all__ = ["MONEY_CHECKS", "balance_equals_history", "reference_is_idempotent"]


@contract_check(evidence="operation", scope="stateful")
def balance_equals_history(balance: Decimal, credits: Decimal, debits: Decimal) -> Problem | None:
    """A wallet's otbBalance equals its credits minus its debits in transaction/all."""
    if balance == credits - debits:
        return None
    return Problem(f"otbBalance {credits - debits} (credits {credits} - debits {debits})",
                   f"otbBalance {balance}")


@contract_check(evidence="operation", scope="stateful")
def reference_is_idempotent(first_code: Any, replay_code: Any, balance_before: Decimal,
                            balance_after: Decimal) -> Problem | None:
    """A replayed uniqueReferenceNumber with the same body repeats the first answer and moves no money."""
    if replay_code == first_code and balance_after == balance_before:
        return None
    return Problem(f"response_code {first_code!r} again and otbBalance still {balance_before}",
                   f"response_code {replay_code!r}, otbBalance {balance_after}")


MONEY_CHECKS = (balance_equals_history, reference_is_idempotent)
