"""Reference model of one wallet's IMPS transfers, from openapi.yaml and the Enkash docs alone (never the mock).

Documented (payout twin): PROCESSING -> SUCCESS | FAILED, later possibly REVERSED; REJECTED on validation.
Inferred: the wallet is debited when a transfer is accepted and credited back when it fails or is
reversed, and a replayed transactionId with the same body moves nothing. The model predicts the
balance and the final status of each transfer from the outcome the suite set for its beneficiary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..funds.model import rupees

__all__ = ["FINAL_STATUS", "ModelTransfer", "TransferModel"]

# what a beneficiary's outcome makes of a transfer once the clock has moved past it
FINAL_STATUS = {"SUCCESS": "SUCCESS", "FAIL": "FAILED", "REVERSE": "REVERSED"}
GIVES_BACK = ("FAILED", "REVERSED")


@dataclass
class ModelTransfer:
    transaction_id: str
    amount: Decimal
    outcome: str
    status: str = "PROCESSING"


@dataclass
class TransferModel:
    balance: Decimal  # the wallet's, as the model predicts it
    total: Decimal  # card account + wallet when the model started: what transfers may only move out
    sent: Decimal = Decimal("0.00")  # accepted and not given back (it is at the bank)
    transfers: dict[str, ModelTransfer] = field(default_factory=dict)

    def accepted(self, transaction_id: str, amount: Decimal, outcome: str) -> None:
        self.transfers[transaction_id] = ModelTransfer(transaction_id, amount, outcome)
        self.balance -= amount
        self.sent += amount

    def settled(self, transaction_id: str) -> str:
        """The clock moved past every planned step: the final status, with its money."""
        transfer = self.transfers[transaction_id]
        transfer.status = FINAL_STATUS[transfer.outcome]
        if transfer.status in GIVES_BACK:
            self.balance += transfer.amount
            self.sent -= transfer.amount
        return transfer.status

    def in_system(self) -> Decimal:
        """What card account + wallet must hold: the starting total less what is at the bank."""
        return self.total - self.sent

    @staticmethod
    def amount(value: object) -> Decimal:
        return rupees(value)
