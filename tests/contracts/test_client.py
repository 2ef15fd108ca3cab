"""The one contracts client, served in-process through its `transport=` seam (no server, no socket)."""

from __future__ import annotations

import httpx
import pytest

from contracts.client import EnkashClient, HarnessError
from contracts.operations import operation_routes
from contracts.targets import resolve_target
from mock_server import create_app

from ..mock.helpers import wallet_body


@pytest.fixture
def client():
    target = resolve_target("mock", "http://mock.test", "http://mock.test")
    enkash = EnkashClient(target, transport=httpx.WSGITransport(app=create_app(validate_responses=True)))
    yield enkash
    enkash.close()


def test_calls_by_operation_id_reach_the_operation_the_spec_names(client):
    created = client.create_wallet(wallet_body(mobile="7100000001"))
    assert created.status == 200 and created.code == 0, created.body
    wallet = created.field("enKashCardId")
    same = client.operation("searchWallet", body=client.ids(wallet))
    assert same.code == 0 and same.field("enKashCardId") == wallet
    assert client.vkyc_status(wallet).field("vkycStatus") == "NOT_INITIATED"


def test_every_operation_of_the_spec_has_a_route():
    routes = operation_routes()
    assert routes["getToken"] == ("POST", "/oauth/token")
    assert routes["getVkycLink"] == ("GET", "/api/v0/partner/enKashCard/vkyc/link")
    assert routes["getIfscDetails"] == ("GET", "/api/v0/bankIfsc/public/{ifsc}")
    assert routes["topUpWallet"] == ("POST", "/api/v0/partner/enKashCard/balance")
    # 10 of oauth, wallets, kyc; 4 of transfers (beneficiaries, IFSC); 9 of money; 2 payouts; 3 of the gateway
    assert len(routes) == 28


def test_refused_credentials_are_a_tool_error_not_a_finding():
    target = resolve_target("mock", "http://mock.test", "http://mock.test", env={"ENKASH_PASSWORD": "Wrong@1234567"})
    enkash = EnkashClient(target, transport=httpx.WSGITransport(app=create_app()))
    with pytest.raises(HarnessError, match="refused the configured credentials"):
        enkash.access_token()
    enkash.close()
