"""Identifiers in the documented Enkash formats (prefix + upper-case alphanumerics)."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable

__all__ = ["new_id"]

_ALPHABET = string.ascii_uppercase + string.digits


def new_id(prefix: str, length: int, taken: Callable[[str], bool]) -> str:
    """A fresh id such as EKC + 7 characters; retries the (rare) collision with a stored one."""
    while True:
        candidate = prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if not taken(candidate):
            return candidate
