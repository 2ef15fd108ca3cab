"""/__admin/requests: newest first, filtered, bounded, cleared, unmatched listed, secrets never kept."""

from __future__ import annotations

import json

from mock_server import create_app
from mock_server.simulation.journal import Journal

from .helpers import CLIENT_ID, PASSWORD, USER, WALLET, Api


def _requests(api, query: str = "") -> list[dict]:
    return api.admin("GET", f"/requests{query}").json["requests"]


def test_newest_first_with_operation_and_status(api):
    token = api.token()
    api.details(token)
    api.details("not-a-token")
    found = _requests(api)
    assert [r["operationId"] for r in found] == ["getWalletDetails", "getWalletDetails", "getToken"]
    assert [r["status"] for r in found] == [401, 200, 200]
    assert found[0]["id"] > found[1]["id"] > found[2]["id"]


def test_filters_by_operation_status_session_and_limit(api_in):
    one, two = api_in("one"), api_in("two")
    one.details(one.token())
    two.token()
    assert {r["operationId"] for r in _requests(one, "?operation=getToken")} == {"getToken"}
    assert len(_requests(one, "?operation=getToken")) == 2
    assert [r["session"] for r in _requests(one, "?session=two")] == ["two"]
    assert [r["operationId"] for r in _requests(one, "?status=200&session=one")] == ["getWalletDetails", "getToken"]
    assert len(_requests(one, "?limit=1")) == 1
    assert one.admin("GET", "/requests?status=abc").status_code == 400


def test_admin_and_page_traffic_is_not_journalled(api):
    api.admin("GET", "/health")
    api.client.get("/__mock/tnc/EKCBEFFEC1")
    api.client.get("/favicon.ico")  # what a browser asks for alongside the inspector
    assert _requests(api) == []


def test_unmatched_requests_are_listed_apart(api):
    api.client.get("/api/v0/partner/enKashCard/nope")
    api.client.delete("/oauth/token")
    api.token()
    unmatched = api.admin("GET", "/requests/unmatched").json["requests"]
    found = [(r["method"], r["status"], r["matched"]) for r in unmatched]
    assert found == [("DELETE", 405, False), ("GET", 404, False)]


def test_delete_clears(api):
    api.token()
    assert api.admin("DELETE", "/requests").json["removed"] == 1
    assert _requests(api) == []


def test_reset_clears_the_sessions_entries_only(api_in):
    one, two = api_in("one"), api_in("two")
    one.token()
    two.token()
    one.admin("POST", "/reset")
    assert [r["session"] for r in _requests(one)] == ["two"]


def test_journal_is_bounded():
    api = Api(create_app(journal_size=3).test_client())
    for _ in range(5):
        api.details("x")
    found = _requests(api)
    assert len(found) == 3 and api.admin("GET", "/requests").json["size"] == 3
    assert found[0]["id"] == 5


def test_no_secret_reaches_the_journal(api):
    grant = api.token_response().json
    refreshed = api.client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                                data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]})
    assert refreshed.status_code == 200
    reference = api.otp(grant["access_token"]).json["payload"]["otpReferenceId"]
    otp = api.admin("GET", f"/otps?enKashCardId={WALLET}").json[-1]["otp"]
    body = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": WALLET, "otp": otp,
            "otpReferenceId": reference}
    api.client.post("/api/v0/partner/enKashCard/min-kyc", json=body, headers=api.headers(grant["access_token"]))
    text = json.dumps(_requests(api))
    assert reference in text and "getToken" in text  # the journal did record these calls
    for secret in (PASSWORD, grant["access_token"], grant["refresh_token"], refreshed.json["access_token"], otp,
                   "Og=="):
        assert secret not in text


def test_journal_unit_appends_and_filters():
    journal = Journal(size=2)
    common = dict(method="GET", path="/p", query="", matched=True, started=0.0, duration=0.001, fault=None,
                  headers=[], request_body="", request_type=None, response_body="{}", response_type="application/json")
    journal.record(session="a", operation_id="x", status=200, **common)
    journal.record(session="b", operation_id="y", status=500, **common)
    assert [e.operationId for e in journal.entries()] == ["y", "x"]
    assert [e.session for e in journal.entries(status=500)] == ["b"]
    assert journal.clear("a") == 1 and [e.session for e in journal.entries()] == ["b"]


def test_size_zero_switches_the_journal_off():
    api = Api(create_app(journal_size=0).test_client())
    api.details("x")
    assert _requests(api) == []


def test_a_body_over_the_limit_is_journalled_without_its_body():
    api = Api(create_app(max_body_bytes=100).test_client())
    response = api.client.post("/api/v0/partner/enKashCard", data=b"x" * 500, content_type="application/json")
    assert response.status_code == 413
    entry = _requests(api)[0]
    assert entry["status"] == 413 and entry["requestBody"] == ""


def test_journal_keeps_the_body_a_fault_rewrote_not_the_one_the_handler_returned(api):
    form = {"username": USER, "password": PASSWORD, "grant_type": "password", "clientId": CLIENT_ID}
    api.client.post("/oauth/token", data=form,
                    headers=api.headers(Authorization="Basic Og==", **{"X-Mock-Fault": "drop=scope"}))
    recorded = json.loads(_requests(api, "?operation=getToken")[0]["responseBody"])
    assert "scope" not in recorded and recorded["access_token"] == "[redacted]"


def test_journal_masks_a_token_answer_and_keeps_its_other_fields(api):
    api.token()
    recorded = json.loads(_requests(api, "?operation=getToken")[0]["responseBody"])
    assert recorded["access_token"] == recorded["refresh_token"] == "[redacted]"
    assert recorded["token_type"] == "bearer" and recorded["expires_in"] > 0


def test_journal_header_names_are_lower_case_with_secrets_masked(api):
    api.details(api.token())
    headers = _requests(api, "?operation=getWalletDetails")[0]["requestHeaders"]
    assert headers["authorization"] == "Bearer [redacted]" and headers["partnerid"]
    assert headers["content-type"] == "application/json"
