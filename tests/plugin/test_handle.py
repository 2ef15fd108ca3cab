"""The handle's helpers, on the enkash_mock fixture this package's own plugin provides."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import httpx
import pytest

from mock_server.testing import AdminError, enkash_respx

AUTH = "https://ekpayout-uat.enkash.in"
API = "https://pay-en-uat.enkash.in/api/v0/partner/enKashCard"
DEMO = {"partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}
TOKEN_FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
BASIC_EMPTY = {"Authorization": "Basic Og=="}
MONDAY_NOON_IST = "2026-11-23T12:00:00+05:30"


def bearer(http: httpx.Client) -> dict:
    token = http.post(f"{AUTH}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY).json()["access_token"]
    return {"Authorization": f"Bearer {token}", "partnerId": DEMO["partnerId"]}


def details(http: httpx.Client, headers: dict, wallet_id: str) -> dict:
    body = {"enKashCardId": wallet_id, "cardAccountId": DEMO["cardAccountId"], "companyId": DEMO["companyId"]}
    return http.post(f"{API}/wallet-details", json=body, headers=headers).json()


@pytest.fixture
def http(enkash_mock):
    with httpx.Client() as client:
        yield client


def test_seed_wallet_is_served_with_its_fields(enkash_mock, http):
    wallet_id = enkash_mock.seed_wallet({"firstName": "Meera"}, kycStatus="MIN_KYC")

    payload = details(http, bearer(http), wallet_id)["payload"]
    assert (payload["firstName"], payload["kycStatus"]) == ("Meera", "MIN_KYC")


def test_seed_wallet_refuses_a_taken_mobile(enkash_mock):
    with pytest.raises(AdminError, match="CAC7975:6000092222"):
        enkash_mock.seed_wallet({"mobile": "6000092222"})  # the seed's EKCWLUAADN holds it


def test_freeze_and_advance_move_the_mock_clock(enkash_mock):
    frozen = enkash_mock.freeze("2026-01-05T10:00:00Z")
    later = enkash_mock.advance(90)

    assert frozen == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    assert (later - frozen).total_seconds() == 90
    assert enkash_mock.now() == later
    assert abs(enkash_mock.real_time().timestamp() - datetime.now(UTC).timestamp()) < 60


def test_otps_are_listed_newest_last(enkash_mock, http):
    headers = bearer(http)
    body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975", "enKashCardId": "EKCBEFFEC1"}
    references = [http.post(f"{API}/otp", json=body, headers=headers).json()["payload"]["otpReferenceId"]
                  for _ in range(2)]

    issued = enkash_mock.otps("EKCBEFFEC1")
    assert [otp["otpReferenceId"] for otp in issued] == references
    assert enkash_mock.latest_otp("EKCBEFFEC1") == issued[-1]["otp"]


def test_latest_otp_without_any_otp_says_so(enkash_mock):
    with pytest.raises(AssertionError, match="no OTP was generated for wallet EKCWLUAADN"):
        enkash_mock.latest_otp("EKCWLUAADN")


@pytest.mark.parametrize(("decide", "kyc", "vkyc"), [("approve", "FULL_KYC", "APPROVED"),
                                                     ("reject", "MIN_KYC", "REJECTED")])
def test_vkyc_decisions_reach_the_wallet(enkash_mock, http, decide, kyc, vkyc):
    enkash_mock.freeze(MONDAY_NOON_IST)  # VKYC only opens 10:00-18:00 IST on working days
    wallet_id = enkash_mock.seed_wallet({}, kycStatus="MIN_KYC")  # video KYC follows minimum KYC
    headers = bearer(http)
    query = {"enKashCardId": wallet_id, "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}
    link = http.get(f"{API}/vkyc/link", params=query, headers=headers).json()["payload"]["vkycLink"]
    assert http.get(link).status_code == 200  # the holder opens the link (served by the mock too)

    if decide == "approve":
        enkash_mock.approve_vkyc(wallet_id)
    else:
        enkash_mock.reject_vkyc(wallet_id, "face mismatch")

    payload = details(http, headers, wallet_id)["payload"]
    assert (payload["kycStatus"], payload["vkycStatus"]) == (kyc, vkyc)
    assert enkash_mock.calls.other.count == 1  # the link page is not an API operation


def test_vkyc_decision_without_a_session_is_an_admin_error(enkash_mock):
    with pytest.raises(AdminError, match="409"):
        enkash_mock.approve_vkyc("EKCWLUAADN")


def test_calls_record_each_operation(enkash_mock, http):
    headers = bearer(http)
    details(http, headers, "EKCWLUAADN")
    details(http, headers, "EKCBEFFEC1")

    calls = enkash_mock.calls["getWalletDetails"]
    assert (calls.count, calls.called, calls.last_body["enKashCardId"]) == (2, True, "EKCBEFFEC1")
    assert calls.last.response.json()["payload"]["enKashCardId"] == "EKCBEFFEC1"
    assert not enkash_mock.calls["createWallet"].called
    assert enkash_mock.calls.total == 3


def test_calls_of_an_unknown_operation_name_the_known_ones(enkash_mock):
    with pytest.raises(KeyError, match="getWalletDetails"):
        enkash_mock.calls["getWallet"]


def test_last_call_of_an_uncalled_operation_is_a_readable_failure(enkash_mock):
    with pytest.raises(AssertionError, match="minKyc was not called"):
        enkash_mock.calls["minKyc"].last  # noqa: B018


def test_context_manager_outside_pytest_routes_extra_hosts_and_restores_httpx():
    with enkash_respx(hosts=["https://api.enkash.in"], token_ttl_seconds=120) as enkash, httpx.Client() as http:
        answer = http.post("https://api.enkash.in/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
        assert answer.json()["expires_in"] == 120
        assert enkash.calls["getToken"].last.request.url.host == "api.enkash.in"
    with httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(204))) as http:
        assert http.get(f"{AUTH}/oauth/token").status_code == 204  # respx no longer intercepts


def test_bad_host_is_refused_clearly():
    with pytest.raises(ValueError, match="must be an origin only"), enkash_respx(hosts=["https://api.enkash.in/v1"]):
        pass


def test_importing_the_plugin_imports_nothing_heavy():
    heavy = ["respx", "flask", "httpx", "yaml", "jsonschema_rs", "mock_server.spec", "mock_server.app"]
    code = ("import sys, mock_server.testing.plugin, mock_server.testing; "
            f"print([name for name in {heavy!r} if name in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_live_mock_serves_over_http_and_resets_per_test(enkash_live_mock):
    with httpx.Client(trust_env=False) as http:
        token = http.post(f"{enkash_live_mock.auth_url}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
        assert token.status_code == 200
    enkash_live_mock.advance(10)
    assert enkash_live_mock.otps("EKCWLUAADN") == []
    assert enkash_live_mock.api_url == enkash_live_mock.url.rstrip("/")


def test_live_handle_lists_what_reached_the_mock_oldest_first_with_secrets_masked(enkash_live_mock):
    with httpx.Client(trust_env=False) as http:
        http.post(f"{enkash_live_mock.auth_url}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
        http.post(f"{enkash_live_mock.auth_url}/oauth/token", data={**TOKEN_FORM, "password": "wrong"},
                  headers=BASIC_EMPTY)
        http.post(f"{enkash_live_mock.api_url}/api/v0/partner/enKashCard/wallet-details", json={})
    tokens = enkash_live_mock.requests("getToken")
    assert [entry["status"] for entry in tokens] == [200, 400]
    assert TOKEN_FORM["password"] not in str(tokens) and "wrong" not in str(tokens)
    assert [entry["operationId"] for entry in enkash_live_mock.requests()] == ["getToken", "getToken",
                                                                               "getWalletDetails"]


def test_reset_empties_the_journal_so_each_test_starts_clean(enkash_live_mock):
    with httpx.Client(trust_env=False) as http:
        http.post(f"{enkash_live_mock.auth_url}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
    assert len(enkash_live_mock.requests()) == 1
    enkash_live_mock.reset()  # what the fixture does before every test
    assert enkash_live_mock.requests() == []


def test_in_process_handle_lists_requests_too(enkash_mock):
    with httpx.Client() as http:
        http.post(f"{AUTH}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
    assert [entry["operationId"] for entry in enkash_mock.requests()] == ["getToken"]
    assert enkash_mock.requests("getWalletDetails") == []


def test_respx_mock_fixture_answers_other_hosts_alongside(enkash_mock, respx_mock):
    respx_mock.post("https://sms.example.com/send").respond(204)
    with httpx.Client() as http:
        assert http.post("https://sms.example.com/send").status_code == 204
        assert http.post(f"{AUTH}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY).status_code == 200
    assert enkash_mock.calls["getToken"].count == 1


@pytest.mark.e2e  # starts mock processes of its own
def test_live_servers_are_shared_per_config_and_stopped():
    from mock_server.testing import mock_settings
    from mock_server.testing.live import LiveServerPool

    pool = LiveServerPool()
    try:
        server = pool.get(mock_settings())
        assert pool.get(mock_settings(hosts=["https://api.enkash.in"])) is server  # hosts mean nothing here
        assert pool.get(mock_settings(token_ttl_seconds=5)) is not server
    finally:
        pool.stop_all()
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/__admin/health", trust_env=False)


def test_public_api_is_pinned_and_every_name_resolves():
    import mock_server.testing as testing

    assert sorted(testing.__all__) == [
        "AdminError", "Calls", "EnkashMock", "InProcessEnkash", "LiveEnkash", "MockSettings", "OperationCalls",
        "PRODUCTION_HOSTS", "ReceivedWebhook", "UAT_HOSTS", "WebhookReceiver", "Webhooks", "enkash_respx",
        "mock_settings"]
    assert all(getattr(testing, name) is not None for name in testing.__all__)
    with pytest.raises(AttributeError):
        testing.no_such_name  # noqa: B018


def test_fault_passes_rules_to_the_admin_api(enkash_mock, http):
    try:
        enkash_mock.fault(operationId="getToken", kind="status", status=503, nthCall=1)
    except AdminError as error:
        if "-> 404" in str(error) or "-> 405" in str(error):
            pytest.skip("PUT /__admin/faults is not wired into the mock yet")
        raise
    first = http.post(f"{AUTH}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
    second = http.post(f"{AUTH}/oauth/token", data=TOKEN_FORM, headers=BASIC_EMPTY)
    assert (first.status_code, second.status_code) == (503, 200)
    enkash_mock.fault()  # clears
