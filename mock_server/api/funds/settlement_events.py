"""SETTLEMENT_STATUS: one event per settlement change of a merchant payment, on the session's clock.

The scheduled statuses (PENDING → APPROVED → SETTLEMENT_IN_PROCESS → SETTLED) are still computed from the
clock (`settlement.scheduled_status`), so reading a status needs no job. What needs one is telling the
partner: each payment keeps its next scheduled change in a small `settlement_due` document, and
`catch_up(world)` emits every change the clock has reached, oldest first, each exactly once, dated at the
instant it happened. It runs in every write transaction of the session (normal traffic), when the clock
is set or advanced, and from the webhook worker's poll (a real-time clock that nobody touches), never on
a read. A status forced by the admin API supersedes the schedule: the payment's due document goes.

Inferred (docs/webhooks.md): the payment itself emits PENDING with `previousSettlementStatus` null; a
change the schedule skips at one instant (two boundaries at the same time) is not emitted; `utr` is set
on SETTLED only (12 digits derived from the payment); a force to the status already shown emits nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal

from ...kernel.clock import to_iso
from ...kernel.world import World
from ...store import Transaction

# Module imports, used at call time only: the payment (merchants) and a forced status (settlement)
# report through here, and this module reads both.
from . import merchants, settlement

__all__ = ["DUE_KIND", "EVENT", "announce_change", "catch_up", "next_due", "schedule", "scheduled_changes",
           "start", "unschedule"]

EVENT = "SETTLEMENT_STATUS"
# key: the payment's txn_key → {"dueAt": its next scheduled change, "since"/"shown": the last one announced}
DUE_KIND = "settlement_due"
_HEAD_KIND, _HEAD_KEY = "settlement_due_head", "next"  # the earliest dueAt, so a request reads one document
_FAR = float("inf")


def scheduled_changes(debited_at: float, after: float, config) -> list[tuple[float, str]]:
    """The schedule's status changes strictly after `after`, as (instant, status), in order."""
    changes, shown = [], settlement.scheduled_status(debited_at, after, config)
    for instant in sorted(set(settlement.schedule_instants(debited_at, config))):
        status = settlement.scheduled_status(debited_at, instant, config)
        if instant > after and status != shown:  # two boundaries at one instant: only the later status shows
            changes.append((instant, status))
            shown = status
    return changes


def next_due(tx: Transaction) -> float | None:
    """When the earliest scheduled change of the session is due (None: nothing scheduled)."""
    head = tx.get(_HEAD_KIND, _HEAD_KEY)
    return None if head is None else head["dueAt"]


def schedule(world: World, record: dict, since: float, shown: str) -> None:
    """Keep the payment's next scheduled change after `since`, when it showed `shown` (none once SETTLED)."""
    key = merchants.txn_key(record["partnerId"], record["uniqueTransactionId"])
    upcoming = scheduled_changes(record["at"], since, world.config)
    if not upcoming:
        world.tx.delete(DUE_KIND, key)
        return
    due_at = upcoming[0][0]
    world.tx.put(DUE_KIND, key, {"dueAt": due_at, "since": since, "shown": shown})
    earliest = next_due(world.tx)
    if earliest is None or due_at < earliest:
        world.tx.put(_HEAD_KIND, _HEAD_KEY, {"dueAt": due_at})


def unschedule(world: World, record: dict) -> None:
    """A forced status supersedes the schedule (the head may stay early: the next catch-up corrects it)."""
    world.tx.delete(DUE_KIND, merchants.txn_key(record["partnerId"], record["uniqueTransactionId"]))


def _utr(record: dict) -> str:
    seed = f"{record['partnerId']}:{record['uniqueTransactionId']}".encode()
    return f"{int(hashlib.sha256(seed).hexdigest(), 16) % 10**12:012d}"


def announce_change(world: World, record: dict, status: str, previous: str | None, at: float) -> str:
    """Emit one SETTLEMENT_STATUS event, dated `at` on the session's clock."""
    from ...webhooks.outbox import emit  # imported late: the webhooks package imports the state

    payload = {
        "merchantUniqueTxnId": record["uniqueTransactionId"],
        "enkashCardTxnId": record["enkashCardTxnId"],
        "enKashCardId": record["enKashCardId"],
        "merchantDetailId": record["merchantDetailId"],
        "amount": Decimal(record["amountPaise"]).scaleb(-2),
        "settlementStatus": status,
        "previousSettlementStatus": previous,
        "utr": _utr(record) if status == "SETTLED" else None,
        "updatedOn": to_iso(at),
    }
    return emit(replace(world, now=at), EVENT, payload, partner_id=record["partnerId"])


def catch_up(world: World) -> int:
    """Emit every scheduled change the session's clock has reached, oldest first; returns how many."""
    earliest = next_due(world.tx)
    if earliest is None or earliest > world.now:
        return 0
    due: list[tuple[float, str, str, str]] = []
    payments: dict[str, dict] = {}
    for key, item in list(world.tx.items(DUE_KIND)):
        record = world.tx.get(merchants.TXN_KIND, key)
        if record is None or record.get("forced") or record.get("refund"):
            world.tx.delete(DUE_KIND, key)  # gone, or an admin decided instead of the schedule
            continue
        if item["dueAt"] > world.now:
            continue
        shown, payments[key] = item["shown"], record
        for instant, status in scheduled_changes(record["at"], item["since"], world.config):
            if instant > world.now:
                break
            due.append((instant, key, status, shown))
            shown = status
    due.sort(key=lambda change: (change[0], change[1]))
    latest: dict[str, tuple[float, str]] = {}
    for instant, key, status, previous in due:
        announce_change(world, payments[key], status, previous, instant)
        latest[key] = (instant, status)
    for key, (instant, status) in latest.items():
        schedule(world, payments[key], instant, status)
    _recompute_head(world.tx)
    return len(due)


def start(world: World, record: dict) -> None:
    """A new merchant payment: PENDING now, and its first scheduled change kept."""
    announce_change(world, record, "PENDING", None, record["at"])
    schedule(world, record, record["at"], "PENDING")


def _recompute_head(tx: Transaction) -> None:
    earliest = min((item["dueAt"] for _, item in tx.items(DUE_KIND)), default=_FAR)
    if earliest == _FAR:
        tx.delete(_HEAD_KIND, _HEAD_KEY)
    else:
        tx.put(_HEAD_KIND, _HEAD_KEY, {"dueAt": earliest})
