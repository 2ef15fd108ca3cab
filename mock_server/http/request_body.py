"""Read an operation's body once: content type, size limit, JSON or form fields.

Problems are returned, not raised: the pipeline reports them only after authentication, as
Spring's security filter answers 401 before any body is read.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from flask import request
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

from .errors import ApiError
from .spec import Operation
from .validation import Violation

__all__ = ["raw_body_of", "read_body"]

_FORM = "application/x-www-form-urlencoded"
_BODY_KEY = "enkash.body"  # the body as read here, kept in the environ for the journal


def read_body(operation: Operation) -> tuple[ApiError | None, Any]:
    if operation.body_media_type is None:
        return None, None
    if request.mimetype != operation.body_media_type:
        return ApiError("unsupported_content_type", expected=operation.body_media_type), None
    raw = _raw_body()
    if operation.body_media_type == _FORM:
        return None, _form_fields(raw)
    if not raw.strip():
        missing = Violation("body", "", "request body is required", missing=True)
        return ApiError("missing_parameter", payload={"violations": [missing.to_dict()]}), None
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return ApiError("malformed_body"), None
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates such as "\ud800"
        return ApiError("invalid_unicode"), None
    return None, body


def _raw_body() -> bytes:
    """The body, or 413 when it is over the limit. With a Content-Length it is read straight from
    `wsgi.input` (werkzeug's stream wrappers cost more than validating a token request), refused as
    werkzeug would refuse it: 413 over the limit, 400 when the client sent less than it declared.
    A chunked body (no Content-Length) goes through werkzeug, which silently cuts it at the limit:
    look one byte past it."""
    req = request._get_current_object()  # type: ignore[attr-defined]  # one proxy lookup (hot path)
    environ = req.environ
    limit = req.max_content_length
    declared = environ.get("CONTENT_LENGTH")
    if declared and declared.isdigit():
        length = int(declared)
        if limit is not None and length > limit:
            raise RequestEntityTooLarge()
        raw = environ["wsgi.input"].read(length) if length else b""
        if len(raw) < length:
            raise ClientDisconnected()
        environ[_BODY_KEY] = raw
        return raw
    raw = req.get_data(cache=True)
    if req.content_length is None and limit is not None and len(raw) >= limit \
            and environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return raw


def raw_body_of(req) -> bytes:
    """The request's body bytes, whether `read_body` read them (kept in the environ) or not yet."""
    raw = req.environ.get(_BODY_KEY)
    return raw if raw is not None else req.get_data(cache=True)


def _form_fields(raw: bytes) -> dict[str, str]:
    """The first value of each form field (as werkzeug's `form.to_dict()`), parsed straight from the
    bytes: werkzeug's streaming form parser costs more than the rest of a token request's validation."""
    fields: dict[str, str] = {}
    for name, value in parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True):
        fields.setdefault(name, value)
    return fields


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")
