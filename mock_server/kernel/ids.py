"""Identifiers in the documented Enkash formats (prefix + upper-case alphanumerics)."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable

__all__ = ["new_id"]

_ALPHABET = string.ascii_uppercase + string.digits
_UNBIASED = 256 - 256 % len(_ALPHABET)  # bytes at or past 252 would favour the first 4 characters: skipped


def new_id(prefix: str, length: int, taken: Callable[[str], bool]) -> str:
    """A fresh id such as EKC + 7 characters; retries the (rare) collision with a stored one."""
    while True:
        candidate = prefix + _random_text(length)
        if not taken(candidate):
            return candidate


def _random_text(length: int) -> str:
    """`length` characters of _ALPHABET, uniform and unpredictable, from one urandom read (not one per
    character, as `secrets.choice` does: a tenth of a top-up's time went there)."""
    chosen: list[str] = []
    while len(chosen) < length:
        chosen += [_ALPHABET[byte % len(_ALPHABET)] for byte in secrets.token_bytes(length + 4) if byte < _UNBIASED]
    return "".join(chosen[:length])
