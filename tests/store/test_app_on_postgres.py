"""The mock on PostgreSQL answers odd input as it does on SQLite: in the envelope, never a 5xx."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.config import load_config

from ..mock.helpers import DEMO, EMPTY_BASIC, Partner
from ..postgres_support import fresh_schema


@pytest.fixture(scope="module")
def client():
    with fresh_schema() as url:
        app = create_app(load_config(store=url, validate_responses=True))
        app.testing = True
        yield app.test_client()
        app.extensions["enkash"].store.close()


@pytest.mark.parametrize("username", ["6001020040\x00", "\x00", "\\0", "a\\\\b", "ज़\u2028"])
def test_odd_usernames_are_bad_credentials(client, username):
    reply = client.post("/oauth/token", headers=EMPTY_BASIC, data={
        "username": username, "password": "x", "grant_type": "password", "clientId": DEMO["clientId"]})
    assert reply.status_code == 400 and reply.json["error"] == "invalid_grant", reply.json


def test_odd_sessions_and_journal_filters_are_answered(client):
    session = {"X-Mock-Session": "qa\\0 team"}
    partner = Partner(client, DEMO)
    assert client.post("/oauth/token", headers={**EMPTY_BASIC, **session}, data={
        "username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
        "clientId": DEMO["clientId"]}).status_code == 200
    assert "qa\\0 team" in client.get("/__admin/sessions").json["sessions"]
    for query in ({"session": "a\x00b"}, {"operation": "\x00"}, {"session": "qa\\0 team"}):
        reply = client.get("/__admin/requests", query_string=query)
        assert reply.status_code == 200, reply.json
    assert [e["session"] for e in client.get("/__admin/requests",
                                             query_string={"session": "qa\\0 team"}).json["requests"]] == ["qa\\0 team"]
    assert partner.details("EKC\x00NOPE").status_code == 422  # refused by validation before any store call
