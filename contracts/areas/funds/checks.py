"""Money checks, registered with `@contract_check`; called by the money rules (scope "stateful")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...registration import contract_check

__all__ = ["MONEY_CHECKS", "balance_equals_history", "balance_never_negative", "debit_needs_otp",
           "kyc_limits_hold", "money_is_conserved", "reference_is_idempotent"]


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
    """A replayed uniqueReferenceNumber (top-up) or uniqueTransactionId (merchant debit) with the same body
    repeats the first answer and moves no money."""
    if replay_code == first_code and balance_after == balance_before:
        return None
    return Problem(f"response_code {first_code!r} again and otbBalance still {balance_before}",
                   f"response_code {replay_code!r}, otbBalance {balance_after}")


@contract_check(evidence="operation", scope="stateful")
def kyc_limits_hold(cap: Decimal, balance_before: Decimal, amount: Decimal, code: Any,
                    balance_after: Decimal) -> Problem | None:
    """A load that would take a wallet past its KYC tier's outstanding limit is refused and moves no money."""
    if balance_before > cap:  # already past it: an earlier load was let through
        return Problem(f"otbBalance at most {cap} (the tier's limit)", f"otbBalance {balance_before}")
    if balance_before + amount <= cap or (code == 1 and balance_after == balance_before):
        return None
    return Problem(f"response_code 1 (limit {cap}) and otbBalance still {balance_before}",
                   f"response_code {code!r}, otbBalance {balance_after}")


@contract_check(evidence="operation", scope="stateful")
def money_is_conserved(total_before: Decimal, card_account: Decimal, wallet: Decimal,
                       merchant: Decimal = Decimal("0.00")) -> Problem | None:
    """Top-ups, debits and refunds only move money: card account + wallet + merchant stays what it was."""
    if card_account + wallet + merchant == total_before:
        return None
    return Problem(f"card account + wallet + merchant = {total_before}",
                   f"card account {card_account} + wallet {wallet} + merchant {merchant} = "
                   f"{card_account + wallet + merchant}")


@contract_check(evidence="operation", scope="stateful")
def balance_never_negative(balance: Decimal) -> Problem | None:
    """No wallet's otbBalance is ever below zero: a debit the balance cannot cover is refused."""
    if balance >= 0:
        return None
    return Problem("otbBalance of at least 0.00 (a debit past the balance is refused)", f"otbBalance {balance}")


@contract_check(evidence="operation", scope="stateful")
def debit_needs_otp(otp: str, code: Any, balance_before: Decimal, balance_after: Decimal) -> Problem | None:
    """A merchant debit without a valid, unused TRANSACTION_OTP of that wallet is refused and moves no money.

    `otp` says what was sent instead ("a wrong OTP", "a used OTP", ...)."""
    if code != 0 and balance_after == balance_before:
        return None
    return Problem(f"a refusal (response_code 1) for {otp}, otbBalance still {balance_before}",
                   f"response_code {code!r}, otbBalance {balance_after}")


MONEY_CHECKS = (balance_equals_history, reference_is_idempotent, kyc_limits_hold, money_is_conserved,
                balance_never_negative, debit_needs_otp)
