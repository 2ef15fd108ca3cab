"""When to try a delivery again: exponential backoff on the mock's clock, capped, with an attempt limit."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import MockConfig

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: float = 10.0  # seconds after the first failed attempt
    factor: float = 2.0
    max_delay: float = 3600.0
    max_attempts: int = 6

    @classmethod
    def from_config(cls, config: MockConfig) -> RetryPolicy:
        return cls(first_delay=config.webhook_backoff_seconds, factor=config.webhook_backoff_factor,
                   max_delay=config.webhook_backoff_max_seconds, max_attempts=max(1, config.webhook_max_attempts))

    def delay_after(self, failed_attempts: int) -> float | None:
        """Seconds to wait after `failed_attempts` failures, or None when no attempt is left."""
        if failed_attempts >= self.max_attempts:
            return None
        return min(self.max_delay, self.first_delay * self.factor ** (failed_attempts - 1))

    def schedule(self, max_attempts: int | None = None) -> list[float]:
        """Every retry delay in order (for docs and the admin API)."""
        count = self.max_attempts if max_attempts is None else max_attempts
        return [self.delay_after(n) for n in range(1, count)]  # type: ignore[misc]
