"""Read-only views over respx's call records, by operationId: what the code under test sent."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

import respx

from .routes import OTHER_ROUTE

__all__ = ["Calls", "OperationCalls"]


class OperationCalls:
    """Calls of one operation: `count`, `called`, `last` (a respx Call: `.request`, `.response`)."""

    def __init__(self, operation_id: str, route: respx.Route):
        self.operation_id = operation_id
        self.route = route

    @property
    def count(self) -> int:
        return self.route.call_count

    @property
    def called(self) -> bool:
        return self.route.called

    @property
    def last(self) -> respx.models.Call:
        if not self.route.calls:
            raise AssertionError(f"{self.operation_id} was not called")
        return self.route.calls.last

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
        return iter(list(self.route.calls))

    def __getitem__(self, index: int) -> respx.models.Call:
        return self.route.calls[index]

    def __repr__(self) -> str:
        return f"<OperationCalls {self.operation_id}: {self.count} call(s)>"


class Calls(Mapping[str, OperationCalls]):
    """`calls["createWallet"]`; `calls.other` for non-operation paths; `calls.total` for all of them."""

    def __init__(self, router: respx.Router, operation_ids: tuple[str, ...]):
        self._router = router
        self._operation_ids = operation_ids

    def __getitem__(self, operation_id: str) -> OperationCalls:
        if operation_id not in self._operation_ids:
            known = ", ".join(self._operation_ids)
            raise KeyError(f"{operation_id!r} is not an operationId of openapi.yaml; known: {known}")
        return OperationCalls(operation_id, self._router.routes[operation_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._operation_ids)

    def __len__(self) -> int:
        return len(self._operation_ids)

    @property
    def other(self) -> OperationCalls:
        return OperationCalls(OTHER_ROUTE, self._router.routes[OTHER_ROUTE])

    @property
    def total(self) -> int:
        """Every request the router saw, Enkash or not."""
        return self._router.calls.call_count

    def counts(self) -> dict[str, int]:
        """Operations called so far and how often: handy in an assertion message."""
        return {name: self[name].count for name in self._operation_ids if self[name].count}
