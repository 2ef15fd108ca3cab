"""Time as the mock sees it: real time, or a frozen/shifted instant set through the admin API.

The clock's state lives in the store (per session), so every worker process agrees on "now".
Every way of setting it (admin API, inspector form) goes through `in_range`, via `MockState.set_clock`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["ClockOutOfRange", "ClockState", "in_range", "parse_instant", "to_iso"]


@dataclass(frozen=True)
class ClockState:
    """`frozen_at` pins time; otherwise real time plus `offset_seconds`."""

    frozen_at: float | None = None
    offset_seconds: float = 0.0

    def now(self) -> float:
        if self.frozen_at is not None:
            return self.frozen_at
        return time.time() + self.offset_seconds

    def advanced(self, seconds: float) -> ClockState:
        if self.frozen_at is not None:
            return ClockState(frozen_at=self.frozen_at + seconds)
        return ClockState(offset_seconds=self.offset_seconds + seconds)

    def to_dict(self) -> dict:
        return {"frozen_at": self.frozen_at, "offset_seconds": self.offset_seconds}

    @classmethod
    def from_dict(cls, data: dict | None) -> ClockState:
        if not data:
            return cls()
        return cls(frozen_at=data.get("frozen_at"), offset_seconds=data.get("offset_seconds", 0.0))


def parse_instant(text: str) -> float:
    """ISO-8601 with an offset (a naive time is read as UTC) to epoch seconds."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class ClockOutOfRange(ValueError):
    """A clock the session could not live with."""


def to_iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# Later than this, "now + a TTL" leaves datetime's range and every response of the session would be a 500.
_LATEST = parse_instant("9000-01-01T00:00:00Z")
RANGE_TEXT = "the clock must stay between 1970-01-01 and 9000-01-01"


def in_range(clock: ClockState) -> ClockState:
    """Refuse a clock the session could not live with (NaN, infinite, before 1970, after 9000)."""
    now = clock.now()
    if not (math.isfinite(now) and 0 <= now <= _LATEST):
        raise ClockOutOfRange(RANGE_TEXT)
    return clock
