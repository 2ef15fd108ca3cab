"""What a report may show: secrets masked in any spelling and quoting, everything else kept as sent."""

from __future__ import annotations

import json

import pytest

from contracts.secrecy import is_secret_key, sanitization_config
from contracts.suites.results import redact


@pytest.mark.parametrize("text", [
    '{"clientSecret": "cs-123", "vkycLink": "https://vkyc.example/abc?token=t0k"}',
    '{"password": "ab\\"cdSECRET"}',  # an escaped quote inside the password
    '{"nested": [{"Client_Secret": "cs-123"}], "otp": "123456"}',
    "curl -d 'clientSecret=cs-123&password=pw-1'",
    '"password": "cut short by an excerpt SECRET',  # JSON too broken to parse
])
def test_secrets_are_masked_in_every_spelling_and_quoting(text):
    masked = redact(text)
    for secret in ("cs-123", "SECRET", "t0k", "abc", "123456", "pw-1"):
        assert secret not in masked, masked


def test_parsed_json_keeps_everything_that_is_not_secret():
    body = {"otpReferenceId": "OTP123", "mobile": "6000091111", "vkycLink": "https://x/y", "kycStatus": "MIN_KYC"}
    assert json.loads(redact(json.dumps(body))) == {**body, "vkycLink": "***"}


def test_shell_variables_in_a_reproduction_are_placeholders_not_secrets():
    command = 'curl -H "Authorization: Bearer $ENKASH_TOKEN" --data-urlencode "password=$ENKASH_PASSWORD"'
    assert redact(command) == command
    assert redact("curl -H 'Authorization: Bearer eyJabc.def'") == "curl -H 'Authorization: ***'"


def test_schemathesis_sanitisation_comes_from_the_one_list_and_spares_the_session_header():
    config = sanitization_config()
    assert "x-mock-session" not in config["keys-to-sanitize"]
    assert not any(marker in "x-mock-session" for marker in config["sensitive-markers"])
    assert {"authorization", "clientsecret", "client_secret", "password", "vkyclink"} <= set(config["keys-to-sanitize"])
    assert is_secret_key("X-Client-Secret") and is_secret_key("newPassword") and not is_secret_key("otpReferenceId")
