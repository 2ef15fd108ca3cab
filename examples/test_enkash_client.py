"""The example client tested offline on the enkash_mock / enkash_live_mock fixtures (sync and async)."""

from __future__ import annotations

import httpx
import pytest

from examples.enkash_client import AsyncEnkashClient, Credentials, EnkashClient, EnkashError

HOLDER = {
    "title": "Mr", "firstName": "Kris", "lastName": "Singh", "gender": "M", "email": "kris@example.com",
    "mobile": "6000091111", "address": "Flat 109, near Dmart", "city": "Kota", "state": "Rajasthan",
    "country": "India", "pincode": "323307", "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}],
}
SEEDED_WALLET = "EKCWLUAADN"


def credentials(enkash) -> Credentials:
    partner = enkash.partner()  # the seed's demo partner and its user
    user = partner["users"][0]
    return Credentials(username=user["username"], password=user["password"], client_id=partner["clientId"],
                       partner_id=partner["partnerId"], company_id=partner["companyId"],
                       card_account_id=partner["cardAccountIds"][0])


@pytest.fixture
def client(enkash_mock):
    with httpx.Client() as http:
        yield EnkashClient(credentials(enkash_mock), http)


def test_onboarding_reaches_minimum_kyc(client, enkash_mock):
    wallet = client.onboard(HOLDER, read_otp=enkash_mock.latest_otp)

    assert wallet["kycStatus"] == "MIN_KYC"
    assert enkash_mock.calls.counts() == {"getToken": 1, "createWallet": 1, "generateOtp": 1, "minKyc": 1,
                                          "getWalletDetails": 1}
    assert enkash_mock.otps(wallet["enKashCardId"])[-1]["state"] == "USED"


def test_each_call_goes_to_its_own_host(client, enkash_mock):
    client.wallet_details(SEEDED_WALLET)

    assert enkash_mock.calls["getToken"].last.request.url.host == "ekpayout-uat.enkash.in"
    assert enkash_mock.calls["getWalletDetails"].last.request.url.host == "pay-en-uat.enkash.in"


def test_token_is_reused_while_valid(client, enkash_mock):
    for _ in range(3):
        client.wallet_details(SEEDED_WALLET)

    assert enkash_mock.calls["getToken"].count == 1


@pytest.mark.enkash(token_ttl_seconds=300)
def test_expired_token_is_refreshed_and_the_call_retried(client, enkash_mock):
    client.wallet_details(SEEDED_WALLET)
    enkash_mock.advance(300)  # the mock's clock: the client's own clock still believes in its token

    assert client.wallet_details(SEEDED_WALLET)["enKashCardId"] == SEEDED_WALLET
    details = enkash_mock.calls["getWalletDetails"]
    assert [call.response.status_code for call in details] == [200, 401, 200]
    assert enkash_mock.calls["getToken"].count == 2
    assert enkash_mock.calls["getToken"].last_body["grant_type"] == "refresh_token"


@pytest.mark.enkash(token_ttl_seconds=300)
def test_token_is_refreshed_before_it_expires(enkash_mock):
    now = [0.0]
    with httpx.Client() as http:
        client = EnkashClient(credentials(enkash_mock), http, clock=lambda: now[0])
        client.wallet_details(SEEDED_WALLET)
        now[0] = 280.0  # inside the client's 30 s margin
        enkash_mock.advance(280)
        client.wallet_details(SEEDED_WALLET)

    assert [call.response.status_code for call in enkash_mock.calls["getWalletDetails"]] == [200, 200]
    assert enkash_mock.calls["getToken"].last_body["grant_type"] == "refresh_token"


@pytest.mark.enkash(token_ttl_seconds=300, refresh_token_ttl_seconds=600)
def test_logs_in_again_when_the_refresh_token_has_expired(client, enkash_mock):
    client.wallet_details(SEEDED_WALLET)
    enkash_mock.advance(601)

    client.wallet_details(SEEDED_WALLET)

    grants = [dict(httpx.QueryParams(call.request.content.decode()))["grant_type"]
              for call in enkash_mock.calls["getToken"]]
    assert grants == ["password", "refresh_token", "password"]


@pytest.mark.enkash(fixed_otp="123456")
def test_wrong_otp_is_a_business_error(client, enkash_mock):
    with pytest.raises(EnkashError, match="Invalid OTP; 2 attempt"):
        client.onboard(HOLDER, read_otp=lambda wallet_id: "654321")
    assert enkash_mock.calls["minKyc"].last.response.json()["response_code"] == 1


@pytest.mark.anyio
async def test_async_onboarding_reaches_minimum_kyc(enkash_mock):
    async with httpx.AsyncClient() as http:
        wallet = await AsyncEnkashClient(credentials(enkash_mock), http).onboard(HOLDER, enkash_mock.latest_otp)

    assert wallet["kycStatus"] == "MIN_KYC"
    assert enkash_mock.calls["minKyc"].count == 1


@pytest.mark.anyio
@pytest.mark.enkash(token_ttl_seconds=300)
async def test_async_expired_token_is_refreshed(enkash_mock):
    async with httpx.AsyncClient() as http:
        client = AsyncEnkashClient(credentials(enkash_mock), http)
        await client.wallet_details(SEEDED_WALLET)
        enkash_mock.advance(300)
        await client.wallet_details(SEEDED_WALLET)

    assert enkash_mock.calls["getToken"].last_body["grant_type"] == "refresh_token"


def test_against_a_live_mock_over_real_http(enkash_live_mock):
    with httpx.Client(trust_env=False) as http:
        client = EnkashClient(credentials(enkash_live_mock), http,
                              auth_url=enkash_live_mock.auth_url, api_url=enkash_live_mock.api_url)
        wallet = client.onboard(HOLDER, read_otp=enkash_live_mock.latest_otp)

    assert wallet["kycStatus"] == "MIN_KYC"
    assert wallet["partnerTncUrl"].startswith(enkash_live_mock.url)
