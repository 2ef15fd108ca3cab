"""Webhook bodies: checked against openapi.yaml's `webhooks` section, money put on the wire exactly.

The spec is the schema: nothing here restates a field list. Amounts arrive as Decimal (or int paise
already converted by the caller) and leave as JSON numbers, as the public card-transaction consumer
reads them; a Decimal whose shortest float form would not print back the same digits is refused.
"""

from __future__ import annotations

import copy
import hashlib
import json
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema_rs

from ..http.spec import SPEC_URI, Spec, load_spec
from .events import EVENT_TYPES, event_type

__all__ = ["PayloadError", "payload_problems", "payment_notify_checksum", "sample_payload", "to_wire"]


class PayloadError(ValueError):
    """A webhook body that breaks its schema in openapi.yaml, or an amount that cannot be sent exactly."""


def to_wire(value: Any) -> Any:
    """The payload with every Decimal as a JSON number that prints exactly its digits."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        number = float(value)
        if Decimal(repr(number)) != value:
            raise PayloadError(f"amount {value} cannot be sent as an exact JSON number")
        return number
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    return value


def payment_notify_checksum(payload: dict) -> str:
    """The Payment Notify `checksum`: Enkash's algorithm is undocumented, so the mock's is inferred and
    simple: SHA-256 hex of `orderId|transactionId|amount|status` (amount as it goes on the wire)."""
    amount = json.dumps(to_wire(payload["amount"]))
    text = "|".join((str(payload["orderId"]), str(payload["transactionId"]), amount, str(payload["status"])))
    return hashlib.sha256(text.encode()).hexdigest()


def _body_pointer(spec: Spec, webhook: str) -> str:
    operation = spec.document["webhooks"][webhook]["post"]
    if "$ref" in operation["requestBody"]:
        return operation["requestBody"]["$ref"] + "/content/application~1json/schema"
    return f"#/webhooks/{webhook}/post/requestBody/content/application~1json/schema"


@cache
def _validators(spec_path: str) -> dict[str, Any]:
    """One compiled validator per event type (cached per spec file, as `load_spec` is)."""
    spec = load_spec(spec_path)
    registry = jsonschema_rs.Registry([(SPEC_URI, spec.document)], draft=jsonschema_rs.Draft202012)
    return {name: jsonschema_rs.validator_for({"$ref": SPEC_URI + _body_pointer(spec, event.webhook)},
                                              registry=registry)
            for name, event in EVENT_TYPES.items()}


def payload_problems(spec_path: str, event_name: str, payload: Any) -> list[str]:
    """Every way `payload` breaks the event's schema in openapi.yaml (empty when it fits)."""
    event_type(event_name)
    validator = _validators(spec_path)[event_name]
    return [f"{'/'.join(map(str, e.instance_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(payload)]


def sample_payload(spec_path: str, event_name: str) -> dict:
    """The spec's example body of an event, for test deliveries from the admin API."""
    spec = load_spec(spec_path)
    media = spec.document["webhooks"][event_type(event_name).webhook]["post"]["requestBody"]["content"]
    examples = media["application/json"].get("examples", {})
    first = next(iter(examples.values()))
    return copy.deepcopy(spec.resolve(first)["value"])  # the spec is cached: callers may edit their copy
