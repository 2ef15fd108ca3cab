"""Partner references of the gateway area, made safe to retry by the funds area's idempotency store.

Same fingerprint (OTP fields left out), same store kind, same `idempotency_mode`; only the scopes and the
request fields that carry their references are this area's.
"""

from __future__ import annotations

from ...kernel.world import World
from ..funds import idempotency

__all__ = ["FIELDS", "fingerprint", "recall", "remember"]

# scope -> the request field that carries the partner's reference
FIELDS = {"w2w": "transactionId", "pgorder": "uniqueTransactionId"}
fingerprint = idempotency.fingerprint
remember = idempotency.remember


def recall(world: World, scope: str, partner_id: str, reference: str, print_: str) -> dict | None:
    """The stored answer of an identical earlier request; None for a new reference."""
    return idempotency.recall(world, scope, partner_id, reference, print_, field=FIELDS[scope])
