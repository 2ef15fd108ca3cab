"""Bad input gets a clear error in Enkash's envelope: never a 5xx, never a trace, never lost state."""

import json

import pytest

from .helpers import wallet_body

DETAILS = "/api/v0/partner/enKashCard/wallet-details"
CREATE = "/api/v0/partner/enKashCard"


def raw_post(demo, path, data, content_type="application/json"):
    return demo.client.post(path, data=data, headers={**demo.headers, "Content-Type": content_type})


@pytest.mark.parametrize(("data", "content_type", "status"), [
    (b"{not json", "application/json", 400),
    (b"", "application/json", 400),
    (b"   ", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b'"a string"', "application/json", 400),
    (b"null", "application/json", 400),
    (b'{"companyId": NaN}', "application/json", 400),
    (b'{"companyId": Infinity}', "application/json", 400),
    (b"\xff\xfe garbage", "application/json", 400),
    (b'{"a": "\\ud800"}', "application/json", 400),
    (b"[" * 100_000, "application/json", 400),
    (b"companyId=CEKQ08TRRG", "application/x-www-form-urlencoded", 400),
    (b"{}", "text/plain", 400),
    (json.dumps({"companyId": 1, "cardAccountId": ["x"], "enKashCardId": {"a": 1}}).encode(), "application/json", 422),
    (json.dumps({"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": 10 ** 40}).encode(),
     "application/json", 422),
    (json.dumps({"companyId": "CEKQ08TRRG\u0000", "cardAccountId": "CAC7975", "enKashCardId": "EKCWLUAADN"}).encode(),
     "application/json", 422),
    (json.dumps({"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": "EKC😀😀😀😀😀😀😀"}).encode(),
     "application/json", 422),
])
def test_bad_bodies_get_4xx_in_the_envelope(demo, data, content_type, status):
    response = raw_post(demo, DETAILS, data, content_type)
    assert response.status_code == status, response.json
    body = response.json
    assert body["response_code"] == status
    assert body["response_message"]
    assert isinstance(body["payload"]["violations"], list) and body["payload"]["violations"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_missing_mandatory_is_400_and_invalid_value_is_422(demo):
    missing = demo.post("/wallet-details", {"companyId": "CEKQ08TRRG"})
    invalid = demo.post("/wallet-details", {"companyId": "cekq08trrg", "cardAccountId": "CAC7975",
                                            "enKashCardId": "EKCWLUAADN"})
    assert (missing.status_code, invalid.status_code) == (400, 422)
    assert invalid.json["payload"]["violations"] == [
        {"location": "body", "field": "companyId", "message": "does not match the expected format "
                                                              "(pattern ^CEK[A-Z0-9]{7}$)"}]


def test_an_empty_optional_field_is_one_violation_naming_every_fault(demo):
    response = demo.post("", wallet_body(address2=""))
    assert response.json["payload"]["violations"] == [
        {"location": "body", "field": "address2",
         "message": "is too short (at least 1 character) and does not match the expected format (pattern \\S)"}]


def test_all_violations_are_reported_at_once(demo):
    response = demo.post("", wallet_body(mobile="12", email="not-an-email", gender="X", pincode="12"))
    fields = {v["field"] for v in response.json["payload"]["violations"]}
    assert fields == {"mobile", "email", "gender", "pincode"}


def test_violation_messages_never_echo_the_value(demo):
    response = demo.post("", wallet_body(firstName="", mobile="SECRET-ISH-VALUE"))
    assert "SECRET-ISH-VALUE" not in response.get_data(as_text=True)


def test_missing_partner_header_is_400(demo):
    response = demo.client.post(DETAILS, json=demo.ids("EKCWLUAADN"),
                                headers={"Authorization": demo.headers["Authorization"]})
    assert response.status_code == 400
    assert response.json["payload"]["violations"][0] == {"location": "header", "field": "partnerId",
                                                         "message": "is required"}


def test_malformed_partner_header_is_422(demo):
    response = demo.post("/wallet-details", demo.ids("EKCWLUAADN"), partnerId="crm338l2h")
    assert response.status_code == 422


def test_auth_is_checked_before_the_body(client):
    response = client.post(DETAILS, data=b"{broken", headers={"Content-Type": "application/json"})
    assert response.status_code == 401


def test_body_over_the_limit_is_413_in_the_envelope(demo):
    response = raw_post(demo, CREATE, b'{"x": "' + b"a" * 1_100_000 + b'"}')
    assert response.status_code == 413
    assert response.json["response_code"] == 413


def test_limit_is_configurable(make_app):
    from .helpers import DEMO, Partner

    partner = Partner(make_app(max_body_bytes=2048).test_client(), DEMO)
    assert raw_post(partner, DETAILS, b'{"x": "' + b"a" * 4096 + b'"}').status_code == 413


def test_unknown_path_is_404_json(client):
    response = client.get("/api/v0/partner/enKashCard/nope")
    assert (response.status_code, response.json["response_code"]) == (404, 404)


def test_wrong_method_is_405_json_with_allow(client):
    response = client.delete(CREATE)
    assert (response.status_code, response.json["response_code"]) == (405, 405)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"PATCH", "POST"}


def test_odd_unicode_in_valid_places_is_stored_and_returned_intact(demo):
    name = "Zoë 🙂 \u202e Łukasz 山田"
    wallet = demo.create_wallet(firstName=name, address="\u0000 NUL inside")
    read = demo.details(wallet["enKashCardId"]).json["payload"]
    assert (read["firstName"], read["address"]) == (name, "\u0000 NUL inside")


def test_failed_requests_leave_state_untouched(demo, client):
    before = demo.details("EKCWLUAADN").json
    for data in (b"{bad", b"[]", b'{"a": "\\ud800"}'):
        raw_post(demo, CREATE, data)
    demo.client.patch(CREATE, json={**demo.ids("EKCWLUAADN"), "mobile": "bad"}, headers=demo.headers)
    assert demo.details("EKCWLUAADN").json == before


def test_an_unexpected_error_rolls_back_and_answers_500_without_a_trace(make_app, monkeypatch):
    from mock_server.api.wallets import rules as wallets

    from .helpers import DEMO, Partner

    app = make_app()
    app.testing = False  # as served: the error handler answers instead of re-raising
    partner = Partner(app.test_client(), DEMO)
    real_view = wallets.wallet_view

    def explode(*args, **kwargs):
        raise RuntimeError("boom /secret/path.py")

    monkeypatch.setattr("mock_server.api.wallets.handlers.wallet_view", explode)
    response = partner.post("", wallet_body(mobile="6000091111"))
    assert response.status_code == 500
    assert "boom" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    monkeypatch.setattr("mock_server.api.wallets.handlers.wallet_view", real_view)
    assert partner.post("", wallet_body(mobile="6000091111")).json["response_code"] == 0  # nothing was kept


def test_in_tests_an_unexpected_error_surfaces_as_the_mocks_own_exception(demo, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("the mock's own bug")

    monkeypatch.setattr("mock_server.api.wallets.handlers.wallet_view", explode)
    with pytest.raises(RuntimeError, match="the mock's own bug"):
        demo.post("", wallet_body())


def test_a_response_off_the_spec_fails_the_test(demo, monkeypatch):
    from mock_server.http.responses import ResponseContractError

    monkeypatch.setattr("mock_server.api.wallets.handlers.wallet_view", lambda *a, **k: {"enKashCardId": "bad"})
    with pytest.raises(ResponseContractError, match=r"createWallet 200 breaks openapi\.yaml"):
        demo.post("", wallet_body())
