"""Settlement of merchant debits: the documented statuses, moved by the mock's clock on a schedule
(PENDING → APPROVED → SETTLEMENT_IN_PROCESS → SETTLED) and by the admin API for the rest.

The scheduled status is computed from the debit's instant and now, so no job has to run. A refund goes
PENDING_WITH_BANK → REFUND; completing it moves the money back from the merchant to the wallet.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...config import MockConfig
from ...kernel.clock import to_iso
from ...kernel.errors import DomainError
from ...kernel.world import World
from . import ledger, settlement_events
from .merchants import KIND as MERCHANT_KIND
from .merchants import TXN_KIND, txn_key
from .money import rupees

__all__ = ["STATUSES", "find_merchant_txn", "force_status", "schedule_instants", "scheduled_status",
           "settlement_view", "status_of"]

STATUSES = ("PENDING", "APPROVED", "SETTLEMENT_IN_PROCESS", "DISPUTED", "SETTLED", "PENDING_WITH_BANK",
            "REFUND", "ON_HOLD")


def _working_day_at(start: datetime, days: int, config: MockConfig) -> datetime:
    """`settlement_time` on the `days`-th working day after `start`'s date (local time)."""
    at = time.fromisoformat(config.settlement_time)
    day, counted = start.date(), 0
    for _ in range(366 + days * 7):
        day += timedelta(days=1)
        if day.weekday() in config.settlement_working_days and day.isoformat() not in config.settlement_holidays:
            counted += 1
            if counted >= days:
                return datetime.combine(day, at, tzinfo=start.tzinfo)
    raise ValueError("no settlement working day within a year: check settlement_working_days")


def schedule_instants(debited_at: float, config: MockConfig) -> tuple[float, float, float]:
    """When a debit's settlement reaches APPROVED, SETTLEMENT_IN_PROCESS and SETTLED on the schedule."""
    local = datetime.fromtimestamp(debited_at, ZoneInfo(config.funds_timezone))
    in_process = _working_day_at(local, config.settlement_in_process_working_days, config).timestamp()
    settled = _working_day_at(local, config.settlement_settled_working_days, config).timestamp()
    return debited_at + config.settlement_approved_after_seconds, in_process, settled


def scheduled_status(debited_at: float, now: float, config: MockConfig) -> str:
    approved, in_process, settled = schedule_instants(debited_at, config)
    if now >= settled:
        return "SETTLED"
    if now >= in_process:
        return "SETTLEMENT_IN_PROCESS"
    if now >= approved:
        return "APPROVED"
    return "PENDING"


def status_of(record: dict, now: float, config: MockConfig) -> str:
    if record.get("refund"):
        return record["refund"]["status"]
    if record.get("forced"):
        return record["forced"]["status"]
    return scheduled_status(record["at"], now, config)


def find_merchant_txn(world: World, partner_id: str, unique_transaction_id: str) -> dict:
    record = world.tx.get(TXN_KIND, txn_key(partner_id, unique_transaction_id))
    if record is None:
        raise DomainError("merchant_txn_not_found")
    return record
# the settlement answer's name -> the merchant transaction record's (Enkash spells the card id both ways)
_RECORD_NAMES = {"merchantUniqueTxnId": "uniqueTransactionId", "enkashCardTxnId": "enkashCardTxnId",
                 "merchantDetailId": "merchantDetailId", "enkashCardId": "enKashCardId"}


def settlement_view(world: World, record: dict) -> dict:
    return {
        **{shown: record[name] for shown, name in _RECORD_NAMES.items()},
        "amount": rupees(record["amountPaise"]),
        "settlementStatus": status_of(record, world.now, world.config),
        "transactionDate": to_iso(record["at"]),
        "refundTxnId": (record.get("refund") or {}).get("enkashCardTxnId"),
    }


def force_status(world: World, record: dict, status: str) -> dict:
    """Admin: set any documented status; REFUND only completes a refund PENDING_WITH_BANK."""
    if status not in STATUSES:
        raise DomainError("admin_bad_request", detail=f"status must be one of {', '.join(STATUSES)}")
    previous = status_of(record, world.now, world.config)
    refund = record.get("refund")
    if refund and refund["status"] == "REFUND":
        raise DomainError("admin_conflict", detail="this transaction is already refunded")
    if status == "REFUND":
        if not refund:
            raise DomainError("admin_conflict", detail="a refund completes from PENDING_WITH_BANK: force that first")
        record["refund"] = {**refund, "status": "REFUND", "enkashCardTxnId": _refund(world, record)["id"]}
    elif status == "PENDING_WITH_BANK":
        record["refund"] = {"status": "PENDING_WITH_BANK", "requestedAt": world.now}
    else:
        record["refund"], record["forced"] = None, {"status": status, "at": world.now}
    world.tx.put(TXN_KIND, txn_key(record["partnerId"], record["uniqueTransactionId"]), record)
    settlement_events.unschedule(world, record)  # a forced status supersedes what was scheduled
    if status != previous:
        settlement_events.announce_change(world, record, status, previous, world.now)
    return settlement_view(world, record)


def _refund(world: World, record: dict) -> dict:
    merchant = world.tx.get(MERCHANT_KIND, record["merchantDetailId"])
    wallet = world.tx.get("wallet", record["enKashCardId"])
    if merchant is None or wallet is None:  # both outlive their payments; an import could still drop one
        raise DomainError("admin_conflict", detail="the payment's merchant or wallet is no longer there")
    if merchant["balancePaise"] < record["amountPaise"]:
        raise DomainError("admin_conflict", detail="the merchant's balance cannot cover this refund")
    _, credit = ledger.transfer(world.tx, (MERCHANT_KIND, merchant, merchant["merchantDetailId"]),
                               ("wallet", wallet, wallet["enKashCardId"]), record["amountPaise"], world.now,
                               type="REFUND", reference=record["uniqueTransactionId"],
                               merchantDetailId=merchant["merchantDetailId"],
                               description=f"Refund from {merchant['name']}")
    return credit
