"""Changes the session's clock makes happen on its own (a settlement reaching SETTLED), announced once.

Such a status is computed from the clock when read, but its webhook has to be written by someone. Each
module named in `CLOCK_DRIVEN` has `next_due(tx) -> float | None` (one cheap read) and
`catch_up(world) -> int` (emit what the clock has reached, oldest first, each exactly once). The state
runs `catch_up` in every write transaction of a session (normal traffic) and when the clock is set or
advanced; the webhook worker runs it when `next_due` has passed on a clock nobody touches. Never on a
read, and never by a wall-clock timer of its own: in tests a frozen clock changes nothing until advanced.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from ..kernel.world import World
from ..store import Transaction

__all__ = ["CLOCK_DRIVEN", "catch_up", "next_due"]

# One line per area with changes of its own on the clock.
CLOCK_DRIVEN = (
    "mock_server.api.funds.settlement_events",
)


@cache
def _modules(names: tuple[str, ...] = CLOCK_DRIVEN) -> tuple[ModuleType, ...]:
    return tuple(import_module(name) for name in names)


def next_due(tx: Transaction) -> float | None:
    """The earliest instant at which some clock-driven change is due in this session."""
    due = [at for at in (module.next_due(tx) for module in _modules()) if at is not None]
    return min(due, default=None)


def catch_up(world: World) -> int:
    """Announce every clock-driven change `world.now` has reached; returns how many were."""
    return sum(module.catch_up(world) for module in _modules())
