"""One folder per Enkash area (its handlers, pure rules and error templates) and the operation registry.

An area joins the mock by being named in `AREAS`: its `handlers` module marks each handler with
`@operation(operationId, writes=…)`, and `load_registry()` collects them when an app is built; its
`errors` module, if it has one, adds its `TEMPLATES` to the one error catalogue; its `seed` module, if
it has one, gives its part of the seed as `SEED` (a `kernel.seed.SeedHook`), run in `AREAS` order; its
`schedule` module, if it has one, gives `apply_due(world)` for work that falls due on the session's clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from ..kernel.seed import SeedHook
from .registry import OperationRegistryError, Registry, collect, operation

__all__ = [
    "AREAS", "OperationRegistryError", "Registry", "area_due_work", "area_error_templates", "area_packages",
    "area_seed_hooks",
    "load_registry", "operation",
]

# The handler modules of every area, in the order they are served. A new area adds one line here.
AREAS = (
    "mock_server.api.oauth.handlers",
    "mock_server.api.wallets.handlers",
    "mock_server.api.kyc.handlers",
    "mock_server.api.transfers.handlers",
    "mock_server.api.funds.handlers",
    "mock_server.api.payouts.handlers",
    "mock_server.api.gateway.handlers",
)


@cache
def load_registry(areas: tuple[str, ...] = AREAS) -> Registry:
    return collect(import_module(name) for name in areas)


def area_packages(areas: tuple[str, ...] = AREAS) -> tuple[str, ...]:
    return tuple(name.rpartition(".")[0] for name in areas)


def area_error_templates(areas: tuple[str, ...] = AREAS) -> list[tuple[str, Mapping[str, Any]]]:
    """`(module, TEMPLATES)` of every area that has an `errors` module, in `AREAS` order."""
    modules = [f"{package}.errors" for package in area_packages(areas)]
    return [(name, import_module(name).TEMPLATES) for name in modules if find_spec(name) is not None]


def area_due_work(areas: tuple[str, ...] = AREAS) -> tuple[Any, ...]:
    """`apply_due(world)` of every area that has a `schedule` module (work due on the clock, kernel/due.py)."""
    modules = [f"{package}.schedule" for package in area_packages(areas)]
    return tuple(import_module(name).apply_due for name in modules if find_spec(name) is not None)


def area_seed_hooks(areas: tuple[str, ...] = AREAS) -> tuple[SeedHook, ...]:
    """The `SEED` hook of every area that has a `seed` module, in `AREAS` order (wallets before money)."""
    modules = [f"{package}.seed" for package in area_packages(areas)]
    return tuple(import_module(name).SEED for name in modules if find_spec(name) is not None)
