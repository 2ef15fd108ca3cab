"""Reference model of one wallet's money, from openapi.yaml and the Enkash docs alone (never the mock).

Amounts are exact `Decimal` rupees with two places: a float never enters the ledger. The model starts
from the balance the target shows (a wallet may carry history from before the run) and from then on
predicts every balance: a top-up credits its amount once, a replay of its reference credits nothing;
an accepted merchant debit moves its amount from the wallet to the merchant once (a replay of its
`uniqueTransactionId` moves nothing), and a completed refund moves it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["CENT", "MAX_BALANCE", "Debit", "LedgerModel", "TopUp", "rupees"]

CENT = Decimal("0.01")
# Outstanding-balance limit by KYC tier (inferred from the RBI rules for prepaid instruments; the mock's
# `wallet_limits` default). A real sandbox could differ: the probe rule reads it from here only.
MAX_BALANCE = {"MIN_KYC": Decimal("10000.00"), "FULL_KYC": Decimal("200000.00")}


def rupees(value: Any) -> Decimal:
    """A JSON amount (number or numeric string) as exact rupees; str() first so a float's shortest
    repr (1010.5), not its binary expansion, is what becomes the Decimal."""
    return Decimal(str(value)).quantize(CENT)


@dataclass(frozen=True)
class TopUp:
    reference: str
    amount: Decimal
    code: Any  # the first answer's response_code
    balance_after: Decimal | None  # the first answer's otbBalance (None when refused)


@dataclass
class Debit:
    reference: str  # the uniqueTransactionId
    amount: Decimal
    code: Any  # the first answer's response_code
    body: dict[str, Any]  # exactly what was sent, so a replay can send it again
    refunded: bool = False


@dataclass
class LedgerModel:
    balance: Decimal
    merchant: Decimal = Decimal("0.00")  # what the merchant holds (it only ever receives our debits)
    top_ups: dict[str, TopUp] = field(default_factory=dict)
    debits: dict[str, Debit] = field(default_factory=dict)

    def covers(self, amount: Decimal) -> bool:
        """The documented rule: a debit needs enough otbBalance."""
        return amount <= self.balance

    def debited(self, reference: str, amount: Decimal, code: Any, body: dict[str, Any]) -> None:
        """Record a first merchant debit: accepted (code 0) it moves the amount to the merchant."""
        if code == 0:
            self.balance -= amount
            self.merchant += amount
        self.debits[reference] = Debit(reference, amount, code, dict(body))

    def refundable(self) -> list[str]:
        return [ref for ref, debit in self.debits.items() if debit.code == 0 and not debit.refunded]

    def refunded(self, reference: str) -> None:
        """A completed refund (REFUND) moves the debit's amount back from the merchant to the wallet."""
        debit = self.debits[reference]
        debit.refunded = True
        self.balance += debit.amount
        self.merchant -= debit.amount

    def topped_up(self, reference: str, amount: Decimal, code: Any, answered_balance: Any) -> None:
        """Record a first top-up: accepted (code 0) it credits the amount; refused it moves nothing."""
        after = rupees(answered_balance) if code == 0 and answered_balance is not None else None
        if code == 0:
            self.balance += amount
        self.top_ups[reference] = TopUp(reference, amount, code, after)
