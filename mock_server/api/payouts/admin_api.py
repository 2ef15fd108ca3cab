"""/__admin/transfers: list transfers, force a status, and set what a beneficiary's transfers do
(docs/admin.md "Transfers", docs/transfers.md)."""

from __future__ import annotations

from flask import request

from ...admin.base import admin_blueprint, body, caller_session, json_out, mock_state
from ...http.errors import ApiError, from_domain
from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.world import World
from .lifecycle import KIND, change_status, plan, transfer_key, transfer_view
from .outcomes import OUTCOMES, set_outcome

__all__ = ["admin_transfer_view", "list_transfers"]

_FORCEABLE = ("SUCCESS", "FAILED", "REVERSED")


def admin_transfer_view(record: dict) -> dict:
    """The API's view plus what only a tester sees: partner, planned outcome, every status with its time."""
    return {**transfer_view(record), "partnerId": record["partnerId"], "outcome": record.get("outcome", "SUCCESS"),
            "refundTxnId": record.get("refundTxnId"),
            "history": [{"status": step["status"], "at": to_iso(step["at"])} for step in record.get("history", [])]}


def list_transfers(world: World, wallet_id: str | None = None, status: str | None = None) -> list[dict]:
    found = [record for _, record in world.tx.items(KIND)
             if (wallet_id is None or record["enKashCardId"] == wallet_id)
             and (status is None or record["status"] == status)]
    return [admin_transfer_view(record) for record in sorted(found, key=lambda r: (r["createdAt"], r["transactionId"]))]


@admin_blueprint.get("/transfers")
def transfers():
    """Every transfer of the session, oldest first; `?enKashCardId=` and `?status=` narrow it."""
    with mock_state().world(caller_session(), write=False) as world:
        found = list_transfers(world, request.args.get("enKashCardId"), request.args.get("status"))
    return json_out({"transfers": found})


@admin_blueprint.put("/transfers/<transaction_id>")
def force_transfer_status(transaction_id: str):
    """Move a transfer now, with its money and webhook: PROCESSING -> SUCCESS | FAILED, SUCCESS -> REVERSED.
    A forced status replaces whatever the clock had planned for the transfer."""
    data = body()
    status, reason = data.get("status"), data.get("reason")
    if status not in _FORCEABLE or not (reason is None or isinstance(reason, str)):
        raise ApiError("admin_bad_request", detail='expected {"status": "SUCCESS" | "FAILED" | "REVERSED", '
                                                   '"reason": optional text, "partnerId": optional}')
    with mock_state().world(caller_session()) as world:
        record = _transfer(world, transaction_id, data.get("partnerId"))
        try:
            change_status(world, record, status, world.now, reason)
        except DomainError as error:
            raise from_domain(error) from error
        plan(world, transfer_key(record["partnerId"], transaction_id), None)
        view = admin_transfer_view(record)
    return json_out(view)


@admin_blueprint.put("/beneficiaries/<wallet_id>/<beneficiary_id>/outcome")
def beneficiary_outcome(wallet_id: str, beneficiary_id: str):
    """What this beneficiary's next transfers do: SUCCESS (default), FAIL, or REVERSE (succeed, then reversed)."""
    data = body()
    outcome, reason = data.get("outcome"), data.get("reason")
    if outcome not in OUTCOMES or not (reason is None or isinstance(reason, str)):
        raise ApiError("admin_bad_request", detail='expected {"outcome": "SUCCESS" | "FAIL" | "REVERSE", '
                                                   '"reason": optional text}')
    with mock_state().world(caller_session()) as world:
        try:
            rule = set_outcome(world, wallet_id, beneficiary_id, outcome, reason)
        except DomainError as error:
            raise from_domain(error) from error
    return json_out(rule)


def _transfer(world: World, transaction_id: str, partner_id: object) -> dict:
    partners = [partner_id] if isinstance(partner_id, str) else [key for key, _ in world.tx.items("partner")]
    found = [record for pid in partners if (record := world.tx.get(KIND, transfer_key(pid, transaction_id)))]
    if not found:
        raise ApiError("admin_not_found", detail=f"no transfer {transaction_id} in this session")
    if len(found) > 1:
        raise ApiError("admin_bad_request", detail='several partners used this transactionId: add "partnerId"')
    return found[0]
