"""A partner's real client credentials get tokens only for that partner's users (issue 13): Spring
authenticates the Basic client, then refuses a user who does not belong to it, on both grants."""

from __future__ import annotations

import base64

import pytest

from mock_server import create_app

from .live import DEMO, OTHER

SECRETS = {DEMO["clientId"]: "demo-client-secret", OTHER["clientId"]: "other-client-secret"}


def _basic(client_id: str) -> dict:
    raw = f"{client_id}:{SECRETS[client_id]}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


@pytest.fixture
def client():
    return create_app(validate_responses=True).test_client()


def _password(client, who: dict, basic: dict):
    form = {"grant_type": "password", "username": who["username"], "password": who["password"],
            "clientId": who["clientId"]}
    return client.post("/oauth/token", data=form, headers=basic)


def test_password_grant_refuses_another_partners_client(client):
    refused = _password(client, DEMO, _basic(OTHER["clientId"]))
    assert refused.status_code == 400 and refused.json["error"] == "invalid_grant"
    assert _password(client, DEMO, _basic(DEMO["clientId"])).status_code == 200
    assert _password(client, DEMO, {"Authorization": "Basic Og=="}).status_code == 200  # the docs' empty client


def test_a_refused_client_does_not_count_towards_the_users_lockout(client):
    for _ in range(5):
        _password(client, DEMO, _basic(OTHER["clientId"]))
    assert _password(client, DEMO, _basic(DEMO["clientId"])).status_code == 200


def test_refresh_grant_refuses_another_partners_client(client):
    refresh = _password(client, DEMO, _basic(DEMO["clientId"])).json["refresh_token"]
    form = {"grant_type": "refresh_token", "refresh_token": refresh}
    refused = client.post("/oauth/token", data=form, headers=_basic(OTHER["clientId"]))
    assert refused.status_code == 400 and refused.json["error"] == "invalid_grant"
    assert client.post("/oauth/token", data=form, headers=_basic(DEMO["clientId"])).status_code == 200
