"""Checks of wallet-to-wallet transfers and Add Money orders; called by the gateway rules (scope "stateful")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...registration import contract_check

__all__ = ["GATEWAY_CHECKS", "unpaid_order_credits_nothing", "wallet_transfer_is_atomic"]


@contract_check(evidence="operation", scope="stateful")
def wallet_transfer_is_atomic(amount: Decimal, code: Any, source: tuple[Decimal, Decimal],
                              target: tuple[Decimal, Decimal]) -> Problem | None:
    """A wallet-to-wallet transfer takes the amount from the source and gives it to the target together, or
    moves nothing (source and target are (balance before, balance after))."""
    out, into = source[0] - source[1], target[1] - target[0]
    if (code == 0 and out == amount == into) or (code != 0 and out == 0 == into):
        return None
    wanted = f"source -{amount} and target +{amount}" if code == 0 else "neither wallet's balance moved (refused)"
    return Problem(f"{wanted} (response_code {code!r})", f"source moved by {-out}, target by {into:+}")


@contract_check(evidence="operation", scope="stateful")
def unpaid_order_credits_nothing(outcome: str, expected_status: str, status: Any, balance_before: Decimal,
                                 balance_after: Decimal) -> Problem | None:
    """An Add Money order that was declined, abandoned or left to expire reports that status and credits nothing."""
    if status == expected_status and balance_after == balance_before:
        return None
    return Problem(f"orderStatus {expected_status} after {outcome}, otbBalance still {balance_before}",
                   f"orderStatus {status!r}, otbBalance {balance_after}")


GATEWAY_CHECKS = (wallet_transfer_is_atomic, unpaid_order_credits_nothing)
