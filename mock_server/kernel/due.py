"""Work that falls due on the session's clock (a transfer settling, a reversal), applied before it is seen.

An area that schedules such work records the earliest instant in the session's meta document, which
every transaction reads anyway, under its own name: `schedule(tx, "payouts", at)`. `MockState.world`
compares it with "now" and, when something is due, runs the areas' `apply_due(world)` in a write
transaction before anything else reads the session. No timer runs: advancing the clock and then
reading gives the same answer every time, whatever the wall clock did in between.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the kernel imports only itself at run time (tests/test_architecture.py)
    from ..store import Transaction

__all__ = ["due_now", "schedule"]

_KEY = "due"


def due_now(meta: dict, now: float) -> bool:
    """Whether some area's earliest scheduled instant has come."""
    due = meta.get(_KEY)
    if not isinstance(due, dict):  # an imported state may carry anything here: nothing is due then
        return False
    return any(isinstance(at, int | float) and not isinstance(at, bool) and at <= now for at in due.values())


def schedule(tx: Transaction, area: str, at: float | None) -> None:
    """Record `area`'s earliest pending instant (None: nothing pending) in the session's meta document."""
    meta = tx.get("meta", "session") or {}
    due = dict(meta.get(_KEY) or {})
    if at is None:
        if area not in due:
            return
        due.pop(area)
    elif due.get(area) == at:
        return
    else:
        due[area] = at
    meta[_KEY] = due
    tx.put("meta", "session", meta)
