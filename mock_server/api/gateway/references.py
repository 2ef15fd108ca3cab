"""Partner references of the gateway area, made safe to retry by the funds area's idempotency store.

The funds module names its own scopes' fields; this one adds the scopes of this area without editing
it: same fingerprint (OTP fields left out), same store kind, same `idempotency_mode`.
"""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.world import World
from ..funds import idempotency

__all__ = ["FIELDS", "fingerprint", "recall", "remember"]

# scope -> the request field that carries the partner's reference
FIELDS = {"w2w": "transactionId", "pgorder": "uniqueTransactionId"}
fingerprint = idempotency.fingerprint


def _key(scope: str, partner_id: str, reference: str) -> str:
    return f"{scope}:{partner_id}:{reference}"


def recall(world: World, scope: str, partner_id: str, reference: str, print_: str) -> dict | None:
    """The stored answer of an identical earlier request; None for a new reference."""
    stored = world.tx.get(idempotency.KIND, _key(scope, partner_id, reference))
    if stored is None:
        return None
    if world.config.idempotency_mode == "reject":
        raise DomainError("duplicate_reference", field=FIELDS[scope])
    if stored["fingerprint"] != print_:
        raise DomainError("reference_reused", field=FIELDS[scope])
    return stored["result"]


def remember(world: World, scope: str, partner_id: str, reference: str, print_: str, result: dict) -> None:
    world.tx.put(idempotency.KIND, _key(scope, partner_id, reference),
                 {"fingerprint": print_, "result": result, "at": world.now})
