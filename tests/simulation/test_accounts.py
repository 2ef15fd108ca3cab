"""/__admin users and tokens: unlock a locked user, expire or revoke tokens on demand."""

from __future__ import annotations

from .helpers import USER


def _lock(api) -> None:
    for _ in range(3):
        api.token_response(password="wrong-password")
    assert api.token_response().json["error_description"] == "User account is locked"


def test_unlock_lets_a_locked_user_log_in(api):
    _lock(api)
    assert api.admin("POST", f"/users/{USER}/unlock").json == {"username": USER, "locked": False}
    assert api.token_response().status_code == 200


def test_unlock_unknown_user_is_404(api):
    assert api.admin("POST", "/users/nobody/unlock").status_code == 404


def _refreshed(api, grant: dict) -> str:
    """A second, distinct access token (a repeated login hands back the first one, as Spring does)."""
    response = api.client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                               data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]})
    return response.json["access_token"]


def test_expire_one_token(api):
    grant = api.token_response().json
    keep, expire = grant["access_token"], _refreshed(api, grant)
    assert keep != expire
    assert api.admin("POST", "/tokens/expire", json={"access_token": expire}).json == {"expired": 1}
    refused = api.details(expire)
    assert refused.status_code == 401 and refused.json["error_description"] == "Access token expired"
    assert api.details(keep).status_code == 200


def test_expire_by_username_keeps_refresh_working(api):
    grant = api.token_response().json
    assert api.admin("POST", "/tokens/expire", json={"username": USER}).json == {"expired": 1}
    assert api.details(grant["access_token"]).status_code == 401
    refreshed = api.client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                                data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]})
    assert refreshed.status_code == 200


def test_revoke_by_username_kills_access_and_refresh(api):
    grant = api.token_response().json
    _refreshed(api, grant)
    assert api.admin("POST", "/tokens/revoke", json={"username": USER}).json == {"revoked": 3}  # 2 access + 1 refresh
    refused = api.details(grant["access_token"])
    assert refused.status_code == 401 and refused.json["error_description"] == "Invalid access token"
    refreshed = api.client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                                data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]})
    assert refreshed.status_code == 400


def test_revoke_one_token(api):
    token = api.token()
    assert api.admin("POST", "/tokens/revoke", json={"access_token": token}).json == {"revoked": 1}
    assert api.details(token).status_code == 401


def test_token_requests_need_a_target(api):
    assert api.admin("POST", "/tokens/expire", json={}).status_code == 400
    assert api.admin("POST", "/tokens/expire", json={"access_token": "unknown"}).status_code == 404
    assert api.admin("POST", "/tokens/revoke", json={"username": "nobody"}).status_code == 404
