"""Masking gaps of issue 13: one list of secret names, matched across snake, camel and kebab case,
in bodies, query strings, headers and `;`-separated forms. Each secret below must not survive."""

from __future__ import annotations

import json

import pytest

from mock_server import create_app
from mock_server.access_log import redact_path
from mock_server.simulation.redaction import is_sensitive, redact_headers, redact_query

SECRET = "s3cret-value-42"


@pytest.fixture
def client():
    return create_app().test_client()


def _journalled(client) -> str:
    return json.dumps(client.get("/__admin/requests").json["requests"])


def test_semicolon_separated_form_body_masks_the_password(client):
    body = f"grant_type=password;username=6001020040;password={SECRET}"
    client.post("/oauth/token", data=body, content_type="application/x-www-form-urlencoded",
                headers={"Authorization": "Basic Og=="})
    journal = _journalled(client)
    assert SECRET not in journal and "password=[redacted]" in journal


@pytest.mark.parametrize("name", ["accessToken", "refreshToken", "AccessToken", "refresh-token", "ACCESS_TOKEN",
                                  "clientSecret", "client-secret", "idToken", "apiKey"])
def test_camel_and_kebab_secret_names_are_masked_in_body_and_query(client, name):
    client.post(f"/api/v0/partner/enKashCard/search?{name}={SECRET}", json={name: SECRET, "nested": [{name: SECRET}]})
    assert SECRET not in _journalled(client)


@pytest.mark.parametrize("header", ["X-Auth-Token", "X-Api-Key", "X-Admin-Token", "Cookie", "Proxy-Authorization"])
def test_token_headers_are_not_journalled(client, header):
    client.post("/oauth/token", headers={header: SECRET})
    assert SECRET not in _journalled(client)


def test_log_line_query_masks_camel_case_tokens():
    assert SECRET not in redact_query(f"a=1&accessToken={SECRET};refreshToken={SECRET}")
    assert redact_query("a=1;b=2") == "a=1;b=2"  # nothing secret: every byte kept as sent
    assert redact_path(f"/__mock/vkyc/{SECRET}") == "/__mock/vkyc/[redacted]"


def test_one_list_decides_for_headers_and_keys_alike():
    assert all(is_sensitive(n) for n in ("access_token", "accessToken", "Access-Token", "vkycLink", "OTP"))
    assert not any(is_sensitive(n) for n in ("cardOtpAction", "otpReferenceId", "partnerTncUrl", "tokenType"))
    masked = redact_headers([("X-Auth-Token", SECRET), ("X-Mock-Session", "qa"), ("Authorization", "Bearer x")])
    assert masked == {"X-Auth-Token": "[redacted]", "X-Mock-Session": "qa", "Authorization": "Bearer [redacted]"}
