"""`PUT /__admin/state` refuses documents the session could not live with (issue 13): the imported
state must have the shape the store writes, and a refused import leaves the session as it was."""

from __future__ import annotations

import copy

import pytest

from mock_server import create_app

from .live import DEMO

WALLET = "EKCWLUAADN"


@pytest.fixture
def client():
    app = create_app(validate_responses=True)
    app.testing = True  # a 500 would re-raise here
    return app.test_client()


def _exported(client) -> dict:
    return client.get("/__admin/state").json["documents"]


def _broken(documents: dict, change) -> dict:
    documents = copy.deepcopy(documents)
    change(documents)
    return documents


BREAKS = {
    "clock-not-an-object": lambda d: d["meta"]["session"].update(clock="x"),
    "clock-frozen-at-text": lambda d: d["meta"]["session"].update(clock={"frozen_at": "x"}),
    "clock-after-9000": lambda d: d["meta"]["session"].update(clock={"frozen_at": 1e300}),
    "meta-not-an-object": lambda d: d["meta"].update(session="x"),
    "wallet-without-kyc": lambda d: d["wallet"][WALLET].pop("kycStatus"),
    "wallet-kyc-unknown": lambda d: d["wallet"][WALLET].update(kycStatus="GOLD"),
    "wallet-holder-text": lambda d: d["wallet"][WALLET].update(holder="x"),
    "wallet-of-no-partner": lambda d: d["wallet"][WALLET].update(partnerId="NOPE"),
    "wallet-key-differs": lambda d: d["wallet"].update(EKCOTHER01=d["wallet"].pop(WALLET)),
    "user-without-hash": lambda d: d["user"][DEMO["username"]].pop("passwordHash"),
    "user-locked-text": lambda d: d["user"][DEMO["username"]].update(locked="no"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_state_the_session_could_not_use_is_refused(client, name):
    before = _exported(client)
    response = client.put("/__admin/state", json={"documents": _broken(before, BREAKS[name])})
    assert response.status_code == 400 and response.json["response_code"] == 400
    assert _exported(client)["wallet"] == before["wallet"]  # nothing replaced
    login = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
             "clientId": DEMO["clientId"]}
    assert client.post("/oauth/token", data=login, headers={"Authorization": "Basic Og=="}).status_code == 200


def test_an_export_imports_back_unchanged(client):
    documents = _exported(client)
    assert client.put("/__admin/state", json={"documents": documents}).status_code == 200
    assert _exported(client) == documents
