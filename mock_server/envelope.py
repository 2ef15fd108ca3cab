"""Success bodies exactly as the spec defines them."""

from __future__ import annotations

from typing import Any

__all__ = ["success"]


def success(payload: Any, message: str = "Success") -> dict[str, Any]:
    return {"response_code": 0, "response_message": message, "payload": payload}
