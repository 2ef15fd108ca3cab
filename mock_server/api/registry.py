"""`@operation(id, writes=…)`: the one place that ties an operationId to its handler and write mode.

The decorator only marks the function; `collect()` builds an immutable `Registry` from the area
modules when an app is built, so there is no module-level registry to leak between apps or tests.
`check_against(spec)` compares both sides: a spec operation without a handler, a handler for an
operation the spec lacks, or two handlers for one operationId stop the mock from starting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import Any, Literal

__all__ = ["WRITE_MODES", "OperationRegistryError", "Registration", "Registry", "collect", "operation"]

WriteMode = bool | Literal["on-demand"]
# True: a write transaction from the start; False: read-only; "on-demand": start as a read, run again
# as a write only when the handler needs to write (the token endpoint: most logins reuse a token).
WRITE_MODES: tuple[WriteMode, ...] = (True, False, "on-demand")
_MARK = "__enkash_operations__"


class OperationRegistryError(RuntimeError):
    """The handlers and openapi.yaml disagree: the mock refuses to start."""


@dataclass(frozen=True)
class Registration:
    operation_id: str
    handler: Callable[..., Any]
    writes: WriteMode

    @property
    def where(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"


def operation(operation_id: str, *, writes: WriteMode) -> Callable[[Callable], Callable]:
    """Mark a handler as serving `operation_id`; stack it to serve several operations with one function."""
    if writes not in WRITE_MODES or not isinstance(writes, bool | str):
        raise ValueError(f"@operation({operation_id!r}): writes must be one of {WRITE_MODES}, not {writes!r}")

    def mark(handler: Callable) -> Callable:
        marks = (*getattr(handler, _MARK, ()), (operation_id, writes))
        setattr(handler, _MARK, marks)
        return handler

    return mark


@dataclass(frozen=True)
class Registry:
    registrations: Mapping[str, Registration]

    def __contains__(self, operation_id: str) -> bool:
        return operation_id in self.registrations

    def __getitem__(self, operation_id: str) -> Registration:
        return self.registrations[operation_id]

    def without(self, *operation_ids: str) -> Registry:
        """A copy lacking some operations (what a test of the start-up check needs)."""
        kept = {name: item for name, item in self.registrations.items() if name not in operation_ids}
        return Registry(MappingProxyType(kept))

    def problems(self, spec: Any) -> list[str]:
        """Where the spec and the handlers disagree, each naming both sides."""
        in_spec = {op.operation_id: op for op in spec.operations}
        missing = [f"{op.operation_id} ({op.method} {op.path}) is in openapi.yaml but no @operation handles it"
                   for name, op in in_spec.items() if name not in self.registrations]
        extra = [f"{item.where} handles {name!r}, which openapi.yaml does not define"
                 for name, item in self.registrations.items() if name not in in_spec]
        return missing + extra

    def check_against(self, spec: Any) -> None:
        problems = self.problems(spec)
        if problems:
            raise OperationRegistryError("handlers and openapi.yaml disagree: " + "; ".join(problems))


def collect(modules: Iterable[ModuleType]) -> Registry:
    """Every `@operation` in `modules`; two handlers claiming one operationId is an error naming both."""
    found: dict[str, Registration] = {}
    for module in modules:
        for handler in vars(module).values():
            for operation_id, writes in getattr(handler, _MARK, ()) if callable(handler) else ():
                if handler.__module__ != module.__name__:
                    continue  # imported from another area: registered where it is defined
                item = Registration(operation_id, handler, writes)
                if operation_id in found and found[operation_id].handler is not handler:
                    raise OperationRegistryError(f"two handlers claim {operation_id!r}: "
                                                 f"{found[operation_id].where} and {item.where}")
                found[operation_id] = item
    return Registry(MappingProxyType(found))
