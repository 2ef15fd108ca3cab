"""Partner references (`uniqueReferenceNumber`, `uniqueTransactionId`) that make a retry safe.

The first success is stored with a fingerprint of its request. A repeat with the same request gets the
stored result and moves no money; with a different request it is refused. `idempotency_mode: reject`
refuses every repeat. Secrets (OTP values) are left out of the fingerprint: it is kept in the store.
"""

from __future__ import annotations

import hashlib
import json

from ...kernel.errors import DomainError
from ...kernel.world import World

__all__ = ["KIND", "UNFINGERPRINTED", "fingerprint", "recall", "remember"]

UNFINGERPRINTED = ("otp", "otpReferenceId", "otpMedium", "mfaCode")
KIND = "idempotency"


def fingerprint(request: dict, amount_paise: int) -> str:
    kept = {key: value for key, value in request.items() if key not in UNFINGERPRINTED}
    kept["amount"] = amount_paise  # 10, 10.0 and "10.00" are the same request
    kept.pop("amountToLoad", None)
    return hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


def _key(scope: str, partner_id: str, reference: str) -> str:
    return f"{scope}:{partner_id}:{reference}"


def recall(world: World, scope: str, partner_id: str, reference: str | None, print_: str,
           field: str | None = None) -> dict | None:
    """The stored result of an identical earlier request, or None when the reference is new. `field` names
    the request field that carries the reference, for a scope of another area (default: this area's)."""
    if reference is None:
        return None
    stored = world.tx.get(KIND, _key(scope, partner_id, reference))
    if stored is None:
        return None
    if world.config.idempotency_mode == "reject":
        raise DomainError("duplicate_reference", field=field or _FIELDS[scope])
    if stored["fingerprint"] != print_:
        raise DomainError("reference_reused", field=field or _FIELDS[scope])
    return stored["result"]


def remember(world: World, scope: str, partner_id: str, reference: str | None, print_: str, result: dict) -> None:
    if reference is not None:
        world.tx.put(KIND, _key(scope, partner_id, reference),
                     {"fingerprint": print_, "result": result, "at": world.now})


_FIELDS = {"topup": "uniqueReferenceNumber", "merchant": "uniqueTransactionId"}
