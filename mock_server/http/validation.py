"""Compiled validators for every operation, built from the spec's own schemas.

Request checks collect every violation (as Prism does) so a client sees all its mistakes at once,
one per field (an empty optional field breaks both its length and its pattern: that is one mistake).
Messages never echo the offending value (it may be a password or an OTP), but they do say what the
spec expects: the pattern, the format or the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from .spec import SPEC_URI, Operation, Spec

__all__ = ["RequestValidator", "ResponseValidator", "Violation"]


@dataclass(frozen=True)
class Violation:
    location: str  # "body" | "query" | "header"
    field: str
    message: str
    missing: bool  # a mandatory item is absent or the body's shape is wrong: 400, else 422

    def to_dict(self) -> dict[str, str]:
        return {"location": self.location, "field": self.field, "message": self.message}


_KIND_MESSAGES = {
    "Required": "is required",
    "Type": "has the wrong type",
    "Pattern": "does not match the expected format",
    "Format": "is not in the expected format",
    "Enum": "is not one of the allowed values",
    "Constant": "is not the allowed value",
    "MinLength": "is too short",
    "MaxLength": "is too long",
    "MinItems": "has too few items",
    "MaxItems": "has too many items",
    "Minimum": "is below the minimum",
    "Maximum": "is above the maximum",
    "OneOfNotValid": "matches none of the allowed forms (see the schema)",
    "OneOfMultipleValid": "matches more than one of the allowed forms (see the schema)",
}


def _compile(registry: jsonschema_rs.Registry, pointer: str):
    return jsonschema_rs.validator_for({"$ref": SPEC_URI + pointer}, registry=registry)


def _registry(spec: Spec) -> jsonschema_rs.Registry:
    return jsonschema_rs.Registry([(SPEC_URI, spec.document)], draft=jsonschema_rs.Draft202012)


class _CompiledSchema:
    """One schema, honouring an OpenAPI discriminator so errors name the chosen branch."""

    def __init__(self, spec: Spec, registry: jsonschema_rs.Registry, pointer: str):
        self._whole = _compile(registry, pointer)
        schema = spec.resolve(spec.pointer(pointer))
        discriminator = schema.get("discriminator")
        self._property = discriminator["propertyName"] if discriminator else None
        self._branches = {
            value: _compile(registry, ref) for value, ref in (discriminator or {}).get("mapping", {}).items()
        }

    def errors(self, instance: Any):
        if self._property and isinstance(instance, dict):
            if self._property not in instance:
                yield ("", "Required", self._property, "")
                return
            branch = self._branches.get(instance[self._property])
            if branch is None:
                yield (self._property, "Enum", None, "")
                return
            yield from _describe(branch.iter_errors(instance))
            return
        yield from _describe(self._whole.iter_errors(instance))


def _describe(errors):
    for error in errors:
        kind = type(error.kind).__name__
        path = ".".join(str(part) for part in error.instance_path)
        missing_name = getattr(error.kind, "property", None) if kind == "Required" else None
        if kind == "Type" and list(getattr(error.kind, "types", ())) == ["array"]:
            kind = "NotAnArray"  # Jackson cannot bind a scalar to a collection: a 400, not a 422
        yield (path, kind, missing_name, _detail(kind, error.kind))


def _detail(kind: str, error_kind: Any) -> str:
    """What the spec expects, from the schema (never from the value sent)."""
    if kind == "Pattern":
        return f" (pattern {error_kind.pattern})"
    if kind == "Format":
        return f" ({error_kind.format})"
    limit = getattr(error_kind, "limit", None)
    if kind in ("MinLength", "MaxLength") and limit is not None:
        return f" ({'at least' if kind == 'MinLength' else 'at most'} {limit} character{'' if limit == 1 else 's'})"
    if kind in ("MinItems", "MaxItems", "Minimum", "Maximum") and limit is not None:
        return f" ({limit})"
    return ""


def _to_violation(location: str, path: str, kind: str, missing_name: str | None, detail: str = "") -> Violation:
    field = ".".join(part for part in (path, missing_name or "") if part)
    shape_wrong = (kind == "Type" and path == "") or kind == "NotAnArray"
    message = _KIND_MESSAGES.get(kind, "is invalid") + detail
    if shape_wrong:
        message = "must be a JSON array" if kind == "NotAnArray" else "must be a JSON object"
    return Violation(location, field, message, missing=kind == "Required" or shape_wrong)


def _one_per_field(violations: list[Violation]) -> list[Violation]:
    """Several faults of one field become one violation naming them all (allOf may repeat one fault)."""
    merged: dict[tuple[str, str], Violation] = {}
    for violation in violations:
        key = (violation.location, violation.field)
        seen = merged.get(key)
        if seen is None:
            merged[key] = violation
        elif violation.message not in seen.message.split(" and "):
            merged[key] = Violation(seen.location, seen.field, f"{seen.message} and {violation.message}",
                                    missing=seen.missing or violation.missing)
    return list(merged.values())


class RequestValidator:
    """Validates body, query and headers of a request against its operation."""

    def __init__(self, spec: Spec):
        registry = _registry(spec)
        self._bodies = {}
        self._params: dict[str, list] = {}
        for op in spec.operations:
            if op.body_schema:
                self._bodies[op.operation_id] = _CompiledSchema(spec, registry, op.body_schema)
            self._params[op.operation_id] = [
                (param, _compile(registry, param.schema)) for param in op.parameters
            ]

    def validate(self, operation: Operation, body: Any, query: dict, headers: dict) -> list[Violation]:
        violations: list[Violation] = []
        for param, validator in self._params[operation.operation_id]:
            source = headers if param.location == "header" else query  # path parameters travel with the query
            key = param.name.lower() if param.location == "header" else param.name
            if key not in source:
                if param.required:
                    violations.append(Violation(param.location, param.name, "is required", missing=True))
                continue
            if any(True for _ in validator.iter_errors(source[key])):
                violations.append(Violation(param.location, param.name, "is invalid", missing=False))
        compiled = self._bodies.get(operation.operation_id)
        if compiled is not None:
            violations.extend(_to_violation("body", *found) for found in compiled.errors(body))
        return _one_per_field(violations)


class ResponseValidator:
    """Checks a response the mock is about to send against the spec (on in tests)."""

    def __init__(self, spec: Spec):
        registry = _registry(spec)
        self._schemas: dict[tuple[str | None, str], Any] = {
            (op.operation_id, status): _compile(registry, pointer)
            for op in spec.operations
            for status, pointer in op.response_schemas.items()
        }
        self._fallbacks = {
            status: _compile(registry, f"#/components/responses/{name}/content/application~1json/schema")
            for status, name in (("404", "NotFound"), ("405", "MethodNotAllowed"), ("413", "PayloadTooLarge"))
        }

    def problems(self, operation_id: str | None, status: int, body: Any) -> list[str]:
        validator = self._schemas.get((operation_id, str(status))) or self._fallbacks.get(str(status))
        if validator is None:
            return [f"status {status} is not documented for {operation_id or 'this path'}"]
        return [f"{'/'.join(map(str, e.instance_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(body)]
