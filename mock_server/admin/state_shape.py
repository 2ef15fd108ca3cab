"""An imported state (`PUT /__admin/state`) must have the shape the store itself writes.

A document the handlers cannot read (a clock of "x", a wallet without `kycStatus`, a user of a
partner that is not there) would otherwise be accepted and turn every later call of the session
into a 500. The shape is taken from what the seed writes (`seed_documents`), so it follows the
store's own records instead of a second, hand-written schema: every key a seeded document has is
required, with the same JSON type (a key the seed leaves `null` may hold anything, and so may the
fields of a nested object such as the holder's details, which are optional in the API). Kinds the seed
does not write (tokens, OTPs, other features' records) are only checked to be objects.
"""

from __future__ import annotations

import math
from typing import Any

from ..kernel.clock import ClockOutOfRange, ClockState, in_range

__all__ = ["StateShapeError", "check_state"]

_ID_FIELDS = {"partner": "partnerId", "user": "username", "wallet": "enKashCardId"}
_ENUMS = {
    ("wallet", "kycStatus"): ("PENDING", "MIN_KYC", "FULL_KYC"),
    ("wallet", "vkycStatus"): ("NOT_INITIATED", "LINK_GENERATED", "IN_PROGRESS", "APPROVED", "REJECTED"),
}


class StateShapeError(ValueError):
    """The message names the document and the field."""


def check_state(documents: dict[str, dict[str, Any]], template: dict[str, dict[str, dict]]) -> None:
    """Raise StateShapeError at the first document the session could not live with."""
    for kind, bucket in documents.items():
        model = _model_of(list(template.get(kind, {}).values()))
        for key, document in bucket.items():
            where = f"documents.{kind}.{key}"
            if model is not None:
                _check_like(where, kind, document, model)
            id_field = _ID_FIELDS.get(kind)
            if id_field and document.get(id_field) != key:
                raise StateShapeError(f"{where}.{id_field} must equal its key {key!r}")
    _check_references(documents)
    _check_clock(documents.get("meta", {}).get("session"))


def _model_of(seeded: list[dict]) -> dict | None:
    """One model from every seeded document of a kind: a key is required when every one has it, and
    may hold anything when any of them leaves it `null` (seeded accounts differ in optional fields)."""
    if not seeded or not all(isinstance(document, dict) for document in seeded):
        return seeded[0] if seeded else None
    shared = set.intersection(*(set(document) for document in seeded))
    return {name: (None if any(document[name] is None for document in seeded) else seeded[0][name])
            for name in seeded[0] if name in shared}


def _check_like(where: str, kind: str, value: Any, model: Any, depth: int = 0) -> None:
    if model is None or (value is None and depth > 1):  # inside a record (the holder): optional fields
        return
    if not _same_type(value, model):
        raise StateShapeError(f"{where} must be {_type_name(model)}, not {_type_name(value)}")
    if isinstance(model, dict):
        for name, field_model in model.items():
            if name not in value:
                raise StateShapeError(f"{where}.{name} is missing")
            _check_like(f"{where}.{name}", kind, value[name], field_model, depth + 1)
            allowed = _ENUMS.get((kind, name))
            if allowed and value[name] not in allowed:
                raise StateShapeError(f"{where}.{name} must be one of {', '.join(allowed)}")


def _check_references(documents: dict) -> None:
    partners = documents.get("partner", {})
    for kind in ("user", "wallet"):
        for key, document in documents.get(kind, {}).items():
            if document.get("partnerId") not in partners:
                raise StateShapeError(f"documents.{kind}.{key}.partnerId names no partner in documents.partner")


def _check_clock(meta: Any) -> None:
    if not isinstance(meta, dict) or not isinstance(meta.get("clock", {}), dict):
        raise StateShapeError('documents.meta.session must be {"clock": {"frozen_at": ..., "offset_seconds": ...}}')
    clock = meta.get("clock") or {}
    frozen, offset = clock.get("frozen_at"), clock.get("offset_seconds", 0.0)
    if not (frozen is None or _finite(frozen)) or not _finite(offset):
        raise StateShapeError("documents.meta.session.clock: frozen_at is null or a number, offset_seconds a number")
    try:  # the one range check every way of setting the clock goes through
        in_range(ClockState(frozen_at=frozen, offset_seconds=offset))
    except ClockOutOfRange as error:
        raise StateShapeError(f"documents.meta.session.clock: {error}") from error


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _same_type(value: Any, model: Any) -> bool:
    if isinstance(model, bool) or isinstance(value, bool):
        return isinstance(model, bool) and isinstance(value, bool)
    if isinstance(model, int | float):
        return _finite(value)
    return isinstance(value, type(model))


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)
