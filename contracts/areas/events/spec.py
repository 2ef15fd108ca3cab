"""The spec's `webhooks` section as validators: per event type (its `x-enkash-event`), the body schema
and the header parameters (`in: header`, required and schema), all read from openapi.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from .receiver import Delivery

__all__ = ["WebhookSpec"]

_URI = "urn:enkash:openapi"


@dataclass(frozen=True)
class _Header:
    name: str  # lower-case
    required: bool
    validator: Any


class WebhookSpec:
    def __init__(self, document: dict[str, Any]):
        self.document = document
        registry = jsonschema_rs.Registry([(_URI, document)], draft=jsonschema_rs.Draft202012)
        self._bodies: dict[str, Any] = {}
        self._headers: dict[str, list[_Header]] = {}
        for name, item in (document.get("webhooks") or {}).items():
            post = item.get("post") or {}
            event = post.get("x-enkash-event")
            if not event:
                continue
            pointer = f"#/webhooks/{name}/post/requestBody/content/application~1json/schema"
            self._bodies[event] = jsonschema_rs.validator_for({"$ref": _URI + pointer}, registry=registry)
            self._headers[event] = [self._header(parameter, registry) for parameter in post.get("parameters", [])
                                    if self._resolve(parameter).get("in") == "header"]

    @property
    def event_types(self) -> list[str]:
        return list(self._bodies)

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def _header(self, parameter: dict[str, Any], registry: Any) -> _Header:
        resolved = self._resolve(parameter)
        schema = resolved.get("schema", {})
        # a schema that is a $ref is resolved in the spec; an inline one (a pattern) stands alone
        wrapped = {"$ref": _URI + schema["$ref"]} if "$ref" in schema else schema
        validator = jsonschema_rs.validator_for(wrapped, registry=registry)
        return _Header(resolved["name"].lower(), bool(resolved.get("required")), validator)

    def problems(self, delivery: Delivery) -> list[str]:
        """Every way a delivery breaks the spec: its event type, headers and body."""
        event = delivery.event_type
        if event not in self._bodies:
            return [f"header X-Enkash-Event-Type: {event!r} is none of the spec's webhooks "
                    f"({', '.join(self._bodies)})"]
        found = []
        for header in self._headers[event]:
            value = delivery.headers.get(header.name)
            if value is None:
                if header.required:
                    found.append(f"header {header.name}: missing")
                continue
            found += [f"header {header.name}: {error.message}" for error in header.validator.iter_errors(value)]
        if delivery.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            found.append(f"header content-type: {delivery.headers.get('content-type')!r}, not application/json")
        if delivery.json is None:
            return [*found, "body: not JSON"]
        found += [f"body/{'/'.join(map(str, e.instance_path)) or '<root>'}: {e.message}"
                  for e in self._bodies[event].iter_errors(delivery.json)]
        return found
