"""OAuth as the sandbox does it: grants, Basic client credentials, expiry, lockout, partner binding."""

import pytest

from .helpers import DEMO, EMPTY_BASIC, OTHER, Partner, basic


def token_form(who=DEMO, **changes):
    return {"username": who["username"], "password": who["password"], "grant_type": "password",
            "clientId": who["clientId"], **changes}


def test_password_grant_returns_the_five_documented_fields(client):
    response = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC)
    assert response.status_code == 200
    body = response.json
    assert set(body) == {"access_token", "token_type", "refresh_token", "expires_in", "scope"}
    assert (body["token_type"], body["scope"], body["expires_in"]) == ("bearer", "read write trust", 86399)
    assert len(body["access_token"]) == 27 and body["access_token"] != body["refresh_token"]


def test_real_client_credentials_are_accepted_and_wrong_ones_get_401(client):
    assert client.post("/oauth/token", data=token_form(), headers=basic("CEKHZH0UHW", "demo-client-secret")
                       ).status_code == 200
    response = client.post("/oauth/token", data=token_form(), headers=basic("CEKHZH0UHW", "nope"))
    assert (response.status_code, response.json["error"]) == (401, "invalid_client")


@pytest.mark.parametrize("header", [{}, {"Authorization": "Bearer x"}, {"Authorization": "Basic !!!"}])
def test_missing_or_broken_basic_header_gets_401(client, header):
    response = client.post("/oauth/token", data=token_form(), headers=header)
    assert response.status_code == 401
    assert set(response.json) == {"error", "error_description"}


def test_wrong_password_is_springs_invalid_grant(client):
    response = client.post("/oauth/token", data=token_form(password="wrong"), headers=EMPTY_BASIC)
    assert response.status_code == 400
    assert response.json == {"error": "invalid_grant", "error_description": "Bad credentials"}


def test_unknown_user_and_other_partners_client_id_are_bad_credentials(client):
    for form in (token_form(username="6000000000"), token_form(clientId="CEKQ7TST22")):
        response = client.post("/oauth/token", data=form, headers=EMPTY_BASIC)
        assert (response.status_code, response.json["error"]) == (400, "invalid_grant")


def test_three_consecutive_failures_lock_until_reset(client):
    for _ in range(3):
        client.post("/oauth/token", data=token_form(password="wrong"), headers=EMPTY_BASIC)
    locked = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC)
    assert locked.status_code == 400 and locked.json["error_description"] == "User account is locked"
    assert client.post("/__admin/reset").status_code == 200
    assert client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).status_code == 200


def test_a_success_in_between_resets_the_failure_count(client):
    for _ in range(2):
        client.post("/oauth/token", data=token_form(password="wrong"), headers=EMPTY_BASIC)
    assert client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).status_code == 200
    for _ in range(2):
        client.post("/oauth/token", data=token_form(password="wrong"), headers=EMPTY_BASIC)
    assert client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).status_code == 200


def test_lockout_threshold_is_configurable(make_app):
    client = make_app(lockout_threshold=1).test_client()
    client.post("/oauth/token", data=token_form(password="wrong"), headers=EMPTY_BASIC)
    assert client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json["error_description"] == (
        "User account is locked")


def test_refresh_grant_issues_a_new_access_token(client):
    first = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    form = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    response = client.post("/oauth/token", data=form, headers=EMPTY_BASIC)
    assert response.status_code == 200
    assert response.json["access_token"] != first["access_token"]
    assert response.json["refresh_token"] == first["refresh_token"]  # Spring reuses refresh tokens


def test_unknown_refresh_token_is_invalid_grant(client):
    response = client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": "nope"},
                           headers=EMPTY_BASIC)
    assert (response.status_code, response.json["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize(("form", "error"), [
    ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
    ({"username": "6001020040"}, "invalid_request"),
    ({"grant_type": "password", "username": "6001020040"}, "invalid_request"),
    ({**token_form(), "clientId": "lowercase"}, "invalid_request"),
])
def test_malformed_token_requests_are_400_oauth_errors(client, form, error):
    response = client.post("/oauth/token", data=form, headers=EMPTY_BASIC)
    assert (response.status_code, response.json["error"]) == (400, error)


