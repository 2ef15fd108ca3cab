"""The one writer of JSON answers: API operations, admin API, pages' JSON, runtime faults, protocol errors.

Bodies take one of the spec's two shapes, built only here: the wallet envelope
`{response_code, response_message, payload}` and Spring OAuth's `{error, error_description}`.
Answers to spec operations are checked against openapi.yaml first when `validate_responses` is on.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from flask import Response

if TYPE_CHECKING:
    from ..state import MockState

__all__ = ["JsonResponse", "ResponseContractError", "envelope", "json_answer", "json_response", "oauth_body",
           "success"]


class ResponseContractError(AssertionError):
    """The mock was about to send a response its own spec does not allow (strict mode)."""


def envelope(response_code: int, message: str, payload: Any = None) -> dict[str, Any]:
    """The wallet envelope; a payload-less answer repeats its message as the payload (Enkash's habit)."""
    return {"response_code": response_code, "response_message": message,
            "payload": message if payload is None else payload}


def success(payload: Any, message: str = "Success") -> dict[str, Any]:
    return envelope(0, message, payload)


def oauth_body(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}


class JsonResponse(Response):
    """A JSON answer that keeps the value it was serialised from, so the journal can mask its
    secrets without parsing the text again. `value` no longer describes the body after `set_data`."""

    def __init__(self, value: Any, status: int, headers: dict[str, str] | None = None):
        super().__init__(json.dumps(value), status=status, headers=headers, mimetype="application/json")
        self.value = value


def json_answer(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> JsonResponse:
    """Any JSON answer outside openapi.yaml's operations (admin API, pages, runtime faults)."""
    return JsonResponse(value, status, headers)


def json_response(state: MockState, operation_id: str | None, status: int, body: Any,
                  headers: dict[str, str] | None = None, check: bool = True) -> JsonResponse:
    """An answer to a spec operation; `check=False` for answers the spec does not describe (a bug's 500)."""
    if check and state.config.validate_responses:
        problems = state.responses.problems(operation_id, status, body)
        if problems:
            raise ResponseContractError(f"{operation_id} {status} breaks openapi.yaml: " + "; ".join(problems))
    return JsonResponse(body, status, headers)
