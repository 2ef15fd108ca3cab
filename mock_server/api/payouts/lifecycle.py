"""A transfer's lifecycle: PROCESSING -> SUCCESS | FAILED, and SUCCESS -> REVERSED (the payout product's).

Each change is one call here, made inside one store transaction: the status, the money (FAILED and
REVERSED credit the wallet back through the ledger) and the FUND_TRANSFER_STATUS event are written
together, so a partner never sees one without the others. When a change falls due on the clock is kept
in a small index (`payout_due`) whose earliest instant the session's meta document carries (kernel/due.py).
"""

from __future__ import annotations

import secrets

from ...kernel.clock import to_iso
from ...kernel.due import schedule
from ...kernel.errors import DomainError
from ...kernel.world import World
from ...webhooks import emit
from ..funds import ledger
from ..funds.money import rupees
from ..funds.periods import period_keys
from ..funds.usage import add_usage

__all__ = ["CLEARING_KIND", "DUE_KIND", "KIND", "MESSAGES", "NEXT", "USAGE", "change_status", "clearing_account",
           "plan", "scheduled_step", "transfer_key", "transfer_view"]

KIND = "payout"
DUE_KIND = "payout_due"
# The bank side of a partner's transfers: what left its wallets and was not credited back. Holding it
# in a ledger owner keeps the session's books whole (api/funds/overview.py counts it as held).
CLEARING_KIND = "payout_clearing"
AREA = "payouts"
USAGE = "transferOut"  # the wallet's usage counter of transfers this month (funds/usage.py)
NEXT = {"PROCESSING": ("SUCCESS", "FAILED"), "SUCCESS": ("REVERSED",)}
MESSAGES = {"PROCESSING": "Transfer is being processed", "SUCCESS": "Transfer successful",
            "FAILED": "Transfer failed", "REVERSED": "Transfer reversed", "REJECTED": "Transfer rejected"}
_LEDGER_TYPES = {"FAILED": "FUND_TRANSFER_REFUND", "REVERSED": "FUND_TRANSFER_REVERSAL"}


def transfer_key(partner_id: str, transaction_id: str) -> str:
    return f"{partner_id}:{transaction_id}"


def clearing_account(world: World, partner_id: str) -> tuple[str, dict, str]:
    """The partner's clearing owner as `ledger.transfer` takes it, created on first use."""
    account = world.tx.get(CLEARING_KIND, partner_id) or {"partnerId": partner_id, "balancePaise": 0,
                                                          "ledgerCount": 0}
    return CLEARING_KIND, account, partner_id


def transfer_view(record: dict) -> dict:
    """The transfer as the API shows it (create, status enquiry, replays)."""
    return {
        "transactionId": record["transactionId"],
        "enkashTransactionId": record["enkashTransactionId"],
        "enKashCardId": record["enKashCardId"],
        "cardAccountId": record["cardAccountId"],
        "beneficiaryId": record["beneficiaryId"],
        "beneficiaryName": record.get("beneficiaryName"),
        "transferAmount": rupees(record["amountPaise"]),
        "transferMode": record["transferMode"],
        "transferRemark": record.get("transferRemark"),
        "status": record["status"],
        "statusCode": record.get("statusCode"),
        "statusMessage": record["statusMessage"],
        "utr": record.get("utr"),
        "enkashCardTxnId": record.get("debitTxnId"),
        "createdOn": to_iso(record["createdAt"]),
        "updatedOn": to_iso(record["updatedAt"]),
    }


def event_body(record: dict, previous: str | None) -> dict:
    """The FUND_TRANSFER_STATUS body (openapi.yaml `webhooks.fundTransferStatus`)."""
    return {
        "transactionId": record["transactionId"],
        "enkashTransactionId": record["enkashTransactionId"],
        "enKashCardId": record["enKashCardId"],
        "beneficiaryId": record["beneficiaryId"],
        "transferAmount": rupees(record["amountPaise"]),
        "transferMode": record["transferMode"],
        "status": record["status"],
        "previousStatus": previous,
        "statusCode": record.get("statusCode"),
        "statusMessage": record["statusMessage"],
        "utr": record.get("utr"),
        "updatedOn": to_iso(record["updatedAt"]),
    }


def announce(world: World, record: dict, previous: str | None) -> None:
    emit(world, "FUND_TRANSFER_STATUS", event_body(record, previous), partner_id=record["partnerId"])


def change_status(world: World, record: dict, status: str, at: float, message: str | None = None) -> dict:
    """Move a transfer one step, with its money and its event; refuses a step the lifecycle lacks."""
    previous = record["status"]
    if status not in NEXT.get(previous, ()):
        allowed = ", ".join(NEXT.get(previous, ())) or "nothing (it is final)"
        raise DomainError("admin_conflict", detail=f"a {previous} transfer can move to {allowed}, not {status}")
    if status in _LEDGER_TYPES:
        _credit_back(world, record, status, at)
    if status == "SUCCESS":
        record["utr"] = f"{secrets.randbelow(10**12):012d}"  # the bank's reference of the credit
    record.update(status=status, statusMessage=message or MESSAGES[status], updatedAt=at)
    record["history"] = [*record.get("history", []), {"status": status, "at": at}]
    world.tx.put(KIND, transfer_key(record["partnerId"], record["transactionId"]), record)
    announce(world, record, previous)
    return record


def _credit_back(world: World, record: dict, status: str, at: float) -> None:
    wallet = world.tx.get("wallet", record["enKashCardId"])
    if wallet is None:  # wallets are never deleted; only a hand-edited state import could get here
        raise DomainError("admin_conflict", detail="the transfer's wallet is no longer in this session")
    payee = record.get("beneficiaryName") or "beneficiary"
    _, entry = ledger.transfer(world.tx, clearing_account(world, record["partnerId"]),
                               ("wallet", wallet, wallet["enKashCardId"]), record["amountPaise"], at,
                               type=_LEDGER_TYPES[status], reference=record["transactionId"],
                               description=f"{MESSAGES[status]}: IMPS to {payee}")
    record["refundTxnId"] = entry["id"]
    month = period_keys(at, world.config.funds_timezone)["month"]
    counters = wallet.setdefault("usage", {})
    if record.get("month") == month:  # money that never left does not count against this month's cap
        add_usage(counters, USAGE, month, -record["amountPaise"])
        world.tx.put("wallet", wallet["enKashCardId"], wallet)


def scheduled_step(world: World, record: dict, at: float) -> None:
    """The change the transfer's outcome makes due at `at`; a success to be reversed is planned again."""
    outcome, reason = record.get("outcome", "SUCCESS"), record.get("outcomeReason")
    key = transfer_key(record["partnerId"], record["transactionId"])
    if record["status"] == "PROCESSING":
        if outcome == "FAIL":
            change_status(world, record, "FAILED", at, reason)
            return
        change_status(world, record, "SUCCESS", at)
        if outcome == "REVERSE":
            plan(world, key, at + world.config.transfer_reversal_seconds)
    elif record["status"] == "SUCCESS" and outcome == "REVERSE":
        change_status(world, record, "REVERSED", at, reason)


def plan(world: World, key: str, at: float | None) -> None:
    """Schedule (or, with None, cancel) a transfer's next change, and keep the session's earliest one."""
    if at is None:
        world.tx.delete(DUE_KIND, key)
    else:
        world.tx.put(DUE_KIND, key, {"at": at})
    refresh(world)


def refresh(world: World) -> None:
    earliest = min((doc["at"] for _, doc in world.tx.items(DUE_KIND)), default=None)
    schedule(world.tx, AREA, earliest)