def test_token_as_json_instead_of_form_is_rejected(client):
    response = client.post("/oauth/token", json=token_form(), headers=EMPTY_BASIC)
    assert (response.status_code, response.json["error"]) == (400, "invalid_request")


def test_access_token_expires_after_expires_in(client, demo):
    assert demo.details("EKCWLUAADN").status_code == 200
    client.post("/__admin/clock/advance", json={"seconds": 86399})
    response = demo.details("EKCWLUAADN")
    assert (response.status_code, response.json["error"]) == (401, "invalid_token")
    assert response.json["error_description"] == "Access token expired"


def test_five_minute_tokens_reproduce_the_documented_rule(make_app):
    client = make_app(token_ttl_seconds=300).test_client()
    partner = Partner(client, DEMO)
    assert partner.login().json["expires_in"] == 300
    client.post("/__admin/clock/advance", json={"seconds": 299})
    assert partner.details("EKCWLUAADN").status_code == 200
    client.post("/__admin/clock/advance", json={"seconds": 1})
    assert partner.details("EKCWLUAADN").status_code == 401


@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer unknown-token", "Basic Og=="])
def test_wallet_calls_without_a_valid_bearer_get_401(client, authorization):
    headers = {"partnerId": "CRM338L2H", **({"Authorization": authorization} if authorization else {})}
    response = client.post("/api/v0/partner/enKashCard/wallet-details", headers=headers,
                           json={"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "enKashCardId": "EKCWLUAADN"})
    assert response.status_code == 401
    assert response.json["error"] in {"unauthorized", "invalid_token"}


def test_a_token_belongs_to_one_partner(demo, other):
    response = demo.post("/wallet-details", demo.ids("EKCWLUAADN"), partnerId=OTHER["partnerId"])
    assert (response.status_code, response.json["error"]) == (401, "invalid_token")


def test_bearer_scheme_and_partner_header_names_are_case_insensitive(client, demo):
    token = demo.login().json["access_token"]
    response = client.post("/api/v0/partner/enKashCard/wallet-details", json=demo.ids("EKCWLUAADN"),
                           headers={"authorization": f"bearer {token}", "PARTNERID": "CRM338L2H"})
    assert response.json["response_code"] == 0


def test_a_repeated_login_returns_the_still_valid_token_like_spring(client):
    first = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    client.post("/__admin/clock/advance", json={"seconds": 100})
    again = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    assert (again["access_token"], again["refresh_token"]) == (first["access_token"], first["refresh_token"])
    assert again["expires_in"] in (86298, 86299)  # what is left of it


def test_a_new_token_once_the_old_one_expired(client):
    first = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    client.post("/__admin/clock/advance", json={"seconds": 86399})
    again = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    assert again["access_token"] != first["access_token"] and again["expires_in"] == 86399


def test_a_login_after_a_refresh_returns_the_refreshed_pair(client):
    first = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    form = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    refreshed = client.post("/oauth/token", data=form, headers=EMPTY_BASIC).json
    again = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    assert (again["access_token"], again["refresh_token"]) == (refreshed["access_token"], first["refresh_token"])


def test_tokens_are_per_session(client):
    default = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    other = client.post("/oauth/token", data=token_form(), headers={**EMPTY_BASIC, "X-Mock-Session": "qa-2"}).json
    assert default["access_token"] != other["access_token"]


def test_a_revoked_token_is_never_handed_out_again(client):
    first = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    assert client.post("/__admin/tokens/revoke", json={"access_token": first["access_token"]}).status_code == 200
    again = client.post("/oauth/token", data=token_form(), headers=EMPTY_BASIC).json
    assert again["access_token"] != first["access_token"]
