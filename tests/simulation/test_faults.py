"""Fault rules and the X-Mock-Fault header, through the test client (dropped connections: test_live.py)."""

from __future__ import annotations

import random

import pytest

from mock_server.simulation import simulation_of
from mock_server.simulation.faults import FaultRuleError, parse_header, parse_rules

from .helpers import WALLET


@pytest.fixture
def sleeps(app):
    """Latency faults sleep through this list instead of the clock."""
    recorded: list[float] = []
    simulation_of(app.extensions["enkash"]).sleep = recorded.append
    return recorded


def _rules(api, *rules):
    response = api.admin("PUT", "/faults", json={"rules": list(rules)})
    assert response.status_code == 200, response.json
    return response.json["rules"]


def test_status_rule_answers_with_an_enkash_envelope_and_skips_the_handler(api):
    token = api.token()
    _rules(api, {"operationId": "createWallet", "kind": "status", "status": 503})
    refused = api.create_wallet(token)
    assert refused.status_code == 503
    assert refused.json == {"response_code": 503, "response_message": "Service Unavailable",
                            "payload": "Service Unavailable"}
    api.admin("DELETE", "/faults")
    assert api.create_wallet(token).json["response_code"] == 0  # the faulted call created nothing


def test_status_on_the_token_path_has_the_oauth_shape(api):
    _rules(api, {"path": "/oauth/token", "kind": "status", "status": 502, "message": "upstream down"})
    response = api.token_response()
    assert response.status_code == 502 and response.json == {"error": "server_error",
                                                              "error_description": "upstream down"}


def test_rules_target_only_their_operation_and_method(api):
    token = api.token()
    _rules(api, {"operationId": "generateOtp", "kind": "status", "status": 500},
           {"path": "/api/v0/partner/enKashCard/wallet-details", "method": "GET", "kind": "status", "status": 500})
    assert api.details(token).status_code == 200
    assert api.otp(token).status_code == 500


def test_nth_call_fires_once(api):
    token = api.token()
    _rules(api, {"operationId": "getWalletDetails", "nthCall": 2, "kind": "status", "status": 504})
    assert [api.details(token).status_code for _ in range(4)] == [200, 504, 200, 200]
    assert list(api.admin("GET", "/faults").json["counts"].values()) == [4]


def test_probability_fires_about_as_often_as_asked(app, api):
    simulation_of(app.extensions["enkash"]).rng = random.Random(7)
    token = api.token()
    _rules(api, {"operationId": "getWalletDetails", "probability": 0.3, "kind": "status", "status": 500})
    failures = sum(api.details(token).status_code == 500 for _ in range(200))
    assert 35 <= failures <= 85


def test_latency_distributions(api, sleeps):
    token = api.token()
    _rules(api, {"operationId": "getWalletDetails", "kind": "latency", "ms": 250})
    api.details(token)
    _rules(api, {"operationId": "getWalletDetails", "kind": "latency", "distribution": "uniform",
                 "minMs": 100, "maxMs": 200})
    api.details(token)
    _rules(api, {"operationId": "getWalletDetails", "kind": "latency", "distribution": "lognormal",
                 "medianMs": 50, "sigma": 0.5})
    api.details(token)
    assert sleeps[0] == 0.25 and 0.1 <= sleeps[1] <= 0.2 and 0 < sleeps[2] < 60
    assert api.details(token).status_code == 200  # latency changes nothing else


def test_malformed_body_is_not_json(api):
    response = api.details(api.token(), **{"X-Mock-Fault": "malformed"})
    assert response.status_code == 200 and response.data.startswith(b'{"response_code": 0')
    with pytest.raises(ValueError):
        response.get_json(force=True)


def test_drop_field_removes_one_field(api):
    token = api.token()
    response = api.details(token, **{"X-Mock-Fault": "drop=payload.kycStatus"})
    assert "kycStatus" not in response.json["payload"] and "enKashCardId" in response.json["payload"]
    assert "payload" not in api.details(token, **{"X-Mock-Fault": "drop"}).json


def test_lost_response_commits_then_fails_the_payment_retry_trap(api):
    token = api.token()
    lost = api.create_wallet(token, **{"X-Mock-Fault": "lost-response=500"})
    assert lost.status_code == 500
    retry = api.create_wallet(token)
    assert retry.json["payload"] == "A wallet already exists for this mobile in the card account"


