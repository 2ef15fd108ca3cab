"""Session names (issue 13): reserved `__…` names are refused on the API, one UTF-8 decoding for
header and query string, and the open T&C page does not list sessions to a non-admin."""

from __future__ import annotations

import pytest

from mock_server import create_app

WALLET = "EKCWLUAADN"


@pytest.fixture
def client():
    return create_app(validate_responses=True).test_client()


def _as_wsgi_header(text: str) -> str:
    """What a client sending UTF-8 bytes in a header looks like to a WSGI app (PEP 3333: latin-1)."""
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("path", ["/api/v0/partner/enKashCard/search", "/oauth/token"])
def test_reserved_session_names_are_refused_on_the_api(client, path):
    response = client.post(path, json={}, headers={"X-Mock-Session": "__snapshots__"})
    assert response.status_code == 400 and "reserved" in response.get_data(as_text=True)


def test_a_reserved_name_seeds_nothing_that_survives_reset_all(client):
    client.post("/oauth/token", headers={"X-Mock-Session": "__hidden__"})
    client.post("/__admin/reset?all=true")
    assert "__hidden__" not in client.application.extensions["enkash"].store.sessions()


def test_header_and_query_string_name_the_same_utf8_session(client):
    name = "qa-äsha-测试"
    client.post("/__admin/reset", headers={"X-Mock-Session": _as_wsgi_header(name)})
    assert name in client.get("/__admin/sessions").json["sessions"]
    page = client.get(f"/__mock/tnc/{WALLET}?session={name}")
    assert page.status_code == 200 and name in page.get_data(as_text=True)
    header_page = client.get(f"/__mock/tnc/{WALLET}", headers={"X-Mock-Session": _as_wsgi_header(name)})
    assert header_page.status_code == 200 and name in header_page.get_data(as_text=True)


def test_a_header_that_is_not_utf8_is_a_400(client):
    response = client.post("/__admin/reset", headers={"X-Mock-Session": "qa-\xe4"})  # one latin-1 byte
    assert response.status_code == 400 and "UTF-8" in response.json["response_message"]


def test_open_tnc_page_lists_other_sessions_only_to_an_admin():
    guarded = create_app(admin_token="s3cret-admin").test_client()
    token = {"X-Admin-Token": "s3cret-admin"}
    for session in ("qa-asha", "qa-ravi"):
        guarded.post("/__admin/reset", headers={**token, "X-Mock-Session": session})
    anyone = guarded.get(f"/__mock/tnc/{WALLET}").get_data(as_text=True)
    assert "qa-asha" not in anyone and "qa-ravi" not in anyone
    admin = guarded.get(f"/__mock/tnc/{WALLET}", headers=token).get_data(as_text=True)
    assert "qa-asha" in admin and "qa-ravi" in admin
