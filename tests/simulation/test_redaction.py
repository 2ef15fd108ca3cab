"""The one redaction module: every secret key and header is masked, everything else kept."""

from __future__ import annotations

import json

from mock_server.simulation.redaction import MASK, redact_headers, redact_query, redact_text, redact_value


def test_authorization_keeps_scheme_but_not_credentials():
    out = redact_headers([("Authorization", "Bearer abc.def"), ("X-Admin-Token", "T"), ("partnerId", "P1"),
                          ("Cookie", "a=b")])
    assert out == {"Authorization": f"Bearer {MASK}", "X-Admin-Token": MASK, "partnerId": "P1", "Cookie": MASK}


def test_basic_header_is_masked():
    assert "Og==" not in redact_headers([("authorization", "Basic Og==")])["authorization"]


def test_nested_json_keys_are_masked_case_insensitively():
    data = {"payload": {"access_token": "a1", "Refresh_Token": "r1", "items": [{"otp": "123456", "ok": 1}]},
            "password": "p", "mobile": "6000091111"}
    out = redact_value(data)
    assert out["payload"]["access_token"] == MASK and out["payload"]["Refresh_Token"] == MASK
    assert out["payload"]["items"] == [{"otp": MASK, "ok": 1}]
    assert out["password"] == MASK and out["mobile"] == "6000091111"


def test_form_body_and_query_are_masked():
    form = "username=600&password=Test%401234567&grant_type=password&refresh_token=xyz"
    out = redact_text(form, "application/x-www-form-urlencoded")
    assert "Test" not in out and "xyz" not in out and "username=600" in out
    assert "s3cret" not in redact_query("client_secret=s3cret&x=1")


def test_form_field_names_are_compared_decoded_and_other_fields_kept_as_sent():
    form = "pass%77ord=hunter2&Password=again&user+name=a%40b&grant_type=password"
    out = redact_text(form, "application/x-www-form-urlencoded")
    assert "hunter2" not in out and "again" not in out
    assert out == f"pass%77ord={MASK}&Password={MASK}&user+name=a%40b&grant_type=password"


def test_json_text_without_secret_words_is_kept_verbatim():
    text = '{"mobile": "6000091111", "kycStatus": "PENDING"}'
    assert redact_text(text, "application/json") is text


def test_json_text_with_secrets_is_masked():
    text = json.dumps({"payload": {"otp": "654321", "vkycLink": "http://h/__mock/vkyc/LINKTOKEN"}})
    out = redact_text(text, "application/json")
    assert "654321" not in out and "LINKTOKEN" not in out


def test_unparsable_text_that_mentions_a_secret_is_withheld():
    out = redact_text('{"password": "hunter2"', "application/json")
    assert "hunter2" not in out and MASK in out
