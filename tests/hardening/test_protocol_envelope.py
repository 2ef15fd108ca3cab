"""Refusals of the HTTP server itself (issue 13): a 400 carries the `violations` object the spec
requires, and 414, 417 and 431 are described in openapi.yaml for every operation and match it."""

from __future__ import annotations

import json

import pytest

from mock_server import create_app
from mock_server.protocol_errors import envelope


def _sent(monkeypatch, status: int, reason: str, message: str) -> dict:
    """The body the server sends for a refusal it answers before the app runs."""
    headers, body = envelope(status, message)
    assert ("content-type", "application/json") in headers
    return json.loads(body)


@pytest.mark.parametrize(("status", "reason"), [(400, "Bad Request"), (414, "Request-URI Too Long"),
                                                (417, "Expectation Failed"),
                                                (431, "Request Header Fields Too Large")])
def test_protocol_refusals_match_the_spec_of_every_wallet_operation(monkeypatch, status, reason):
    body = _sent(monkeypatch, status, reason, "Invalid header name 'Bad Header Name'")
    state = create_app().extensions["enkash"]
    wallet_operations = [op.operation_id for op in state.spec.operations if op.operation_id != "getToken"]
    for operation in wallet_operations:
        assert state.responses.problems(operation, status, body) == [], (operation, body)


def test_a_protocol_400_lists_its_violation(monkeypatch):
    body = _sent(monkeypatch, 400, "Bad Request", "Invalid header name")
    assert body["payload"] == {"violations": [{"location": "header", "field": "", "message": "Invalid header name"}]}


@pytest.mark.parametrize("status", ["414", "417", "431"])
def test_every_operation_documents_the_protocol_statuses(status):
    for operation in create_app().extensions["enkash"].spec.operations:
        assert status in operation.response_schemas, operation.operation_id
