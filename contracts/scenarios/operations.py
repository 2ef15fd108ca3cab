"""Operation names of openapi.yaml → method, path and host, read from the spec (never from the mock)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

__all__ = ["AUTH_PATHS", "Operation", "find_operation", "host_of_path", "operations"]

from .. import SPEC_PATH

AUTH_PATHS = ("/oauth/token",)
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str

    @property
    def host(self) -> str:
        return host_of_path(self.path)


def host_of_path(path: str) -> str:
    """The sandbox has two hosts: the token endpoint lives on the auth host, the rest on the wallet host."""
    return "auth" if path.split("?")[0].rstrip("/") in AUTH_PATHS else "api"


@cache
def operations(spec_path: Path = SPEC_PATH) -> dict[str, Operation]:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    found = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in _METHODS:
            operation_id = (item.get(method) or {}).get("operationId")
            if operation_id:
                found[operation_id] = Operation(operation_id, method.upper(), path)
    return found


def find_operation(method: str, path: str) -> Operation | None:
    """The spec operation serving METHOD PATH, if any (templated segments match one segment)."""
    for operation in operations().values():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(operation.path)) + "/?$"
        if operation.method == method.upper() and re.match(pattern, path):
            return operation
    return None
