"""Read-only views over respx's call records, by operationId: what the code under test sent.

Every Enkash request goes through one respx route; a call belongs to the operation whose method
and path it has (the spec's paths have no parameters), anything else is `other`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

import respx

from .routes import ENKASH_ROUTE

__all__ = ["Calls", "OperationCalls"]

OTHER = "enkash:other"  # the name of non-operation paths (admin, VKYC pages, unknown paths)


class OperationCalls:
    """Calls of one operation: `count`, `called`, `last` (a respx Call: `.request`, `.response`)."""

    def __init__(self, operation_id: str, select: Callable[[], list[respx.models.Call]]):
        self.operation_id = operation_id
        self._select = select

    @property
    def count(self) -> int:
        return len(self._select())

    @property
    def called(self) -> bool:
        return bool(self._select())

    @property
    def last(self) -> respx.models.Call:
        calls = self._select()
        if not calls:
            raise AssertionError(f"{self.operation_id} was not called")
        return calls[-1]

    @property
    def last_body(self) -> Any:
        """The last request's body: JSON as Python, a form as a dict, else None."""
        request = self.last.request
        if not request.content:
            return None
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return dict(parse_qsl(request.content.decode()))
        return json.loads(request.content)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[respx.models.Call]:
        return iter(self._select())

    def __getitem__(self, index: int) -> respx.models.Call:
        return self._select()[index]

    def __repr__(self) -> str:
        return f"<OperationCalls {self.operation_id}: {self.count} call(s)>"


class Calls(Mapping[str, OperationCalls]):
    """`calls["createWallet"]`; `calls.other` for non-operation paths; `calls.total` for all of them.

    `operations` maps (METHOD, path) to an operationId.
    """

    def __init__(self, router: respx.Router, operations: Mapping[tuple[str, str], str]):
        self._router = router
        self._operations = operations
        self._operation_ids = tuple(dict.fromkeys(operations.values()))

    def __getitem__(self, operation_id: str) -> OperationCalls:
        if operation_id not in self._operation_ids:
            known = ", ".join(self._operation_ids)
            raise KeyError(f"{operation_id!r} is not an operationId of openapi.yaml; known: {known}")
        return OperationCalls(operation_id, lambda: self._of(operation_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._operation_ids)

    def __len__(self) -> int:
        return len(self._operation_ids)

    @property
    def other(self) -> OperationCalls:
        return OperationCalls(OTHER, lambda: self._of(OTHER))

    @property
    def total(self) -> int:
        """Every request the router saw, Enkash or not."""
        return self._router.calls.call_count

    def counts(self) -> dict[str, int]:
        """Operations called so far and how often: handy in an assertion message."""
        found: dict[str, int] = {}
        for call in self._router.routes[ENKASH_ROUTE].calls:
            name = self._operation_of(call.request)
            if name != OTHER:
                found[name] = found.get(name, 0) + 1
        return {name: found[name] for name in self._operation_ids if name in found}

    def _of(self, operation_id: str) -> list[respx.models.Call]:
        calls = self._router.routes[ENKASH_ROUTE].calls
        return [call for call in calls if self._operation_of(call.request) == operation_id]

    def _operation_of(self, request) -> str:
        return self._operations.get((request.method, request.url.path), OTHER)
