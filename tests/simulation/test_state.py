"""Snapshots and state export/import: a session can be saved, restored, cloned and seeded."""

from __future__ import annotations

import json

import pytest

from mock_server import create_app
from mock_server.config import load_config

from .helpers import PASSWORD, WALLET, Api


def test_snapshot_restore_undoes_later_changes(api):
    token = api.token()
    snapshot = api.admin("POST", "/snapshots")
    assert snapshot.status_code == 201
    created = api.create_wallet(token).json["payload"]["enKashCardId"]
    restored = api.admin("POST", f"/snapshots/{snapshot.json['id']}/restore")
    assert restored.json["status"] == "restored"
    assert api.details(token, created).json["payload"] == "Wallet not found"
    assert api.details(token).json["response_code"] == 0  # the token existed when the snapshot was taken


def test_snapshot_can_be_restored_into_another_session(api_in):
    one, two = api_in("one"), api_in("two")
    created = one.create_wallet(one.token()).json["payload"]["enKashCardId"]
    snapshot_id = one.admin("POST", "/snapshots").json["id"]
    two.admin("POST", f"/snapshots/{snapshot_id}/restore")
    assert two.details(two.token(), created).json["response_code"] == 0


def test_snapshots_are_listed_and_deleted(api):
    snapshot_id = api.admin("POST", "/snapshots").json["id"]
    assert snapshot_id in [s["id"] for s in api.admin("GET", "/snapshots").json["snapshots"]]
    assert api.admin("DELETE", f"/snapshots/{snapshot_id}").status_code == 200
    assert api.admin("POST", f"/snapshots/{snapshot_id}/restore").status_code == 404


def test_snapshots_survive_reset_all_and_stay_hidden_from_sessions(api):
    snapshot_id = api.admin("POST", "/snapshots").json["id"]
    api.admin("POST", "/reset?all=true")
    assert "__snapshots__" not in api.admin("GET", "/sessions").json["sessions"]
    assert api.admin("POST", f"/snapshots/{snapshot_id}/restore").status_code == 200


def test_snapshots_live_in_the_sqlite_store_across_instances(tmp_path):
    config = load_config(store=f"sqlite:{tmp_path / 'state.db'}")  # create_app's `store=` takes a Store object
    first = Api(create_app(config).test_client())
    created = first.create_wallet(first.token()).json["payload"]["enKashCardId"]
    snapshot_id = first.admin("POST", "/snapshots").json["id"]
    first.admin("POST", "/reset")
    second = Api(create_app(config).test_client())  # another worker process would see the same file
    assert second.admin("POST", f"/snapshots/{snapshot_id}/restore").status_code == 200
    assert second.details(second.token(), created).json["response_code"] == 0


def test_export_import_round_trip_seeds_a_session(api_in):
    one, two = api_in("one"), api_in("two")
    created = one.create_wallet(one.token()).json["payload"]["enKashCardId"]
    exported = one.admin("GET", "/state").json
    assert exported["format"] == "enkash-mock-state/1" and created in exported["documents"]["wallet"]
    imported = two.admin("PUT", "/state", json={"documents": exported["documents"]})
    assert imported.json["documents"]["wallet"] >= 3
    assert two.details(two.token(), created).json["response_code"] == 0


def test_export_holds_no_secret_in_clear(api):
    token = api.token_response().json
    reference = api.otp(token["access_token"]).json["payload"]["otpReferenceId"]
    otp = api.admin("GET", f"/otps?enKashCardId={WALLET}").json[-1]["otp"]
    text = json.dumps(api.admin("GET", "/state").json)
    assert reference in text  # the OTP reference is stored, so the export is not trivially empty
    for secret in (PASSWORD, "demo-client-secret", token["access_token"], token["refresh_token"], otp):
        assert secret not in text


@pytest.mark.parametrize("body", [{}, {"documents": []}, {"documents": {"wallet": ["x"]}}, {"documents": {}}])
def test_import_rejects_malformed_state(api, body):
    response = api.admin("PUT", "/state", json=body)
    assert response.status_code == 400 and "documents" in response.json["response_message"]


def test_import_without_meta_gets_a_real_clock(api):
    documents = api.admin("GET", "/state").json["documents"]
    documents.pop("meta")
    assert api.admin("PUT", "/state", json={"documents": documents}).status_code == 200
    assert api.admin("GET", "/clock").json["frozen"] is False
    assert api.details(api.token()).json["response_code"] == 0
