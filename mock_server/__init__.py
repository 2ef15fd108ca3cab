"""Spec-driven, stateful mock of Enkash's wallet partner APIs.

Imports are lazy so that `import mock_server` (done by the pytest plugin at every pytest start-up)
costs nothing until a mock is actually built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .config import MockConfig, load_config

__all__ = ["MockConfig", "create_app", "load_config"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name in ("MockConfig", "load_config"):
        from . import config

        return getattr(config, name)
    raise AttributeError(f"module 'mock_server' has no attribute {name!r}")
