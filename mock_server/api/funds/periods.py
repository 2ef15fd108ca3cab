"""Calendar periods on the mock's clock, local to the funds time zone (IST by default).

Limits count per day, calendar month and Indian financial year (April to March).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["period_keys"]


def period_keys(now: float, timezone: str) -> dict[str, str]:
    """{"day": "2026-12-01", "month": "2026-12", "year": "FY2026-27"} for an instant."""
    local = datetime.fromtimestamp(now, ZoneInfo(timezone))
    start = local.year if local.month >= 4 else local.year - 1
    return {
        "day": local.date().isoformat(),
        "month": f"{local.year:04d}-{local.month:02d}",
        "year": f"FY{start}-{(start + 1) % 100:02d}",
    }
