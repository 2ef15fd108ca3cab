"""What a beneficiary's transfers do: succeed (the default), fail, or succeed and later be reversed.

A tester sets it per wallet and beneficiary (admin API, pytest handle). A transfer takes its outcome
when it is accepted, so changing a beneficiary's outcome never rewrites a transfer already under way.
"""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.world import World

__all__ = ["DEFAULT_REASONS", "OUTCOMES", "outcome_for", "set_outcome"]

KIND = "payout_outcome"
OUTCOMES = ("SUCCESS", "FAIL", "REVERSE")
DEFAULT_REASONS = {"FAIL": "Beneficiary bank declined the transfer", "REVERSE": "Returned by beneficiary bank"}


def _key(wallet_id: str, beneficiary_id: str) -> str:
    return f"{wallet_id}:{beneficiary_id}"


def set_outcome(world: World, wallet_id: str, beneficiary_id: str, outcome: str, reason: str | None = None) -> dict:
    if outcome not in OUTCOMES:
        raise DomainError("admin_bad_request", detail=f"outcome must be one of {', '.join(OUTCOMES)}")
    if world.tx.get("beneficiary", _key(wallet_id, beneficiary_id)) is None:
        raise DomainError("admin_not_found", detail=f"wallet {wallet_id} has no beneficiary {beneficiary_id}")
    rule = {"enKashCardId": wallet_id, "beneficiaryId": beneficiary_id, "outcome": outcome,
            "reason": reason or DEFAULT_REASONS.get(outcome)}
    if outcome == "SUCCESS":
        world.tx.delete(KIND, _key(wallet_id, beneficiary_id))
    else:
        world.tx.put(KIND, _key(wallet_id, beneficiary_id), rule)
    return rule


def outcome_for(world: World, wallet_id: str, beneficiary_id: str) -> tuple[str, str | None]:
    rule = world.tx.get(KIND, _key(wallet_id, beneficiary_id))
    return ("SUCCESS", None) if rule is None else (rule["outcome"], rule.get("reason"))
