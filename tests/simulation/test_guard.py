"""Admin access: loopback only by default; an admin token when configured; serve refuses exposure."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.cli import main

REMOTE = {"REMOTE_ADDR": "192.0.2.10"}


def test_loopback_clients_reach_admin(client):
    assert client.get("/__admin/health", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    assert client.get("/__admin/health", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


@pytest.mark.parametrize("path", ["/__admin/health", "/__admin/ui", "/__admin/requests", "/__admin/state"])
def test_remote_clients_are_refused_without_a_token(client, path):
    response = client.get(path, environ_base=REMOTE)
    assert response.status_code == 403 and "loopback" in response.json["response_message"]


def test_remote_clients_may_still_use_the_api_and_tester_pages(client):
    assert client.get("/__mock/tnc/EKCBEFFEC1", environ_base=REMOTE).status_code == 200
    assert client.post("/oauth/token", environ_base=REMOTE).status_code == 401


def test_token_is_required_from_everywhere_once_configured():
    client = create_app(admin_token="s3cret-admin").test_client()
    assert client.get("/__admin/health").status_code == 401
    assert client.get("/__admin/health", headers={"X-Admin-Token": "wrong"}).status_code == 401
    assert client.get("/__admin/health", headers={"X-Admin-Token": "s3cret-admin"},
                      environ_base=REMOTE).status_code == 200
    assert client.get("/__admin/health", headers={"Authorization": "Bearer s3cret-admin"},
                      environ_base=REMOTE).status_code == 200


def test_inspector_asks_for_the_token_and_remembers_it_in_a_cookie():
    client = create_app(admin_token="s3cret-admin").test_client()
    form = client.get("/__admin/ui", environ_base=REMOTE)
    assert form.status_code == 401 and b'type="password"' in form.data and b"Wallets" not in form.data
    client.post("/__admin/ui/login", data={"token": "s3cret-admin"}, environ_base=REMOTE)
    page = client.get("/__admin/ui", environ_base=REMOTE)
    assert page.status_code == 200 and b"Wallets" in page.data


def test_serve_refuses_a_public_host_without_a_token(capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", "0", "--store", "memory"]) == 2
    assert "--admin-token" in capsys.readouterr().err


def test_inspector_forms_need_the_page_token(client):
    refused = client.post("/__admin/ui/faults", data={"action": "clear"})
    assert refused.status_code == 400 and "form token" in refused.json["response_message"]
    page = client.get("/__admin/ui").get_data(as_text=True)
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    added = client.post("/__admin/ui/faults", data={"csrf": csrf, "action": "add", "operationId": "getToken",
                                                     "kind": "latency", "value": "5", "probability": "1"})
    assert added.status_code == 303 and client.get("/__admin/faults").json["rules"][0]["ms"] == 5
    bad = client.post("/__admin/ui/clock", data={"csrf": csrf, "action": "advance", "seconds": "soon"})
    assert bad.status_code == 303 and "Clock+not+changed" in bad.headers["Location"]


def test_inspector_clock_form_keeps_the_json_apis_range(client):
    """Year 9999 is refused by the form as by PUT /__admin/clock; the session keeps answering (no 500)."""
    page = client.get("/__admin/ui").get_data(as_text=True)
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    before = client.get("/__admin/clock").json["now"]
    far = client.post("/__admin/ui/clock", data={"csrf": csrf, "action": "freeze", "now": "9999-06-01T10:00:00Z"})
    assert far.status_code == 303 and "Clock+not+changed" in far.headers["Location"]
    assert "1970-01-01+and+9000-01-01" in far.headers["Location"]
    assert client.put("/__admin/clock", json={"now": "9999-06-01T10:00:00Z"}).status_code == 400
    assert client.get("/__admin/clock").json["now"][:4] == before[:4]
    form = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
    token = client.post("/oauth/token", data=form, headers={"Authorization": "Basic Og=="}).json["access_token"]
    link = client.get("/api/v0/partner/enKashCard/vkyc/link", headers={
        "Authorization": f"Bearer {token}", "partnerId": "CRM338L2H"}, query_string={
        "enKashCardId": "EKCWLUAADN", "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"})
    assert link.status_code == 200
