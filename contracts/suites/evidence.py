"""How sure openapi.yaml is about each part: `x-enkash-evidence` of operations and response fields."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from .. import SPEC_PATH

__all__ = ["DEFAULT_SPEC", "SpecEvidence"]

DEFAULT_SPEC = SPEC_PATH
_KEY = "x-enkash-evidence"
_URI = "urn:enkash:openapi"


class SpecEvidence:
    def __init__(self, path: str | Path = DEFAULT_SPEC):
        self.path = Path(path)

    @cached_property
    def document(self) -> dict[str, Any]:
        with open(self.path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)

    @cached_property
    def operations(self) -> dict[str, dict[str, Any]]:
        found = {}
        for path, item in self.document.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    found[operation["operationId"]] = {**operation, "path": path, "method": method.upper()}
        return found

    def operation(self, operation_id: str) -> str:
        return self.operations.get(operation_id, {}).get(_KEY, "unknown")

    def field(self, operation_id: str, field_path: str) -> tuple[str, str]:
        """(evidence, subject) of a response field such as `payload/kycStatus`; the nearest marked schema wins."""
        name = next((part for part in reversed(field_path.split("/")) if part and not part.isdigit()), "")
        schemas = self.document.get("components", {}).get("schemas", {})
        for schema_name, schema in schemas.items():
            prop = (schema.get("properties") or {}).get(name)
            if prop is None:
                continue
            own = prop.get(_KEY) or self._ref_evidence(prop) or schema.get(_KEY)
            if own:
                return own, f"{schema_name}.{name}"
        return self.operation(operation_id), operation_id

    def explain_payload(self, payload: Any) -> tuple[str, str] | None:
        """(field path, message) of the first fault of a success payload, judged by the component schema
        whose required fields it matches best: a `oneOf` failure alone does not say which field broke."""
        if not isinstance(payload, dict):
            return None
        schemas = self.document.get("components", {}).get("schemas", {})
        scored = [(len(set(schema.get("required", [])) & set(payload)), name) for name, schema in schemas.items()
                  if schema.get("type") == "object" and schema.get("required")]
        best, name = max(scored, default=(0, ""))
        if not best:
            return None
        registry = jsonschema_rs.Registry([(_URI, self.document)], draft=jsonschema_rs.Draft202012)
        validator = jsonschema_rs.validator_for({"$ref": f"{_URI}#/components/schemas/{name}"}, registry=registry)
        for error in validator.iter_errors(payload):
            missing = getattr(error.kind, "property", None) if type(error.kind).__name__ == "Required" else None
            path = "/".join(str(part) for part in error.instance_path)
            return "/".join(part for part in (name, path, missing or "") if part), error.message
        return None

    def _ref_evidence(self, prop: dict[str, Any]) -> str | None:
        ref = prop.get("$ref", "")
        if not ref.startswith("#/components/schemas/"):
            return None
        return self.document["components"]["schemas"].get(ref.rsplit("/", 1)[1], {}).get(_KEY)
