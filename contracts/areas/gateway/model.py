"""What the gateway rules expect, from openapi.yaml's descriptions alone (never the mock's code).

A transfer is accepted when the source holds the amount (the machine keeps the target far inside its
limits); an order's outcome decides its status: paid → PAID (credited once), declined → FAILED,
abandoned → ATTEMPTED, and either unpaid one → EXPIRED once its time is up, crediting nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["OUTCOME_STATUS", "PeerModel", "transfer_accepted"]

# outcome -> (the order's status after it, and after its expiry when the clock passes it)
OUTCOME_STATUS = {"pay": ("PAID", "PAID"), "fail": ("FAILED", "FAILED"), "abandon": ("ATTEMPTED", "EXPIRED")}


def transfer_accepted(source_balance: Decimal, amount: Decimal) -> bool:
    return amount <= source_balance


@dataclass
class PeerModel:
    """The second wallet of the partner the rules create: where transfers go and gateway top-ups land."""

    wallet_id: str
    balance: Decimal = Decimal("0.00")
    paid_in: Decimal = Decimal("0.00")  # money that entered the system through the gateway
