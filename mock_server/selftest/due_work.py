"""Planted violations at the due-work seam (MockState.due_work): what falls due on the clock goes wrong."""

from __future__ import annotations

from collections.abc import Callable

from ..api.funds import ledger
from ..api.payouts import lifecycle
from ..kernel.world import World

__all__ = ["DUE_WORK_VIOLATIONS", "bend_due_work"]

DueWork = Callable[[World], None]


def _keep_refunds(apply_due: DueWork) -> DueWork:
    """A transfer that fails or is reversed is credited back, and the same amount is taken again at once:
    the wallet never gets its money back (its history still adds up, so only the refund check sees it)."""
    def keeping(world: World) -> None:
        before = {key: record["status"] for key, record in world.tx.items(lifecycle.KIND)}
        apply_due(world)
        for key, record in world.tx.items(lifecycle.KIND):
            if record["status"] in ("FAILED", "REVERSED") and before.get(key) != record["status"]:
                wallet = world.tx.get("wallet", record["enKashCardId"])
                if wallet is None:
                    continue
                ledger.transfer(world.tx, ("wallet", wallet, record["enKashCardId"]),
                                lifecycle.clearing_account(world, record["partnerId"]), record["amountPaise"],
                                world.now, type="FUND_TRANSFER", reference=record["transactionId"],
                                description="planted fault failed_transfer_not_credited")
    return keeping


# fault -> the wrapper of every area's apply_due
DUE_WORK_VIOLATIONS: dict[str, Callable[[DueWork], DueWork]] = {
    "failed_transfer_not_credited": _keep_refunds,
}


def bend_due_work(faults: tuple[str, ...], due_work: tuple[DueWork, ...]) -> tuple[DueWork, ...]:
    for fault in faults:
        wrap = DUE_WORK_VIOLATIONS.get(fault)
        if wrap is not None:
            due_work = tuple(wrap(apply_due) for apply_due in due_work)
    return due_work
