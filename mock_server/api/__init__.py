"""One folder per Enkash area (its handlers, pure rules and error templates) and the operation registry.

An area joins the mock by being named in `AREAS`: its `handlers` module marks each handler with
`@operation(operationId, writes=…)`, and `load_registry()` collects them when an app is built.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from .registry import OperationRegistryError, Registry, collect, operation

__all__ = ["AREAS", "OperationRegistryError", "Registry", "load_registry", "operation"]

# The handler modules of every area, in the order they are served. A new area adds one line here.
AREAS = (
    "mock_server.api.oauth.handlers",
    "mock_server.api.wallets.handlers",
    "mock_server.api.kyc.handlers",
)


@cache
def load_registry(areas: tuple[str, ...] = AREAS) -> Registry:
    return collect(import_module(name) for name in areas)
