"""Where each operation of openapi.yaml lives (method and path), so the client calls by operationId."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from . import SPEC_PATH

__all__ = ["Route", "operation_routes"]

_METHODS = ("get", "put", "post", "delete", "patch")
Route = tuple[str, str]  # (METHOD, path)


@cache
def operation_routes(spec_path: Path = SPEC_PATH) -> Mapping[str, Route]:
    document = yaml.load(spec_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    routes = {item[method]["operationId"]: (method.upper(), path)
              for path, item in document.get("paths", {}).items() for method in _METHODS if method in item}
    return MappingProxyType(routes)
