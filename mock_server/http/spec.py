"""Load openapi.yaml once and describe each operation as a frozen object.

Nothing else in the mock reads YAML: routing, validation and response checking all start here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Operation", "Parameter", "Spec", "load_spec"]

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
SPEC_URI = "urn:enkash:openapi"
# libyaml's safe loader parses the spec ~9x faster than the pure-Python one: start-up time matters.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "query" | "header"
    required: bool
    schema: str  # JSON pointer of the parameter's schema


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    pointer: str  # JSON pointer of the operation object inside the spec
    security: tuple[str, ...]
    evidence: str
    body_media_type: str | None
    body_schema: str | None  # JSON pointer of the request body's schema
    parameters: tuple[Parameter, ...]
    response_schemas: dict[str, str]  # status code -> JSON pointer of the response schema


@dataclass(frozen=True)
class Spec:
    document: dict[str, Any]
    operations: tuple[Operation, ...]

    def operation(self, operation_id: str) -> Operation:
        for operation in self.operations:
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(operation_id)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow local `$ref`s (as OpenAPI allows on parameters and responses)."""
        while "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, ref: str) -> Any:
        target: Any = self.document
        for part in ref.lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target


@cache
def load_spec(path: str) -> Spec:
    document = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    spec = Spec(document=document, operations=())
    operations = tuple(_operations(spec))
    return Spec(document=document, operations=operations)


def _operations(spec: Spec):
    default_security = _security_names(spec.document.get("security", []))
    for path, item in spec.document["paths"].items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            raw = item[method]
            security = default_security
            if "security" in raw:
                security = _security_names(raw["security"])
            pointer = "#/paths/" + _escape(path) + "/" + method
            body_type, body_schema = _body(spec, raw, pointer)
            yield Operation(
                operation_id=raw["operationId"],
                method=method.upper(),
                path=path,
                pointer=pointer,
                security=security,
                evidence=raw.get("x-enkash-evidence", "inferred"),
                body_media_type=body_type,
                body_schema=body_schema,
                parameters=tuple(_parameters(spec, raw.get("parameters", []), pointer + "/parameters")),
                response_schemas=_responses(spec, raw.get("responses", {}), pointer + "/responses"),
            )


def _security_names(requirements: list[dict]) -> tuple[str, ...]:
    return tuple(name for requirement in requirements for name in requirement)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _located(spec: Spec, node: dict, pointer: str) -> tuple[dict, str]:
    """Resolve `$ref`s while remembering where the resolved object lives."""
    while "$ref" in node:
        pointer = node["$ref"]
        node = spec.pointer(pointer)
    return node, pointer


def _body(spec: Spec, raw: dict, pointer: str) -> tuple[str | None, str | None]:
    if "requestBody" not in raw:
        return None, None
    body, where = _located(spec, raw["requestBody"], pointer + "/requestBody")
    media_type = next(iter(body["content"]))
    return media_type, f"{where}/content/{_escape(media_type)}/schema"


def _parameters(spec: Spec, raw: list[dict], pointer: str):
    for index, node in enumerate(raw):
        param, where = _located(spec, node, f"{pointer}/{index}")
        yield Parameter(
            name=param["name"],
            location=param["in"],
            required=bool(param.get("required", False)),
            schema=where + "/schema",
        )


def _responses(spec: Spec, raw: dict, pointer: str) -> dict[str, str]:
    schemas = {}
    for status, node in raw.items():
        response, where = _located(spec, node, f"{pointer}/{status}")
        if "application/json" in response.get("content", {}):
            schemas[str(status)] = where + "/content/application~1json/schema"
    return schemas
