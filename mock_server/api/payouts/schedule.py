"""Applies every transfer change that is due on the session's clock, oldest first (kernel/due.py).

`MockState.world` calls `apply_due` in a write transaction before anything reads a session whose
earliest planned change has come, and `set_clock` calls it as the clock moves. Each change is dated
the instant it fell due, not the instant it was noticed, so the history reads as if a timer had run.
"""

from __future__ import annotations

from ...kernel.errors import DomainError
from ...kernel.world import World
from .lifecycle import DUE_KIND, KIND, refresh, scheduled_step

__all__ = ["apply_due"]


def apply_due(world: World) -> None:
    while True:
        planned = min(((doc["at"], key) for key, doc in world.tx.items(DUE_KIND)), default=None)
        if planned is None or planned[0] > world.now:
            break
        at, key = planned
        world.tx.delete(DUE_KIND, key)
        record = world.tx.get(KIND, key)
        if record is None:
            continue
        try:
            scheduled_step(world, record, at)
        except DomainError:  # a state import without the transfer's wallet: drop the change, keep the session
            continue
    refresh(world)
