"""The client's whole-answer calls (`send*`), its `http=` seam, and the tests' Flask transport over it."""

from __future__ import annotations

import httpx
import pytest

from contracts.client import WALLET_BASE, EnkashClient, HarnessError
from contracts.targets import IN_PROCESS_URL, resolve_target
from mock_server import create_app

from ..enkash import as_flask_json, enkash_client, flask_response
from ..seed import DEMO, DEMO_WALLET


@pytest.fixture
def client():
    target = resolve_target("mock", IN_PROCESS_URL, IN_PROCESS_URL)  # loopback: the admin API answers
    enkash = EnkashClient(target, session="send-tests", transport=httpx.WSGITransport(app=create_app()))
    yield enkash
    enkash.close()


def _ids(client: EnkashClient) -> dict:
    return client.ids(DEMO_WALLET)


def test_send_operation_answers_the_whole_response_with_our_token(client):
    answer = client.send_operation("getWalletDetails", body=_ids(client))
    assert isinstance(answer, httpx.Response) and answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json()["payload"]["enKashCardId"] == DEMO_WALLET
    assert client.tokens_fetched == 1


def test_an_empty_token_sends_none_and_a_given_one_is_sent_as_it_is(client):
    none = client.send_operation("getWalletDetails", body=_ids(client), token="")
    assert none.status_code == 401 and "authorization" not in none.request.headers
    bad = client.send_operation("getWalletDetails", body=_ids(client), token="not-a-token")
    assert bad.status_code == 401 and bad.request.headers["authorization"] == "Bearer not-a-token"
    assert client.tokens_fetched == 0  # neither asked for our own token, nor retried with it


def test_custom_headers_win_and_raw_content_goes_as_it_is(client):
    answer = client.send_call("POST", WALLET_BASE + "/wallet-details", content=b"{not json",
                              headers={"Content-Type": "application/json", "partnerId": "SOMEONEELSE"})
    assert answer.request.headers["partnerid"] == "SOMEONEELSE" and answer.request.content == b"{not json"
    assert answer.status_code == 400


def test_admin_base_and_session_header(client):
    answer = client.send("GET", "/clock", base="admin")
    assert answer.status_code == 200 and answer.request.url.path == "/__admin/clock"
    assert answer.request.headers["x-mock-session"] == "send-tests"


def test_send_passes_httpx_errors_and_call_names_them_a_harness_error():
    target = resolve_target("mock", "http://127.0.0.1:9", "http://127.0.0.1:9")  # nothing listens on port 9
    enkash = EnkashClient(target, timeout=2)
    with pytest.raises(httpx.ConnectError):
        enkash.send("GET", "/health", base="admin")
    with pytest.raises(HarnessError, match="ConnectError"):
        enkash.call("POST", "/x", token="")
    enkash.close()


def test_http_seam_sends_through_the_given_client_and_its_hooks():
    seen = []
    app = create_app()
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://mock.test",
                      event_hooks={"request": [lambda request: seen.append(request.url.path)]}) as http:
        enkash = enkash_client(DEMO, http=http)
        assert enkash.operation("getWalletDetails", body=enkash.ids(DEMO_WALLET)).code == 0
    assert seen == ["/oauth/token", WALLET_BASE + "/wallet-details"]


def test_the_flask_transport_keeps_the_flask_response_and_sends_what_the_test_client_would():
    flask_client = create_app().test_client()
    enkash = enkash_client(DEMO, flask_client=flask_client, session="flask-transport")
    content, content_type = as_flask_json(flask_client, enkash.ids(DEMO_WALLET))
    answer = enkash.send_call("POST", WALLET_BASE + "/wallet-details", content=content, headers=content_type)
    response = flask_response(answer)
    assert response.status_code == answer.status_code == 200
    assert response.json["payload"]["enKashCardId"] == DEMO_WALLET  # Flask's own response object
    sent = response.request.headers
    assert sent["X-Mock-Session"] == "flask-transport" and "python-httpx" not in sent.get("User-Agent", "")
    assert content == b'{"cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG", "enKashCardId": "EKCWLUAADN"}'
