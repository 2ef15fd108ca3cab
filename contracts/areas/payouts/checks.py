"""Transfer checks, registered with `@contract_check`; called by the transfer rules (scope "stateful")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...registration import contract_check

__all__ = ["PAYOUT_CHECKS", "failed_transfer_is_reversed", "transfer_is_idempotent"]


@contract_check(evidence="operation", scope="stateful")
def failed_transfer_is_reversed(status: Any, balance_before: Decimal, balance_after: Decimal) -> Problem | None:
    """A FAILED or REVERSED transfer gives its amount back: the wallet holds what it held before the transfer."""
    if status not in ("FAILED", "REVERSED") or balance_after == balance_before:
        return None
    return Problem(f"otbBalance {balance_before} again once the transfer is {status}",
                   f"otbBalance {balance_after} with the transfer {status}")


@contract_check(evidence="operation", scope="stateful")
def transfer_is_idempotent(first: tuple[Any, Any], replay: tuple[Any, Any], balance_before: Decimal,
                           balance_after: Decimal) -> Problem | None:
    """A replayed transactionId with the same body repeats the first answer (response_code and
    enkashTransactionId) and debits nothing."""
    if replay == first and balance_after == balance_before:
        return None
    return Problem(f"response_code {first[0]!r}, enkashTransactionId {first[1]!r} again and otbBalance still "
                   f"{balance_before}",
                   f"response_code {replay[0]!r}, enkashTransactionId {replay[1]!r}, otbBalance {balance_after}")


PAYOUT_CHECKS = (failed_transfer_is_reversed, transfer_is_idempotent)
