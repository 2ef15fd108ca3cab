"""How checks read an answer's JSON body: its response_code, and a short description of its shape.

Shared by `contracts/checks.py` and the areas' checks (`contracts/areas/*/checks.py`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["response_code", "shape"]


def response_code(body: Any) -> Any:
    return body.get("response_code") if isinstance(body, dict) else None


def shape(value: Any) -> str:
    """What a finding says the target sent, without echoing a whole body."""
    if isinstance(value, dict):
        return "object with keys " + ", ".join(sorted(map(str, value))[:8])
    return f"{type(value).__name__} {str(value)[:60]!r}"