def test_reset_in_process_raises_connection_reset_and_writes_nothing(api):
    token = api.token()
    with pytest.raises(ConnectionResetError):
        api.create_wallet(token, **{"X-Mock-Fault": "reset"})
    assert api.create_wallet(token).json["response_code"] == 0
    assert api.admin("GET", "/requests?limit=2").json["requests"][1]["status"] == 0  # journalled as dropped


def test_header_combines_latency_and_status(api, sleeps):
    response = api.details(api.token(), **{"X-Mock-Fault": "latency=0.5s, status=429"})
    assert response.status_code == 429 and sleeps == [0.5]


def test_prefer_code_like_prism(api):
    assert api.details(api.token(), Prefer="code=503").status_code == 503


def test_bad_header_is_a_clear_400(api):
    response = api.details(api.token(), **{"X-Mock-Fault": "explode"})
    assert response.status_code == 400 and "X-Mock-Fault" in response.json["response_message"]


def test_faults_are_per_session(api_in):
    one, two = api_in("one"), api_in("two")
    _rules(one, {"operationId": "getWalletDetails", "kind": "status", "status": 500})
    assert one.details(one.token()).status_code == 500
    assert two.details(two.token()).status_code == 200
    assert two.admin("GET", "/faults").json["rules"] == []


def test_rules_are_listed_and_cleared(api):
    rules = _rules(api, {"id": "slow", "operationId": "getWalletDetails", "kind": "latency", "ms": 5})
    assert rules[0]["id"] == "slow"
    assert [r["id"] for r in api.admin("GET", "/faults").json["rules"]] == ["slow"]
    api.admin("DELETE", "/faults")
    assert api.admin("GET", "/faults").json["rules"] == []


def test_reset_clears_rules(api):
    _rules(api, {"operationId": "getWalletDetails", "kind": "status", "status": 500})
    api.admin("POST", "/reset")
    assert api.details(api.token()).status_code == 200


@pytest.mark.parametrize("rule, words", [
    ({"kind": "status", "status": 503}, "operationId or path"),
    ({"operationId": "x", "kind": "boom"}, "kind must be"),
    ({"operationId": "x", "kind": "status", "status": 200}, "status"),
    ({"operationId": "x", "kind": "status", "status": 500, "probability": 2}, "probability"),
    ({"operationId": "x", "kind": "reset", "nthCall": 0}, "nthCall"),
    ({"operationId": "x", "kind": "reset", "nthCall": 1, "probability": 1}, "not both"),
    ({"operationId": "x", "kind": "latency", "ms": 10**9}, "ms"),
    ({"operationId": "x", "kind": "latency", "distribution": "uniform", "minMs": 5, "maxMs": 1}, "minMs"),
])
def test_bad_rules_are_refused_with_the_reason(api, rule, words):
    response = api.admin("PUT", "/faults", json={"rules": [rule]})
    assert response.status_code == 400 and words in response.json["response_message"]
    with pytest.raises(FaultRuleError):
        parse_rules([rule])


def test_header_syntax_units():
    latency, status, drop, lost = parse_header("latency=100..300ms, status=503, drop=payload.x, lost-response")
    assert latency.params == {"distribution": "uniform", "minMs": 100, "maxMs": 300}
    assert status.params == {"status": 503} and drop.params == {"field": "payload.x"} and lost.params == {}
    assert parse_header("latency=2s")[0].params["ms"] == 2000
    for bad in ("latency=fast", "status=200", "reset=1", "latency=300..100ms"):
        with pytest.raises(FaultRuleError):
            parse_header(bad)


def test_otp_admin_still_lists_after_faulted_generate(api):
    token = api.token()
    api.client.post("/api/v0/partner/enKashCard/otp", json={"cardOtpAction": "TRANSACTION_OTP",
                    "cardAccountId": "CAC7975", "enKashCardId": WALLET},
                    headers={**api.headers(token), "X-Mock-Fault": "lost-response=502"})
    assert len(api.admin("GET", f"/otps?enKashCardId={WALLET}").json) == 1  # the OTP was sent before the loss
