"""Reference model of one wallet's money, from openapi.yaml and the Enkash docs alone (never the mock).

Amounts are exact `Decimal` rupees with two places: a float never enters the ledger. The model starts
from the balance the target shows (a wallet may carry history from before the run) and from then on
predicts every balance: a top-up credits its amount once, a replay of its reference credits nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["CENT", "MAX_BALANCE", "LedgerModel", "TopUp", "rupees"]

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
class LedgerModel:
    balance: Decimal
    top_ups: dict[str, TopUp] = field(default_factory=dict)

    def topped_up(self, reference: str, amount: Decimal, code: Any, answered_balance: Any) -> None:
        """Record a first top-up: accepted (code 0) it credits the amount; refused it moves nothing."""
        after = rupees(answered_balance) if code == 0 and answered_balance is not None else None
        if code == 0:
            self.balance += amount
        self.top_ups[reference] = TopUp(reference, amount, code, after)
