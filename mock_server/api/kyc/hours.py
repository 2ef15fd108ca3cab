"""VKYC business hours: open from `vkyc_opens` (inclusive) to `vkyc_closes` (exclusive), local time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...config import MockConfig

__all__ = ["next_opening", "vkyc_open"]


def _bounds(config: MockConfig) -> tuple[time, time]:
    return time.fromisoformat(config.vkyc_opens), time.fromisoformat(config.vkyc_closes)


def _working_day(day: datetime, config: MockConfig) -> bool:
    return day.weekday() in config.vkyc_working_days and day.date().isoformat() not in config.vkyc_holidays


def vkyc_open(now: float, config: MockConfig) -> bool:
    local = datetime.fromtimestamp(now, ZoneInfo(config.vkyc_timezone))
    opens, closes = _bounds(config)
    return _working_day(local, config) and opens <= local.time() < closes


def next_opening(now: float, config: MockConfig) -> datetime:
    """The next instant VKYC opens, in local time (searching up to a year of holidays ahead)."""
    zone = ZoneInfo(config.vkyc_timezone)
    local = datetime.fromtimestamp(now, zone)
    opens, _ = _bounds(config)
    for days_ahead in range(366):
        day = local + timedelta(days=days_ahead)
        candidate = datetime.combine(day.date(), opens, tzinfo=zone)
        if candidate > local and _working_day(candidate, config):
            return candidate
    raise ValueError("no VKYC working day within a year: check vkyc_working_days and vkyc_holidays")
