"""The domain's single failure type: a rule refused the request. Its name keys errors.TEMPLATES."""

from __future__ import annotations

from typing import Any

__all__ = ["DomainError"]


class DomainError(Exception):
    def __init__(self, name: str, **details: Any):
        self.name = name
        self.details = details
        super().__init__(name)
