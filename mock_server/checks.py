"""`check-spec`: the spec is valid OpenAPI 3.1, every operation is handled, every example validates."""

from __future__ import annotations

import jsonschema_rs
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from .api import load_registry
from .http.spec import SPEC_URI, load_spec

__all__ = ["check_spec", "iter_examples"]


def iter_examples(spec):
    """(operation, where, schema pointer, example value) for every request example in the spec."""
    for op in spec.operations:
        if not op.body_schema:
            continue
        media_pointer = op.body_schema.rsplit("/schema", 1)[0]
        for name, example in spec.pointer(media_pointer).get("examples", {}).items():
            yield op, f"{op.operation_id} example {name!r}", op.body_schema, spec.resolve(example)["value"]


def check_spec(path: str) -> list[str]:
    spec = load_spec(path)
    problems = []
    try:
        validate(spec.document)
    except OpenAPIValidationError as error:
        problems.append(f"openapi.yaml is not valid OpenAPI: {error.message}")
    problems += load_registry().problems(spec)
    registry = jsonschema_rs.Registry([(SPEC_URI, spec.document)], draft=jsonschema_rs.Draft202012)
    for _, where, pointer, value in iter_examples(spec):
        validator = jsonschema_rs.validator_for({"$ref": SPEC_URI + pointer}, registry=registry)
        problems += [f"{where}: {error.message}" for error in validator.iter_errors(value)]
    return problems
