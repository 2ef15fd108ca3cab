"""Expectations of a step: status, envelope code, and matchers on JSON paths (python-jsonpath, RFC 9535)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import jsonpath

__all__ = ["Check", "check_expectations", "json_type", "select"]

_MISSING = object()
_TYPES = {"string": str, "boolean": bool, "object": dict, "array": list, "null": type(None)}


@dataclass(frozen=True)
class Check:
    """One expectation against what came back; `expected`/`actual` are short texts for reports."""

    where: str  # "status", "response_code" or a JSON path
    expected: str
    actual: str
    ok: bool


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return next((name for name, kind in _TYPES.items() if isinstance(value, kind)), type(value).__name__)


def select(path: str, document: Any) -> Any:
    """The value at PATH: one match → the value, several → the list, none → a 'missing' marker."""
    matches = jsonpath.findall(path, document) if document is not None else []
    if not matches:
        return _MISSING
    return matches[0] if len(matches) == 1 else matches


def check_expectations(expect: dict, status: int, body: Any) -> list[Check]:
    checks = []
    if "status" in expect:
        checks.append(Check("status", str(expect["status"]), str(status), status == expect["status"]))
    if "response_code" in expect:
        code = body.get("response_code", _MISSING) if isinstance(body, dict) else _MISSING
        checks.append(_equals("response_code", expect["response_code"], code))
    for path, matcher in (expect.get("json") or {}).items():
        checks.append(_check_path(path, matcher, body))
    return checks


def _check_path(path: str, matcher: Any, body: Any) -> Check:
    actual = select(path, body)
    if not isinstance(matcher, dict):
        return _equals(path, matcher, actual)
    (kind, argument), = matcher.items()
    if kind == "equals":
        return _equals(path, argument, actual)
    if kind == "ignore":
        return Check(path, "ignored", _show(actual), True)
    if kind == "present":
        return Check(path, "present", _show(actual), actual is not _MISSING)
    if kind == "absent":
        return Check(path, "absent", _show(actual), actual is _MISSING)
    if kind == "type":
        return Check(path, f"type {argument}", _typed(actual), actual is not _MISSING and _is_type(actual, argument))
    ok = isinstance(actual, str) and re.search(argument, actual) is not None
    return Check(path, f"matches /{argument}/", _show(actual), ok)


def _is_type(value: Any, name: str) -> bool:
    actual = json_type(value)
    return actual == name or (name == "number" and actual == "integer")


def _equals(where: str, expected: Any, actual: Any) -> Check:
    ok = actual is not _MISSING and actual == expected and json_type(actual) == json_type(expected)
    if isinstance(expected, float) or isinstance(actual, float):
        ok = actual is not _MISSING and not isinstance(actual, bool) and actual == expected
    return Check(where, _show(expected), _show(actual), ok)


def _show(value: Any) -> str:
    if value is _MISSING:
        return "(missing)"
    text = repr(value) if isinstance(value, str) else _json_text(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _typed(value: Any) -> str:
    return "(missing)" if value is _MISSING else f"{json_type(value)} {_show(value)}"


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
