"""Security properties, one test each: partner isolation, token expiry/refresh/lockout, the admin guard,
redaction, request size limits and no stack traces. In-process where possible, live where the
property lives in the server (logs, chunked bodies, unexpected errors)."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mock_server import create_app

from ..seed import CLIENT_SECRET
from ..seed import DEMO_WALLET as FUNDED  # seeded usable and funded, belongs to DEMO
from .live import DEMO, OTHER, LiveMock, Partner, wallet_body

WALLET = "EKCBEFFEC1"  # seeded PENDING, belongs to DEMO (so its OTP can still complete min KYC)
IST_WEDNESDAY_11AM = "2026-11-25T11:00:00+05:30"
PREFIX = "/api/v0/partner/enKashCard"


@pytest.fixture
def client():
    app = create_app(validate_responses=True)
    app.testing = True
    return app.test_client()


def _login(client, who: dict, **extra) -> dict:
    form = {"username": who["username"], "password": who["password"], "grant_type": "password",
            "clientId": who["clientId"], **extra}
    return client.post("/oauth/token", data=form, headers={"Authorization": "Basic Og=="})


def _bearer(token: str, partner_id: str) -> dict:
    return {"Authorization": f"Bearer {token}", "partnerId": partner_id}


def _wallet_requests(who: dict, otp_reference: str, order_id: str = "EKORD000000000"
                     ) -> dict[str, tuple[str, str, dict]]:
    """Per bearer operation: (method, path, body or query) aimed at DEMO's wallet and account."""
    ids = {"enKashCardId": WALLET, "cardAccountId": DEMO["cardAccountId"], "companyId": DEMO["companyId"]}
    return {
        "createWallet": ("POST", PREFIX, wallet_body("7400000001", DEMO)),
        "createWalletFull": ("POST", PREFIX + "/wallet", wallet_body("7400000002", DEMO)),
        "updateWalletHolder": ("PATCH", PREFIX, {**ids, "firstName": "Mallory"}),
        "generateOtp": ("POST", PREFIX + "/otp", {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": ids[
            "cardAccountId"], "enKashCardId": WALLET}),
        "minKyc": ("POST", PREFIX + "/min-kyc", {**ids, "otpReferenceId": otp_reference, "otp": "123456"}),
        "getWalletDetails": ("POST", PREFIX + "/wallet-details", ids),
        "searchWallet": ("POST", PREFIX + "/search", ids),
        "getVkycLink": ("GET", PREFIX + "/vkyc/link", ids),
        "getVkycStatus": ("GET", PREFIX + "/vkyc/status", ids),
        "addBeneficiary": ("POST", PREFIX + "/beneficiary", {**ids, "beneficiaryId": "B1", "beneficiaryName": "Eve",
                                                             "vpaHandle": "eve@okaxis"}),
        "searchBeneficiaries": ("POST", PREFIX + "/beneficiary/search", ids),
        "deleteBeneficiary": ("DELETE", PREFIX + "/beneficiary", {**ids, "beneficiaryId": "B1"}),
        # money
        "topUpWallet": ("POST", PREFIX + "/balance", {**ids, "amount": "5.00", "transactionType": "CR",
                                                      "uniqueReferenceNumber": "stolen-load"}),
        "validateWalletLoadLimit": ("POST", PREFIX + "/validate/wallet-load-limit",
                                    {**ids, "amountToLoad": "5"}),
        "getCardBalance": ("POST", PREFIX + "/card-balance", ids),
        "getCardAccount": ("POST", PREFIX + "/cardAccount/get",
                           {"cardAccountId": ids["cardAccountId"], "companyId": ids["companyId"]}),
        "listTransactions": ("POST", PREFIX + "/transaction/all", ids),
        "setCardControls": ("POST", PREFIX + "/velocity/rule", {"companyId": ids["companyId"], "cardAccountId": ids[
            "cardAccountId"], "enKashCardIds": [WALLET], "onlineAllowed": False}),
        "getCardControls": ("POST", PREFIX + "/velocity/rule/get", ids),
        "debitWalletForMerchant": ("POST", PREFIX + "/ppi-merchant-transaction", {
            "merchantDetailId": "MD7GWIYV3VEMQ8KQ", "enkashCardId": WALLET, "companyId": ids["companyId"],
            "cardAccountId": ids["cardAccountId"], "amount": 1, "otp": "123456", "otpReferenceId": otp_reference
            or "EK00000000", "uniqueTransactionId": "stolen-debit"}),
        "getSettlementStatus": ("GET", PREFIX + "/settlement-status", {"merchantUniqueTxnId": "seen-by-demo"}),
        # IMPS transfers
        "fundTransfer": ("POST", PREFIX + "/fund-transfer", {
            **ids, "beneficiaryId": "B1", "transactionId": "stolen-transfer", "transferAmount": "1.00",
            "otp": "123456", "otpReferenceId": otp_reference or "EK00000000"}),
        "getFundTransferStatus": ("GET", PREFIX + "/fund-transfer/status", {"transactionId": "stolen-transfer"}),
        # gateway
        "transferWalletToWallet": ("POST", PREFIX + "/wallet-transfer", {
            **ids, "toEnKashCardId": FUNDED, "amount": 1, "transactionId": "stolen-transfer", "otp": "123456",
            "otpReferenceId": otp_reference or "EK00000000"}),
        "createAddMoneyOrder": ("POST", PREFIX + "/add-money", {**ids, "amount": 1, "uniqueTransactionId": "stolen"}),
        "getAddMoneyOrderStatus": ("GET", PREFIX + "/add-money/status", {"orderId": order_id}),
    }


# What another partner's request reads like: exactly a missing wallet, account or transaction.
_NOT_FOUND = {"createWallet": "Invalid companyId", "createWalletFull": "Invalid companyId",
              "getCardAccount": "Card account not found", "getSettlementStatus": "Merchant transaction not found",
              "getFundTransferStatus": "Fund transfer not found",
              "getAddMoneyOrderStatus": "Order not found"}


def _send(client, method: str, path: str, payload: dict, headers: dict):
    if method in ("GET", "DELETE"):  # no body: the ids travel in the query
        return client.open(path, method=method, query_string=payload, headers=headers)
    return client.open(path, method=method, json=payload, headers=headers)


def test_partner_isolation_on_every_wallet_operation(client):
    app = create_app(fixed_otp="123456", validate_responses=True)
    app.testing, client = True, app.test_client()
    client.put("/__admin/clock", json={"now": IST_WEDNESDAY_11AM})  # VKYC open: refusals are not about hours
    demo, other = _login(client, DEMO).json["access_token"], _login(client, OTHER).json["access_token"]
    issued = client.post(PREFIX + "/otp", json=_wallet_requests(DEMO, "")["generateOtp"][2], headers=_bearer(
        demo, DEMO["partnerId"])).json["payload"]["otpReferenceId"]
    before = client.post(PREFIX + "/wallet-details", json=_wallet_requests(DEMO, "")["getWalletDetails"][2],
                         headers=_bearer(demo, DEMO["partnerId"])).json["payload"]
    pay_ref = client.post(PREFIX + "/otp", json={"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": DEMO[
        "cardAccountId"], "enKashCardId": FUNDED}, headers=_bearer(demo, DEMO["partnerId"])).json["payload"]
    paid = client.post(PREFIX + "/ppi-merchant-transaction", json={
        "merchantDetailId": "MD7GWIYV3VEMQ8KQ", "enkashCardId": FUNDED, "companyId": DEMO["companyId"],
        "cardAccountId": DEMO["cardAccountId"], "amount": 1, "otp": "123456", "otpReferenceId": pay_ref[
            "otpReferenceId"], "uniqueTransactionId": "seen-by-demo"}, headers=_bearer(demo, DEMO["partnerId"]))
    assert paid.json["response_code"] == 0, paid.json  # so the settlement lookup has something to hide
    order = client.post(PREFIX + "/add-money", json={**_wallet_requests(DEMO, "")["getWalletDetails"][2],
                        "enKashCardId": FUNDED, "amount": 1, "uniqueTransactionId": "seen-by-demo"},
                        headers=_bearer(demo, DEMO["partnerId"])).json
    assert order["response_code"] == 0, order  # so the order status lookup has something to hide
    requests = _wallet_requests(DEMO, issued, order["payload"]["orderId"])
    bearer_ops = {op.operation_id for op in app.extensions["enkash"].spec.operations if "bearerAuth" in op.security}
    assert bearer_ops == set(requests), "a wallet operation has no isolation check"
    for name, (method, path, payload) in requests.items():
        stolen = _send(client, method, path, payload, _bearer(other, DEMO["partnerId"]))
        assert stolen.status_code == 401 and stolen.json["error"] == "invalid_token", name
        own = _send(client, method, path, payload, _bearer(other, OTHER["partnerId"]))
        assert own.status_code == 200 and own.json["response_code"] == 1, (name, own.json)
        expected = _NOT_FOUND.get(name, "Wallet not found")
        assert own.json["response_message"].startswith(expected), (name, own.json)
    after = client.post(PREFIX + "/wallet-details", json=requests["getWalletDetails"][2],
                        headers=_bearer(demo, DEMO["partnerId"])).json["payload"]
    assert after == before
    controls = client.post(PREFIX + "/velocity/rule/get", json=requests["getCardControls"][2],
                           headers=_bearer(demo, DEMO["partnerId"])).json["payload"]
    assert controls["onlineAllowed"] is True, "another partner changed the wallet's card controls"
    still_usable = client.post(PREFIX + "/min-kyc", json=requests["minKyc"][2], headers=_bearer(demo, DEMO[
        "partnerId"])).json
    assert still_usable["response_code"] == 0, "another partner's attempt consumed the OTP"


def test_token_expiry_refresh_and_lockout(client):
    client.put("/__admin/clock", json={"now": "2026-01-05T10:00:00Z"})
    issued = _login(client, DEMO).json
    details = _wallet_requests(DEMO, "")["getWalletDetails"][2]
    call = lambda token: client.post(PREFIX + "/wallet-details", json=details,  # noqa: E731
                                     headers=_bearer(token, DEMO["partnerId"]))
    assert call(issued["access_token"]).json["response_code"] == 0
    client.post("/__admin/clock/advance", json={"seconds": issued["expires_in"]})
    expired = call(issued["access_token"])
    assert expired.status_code == 401 and expired.json["error_description"] == "Access token expired"
    refreshed = client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": issued[
        "refresh_token"]}, headers={"Authorization": "Basic Og=="})
    assert refreshed.status_code == 200 and call(refreshed.json["access_token"]).json["response_code"] == 0
    for _ in range(3):
        assert _login(client, {**DEMO, "password": "Wrong@1234567"}).status_code == 400
    locked = _login(client, DEMO)
    assert locked.status_code == 400 and locked.json["error_description"] == "User account is locked"
    refused = client.post("/oauth/token", data={"grant_type": "refresh_token", "refresh_token": issued[
        "refresh_token"]}, headers={"Authorization": "Basic Og=="})
    assert refused.status_code == 400, "a locked user must not refresh either"


def test_admin_guard_loopback_only_unless_a_token_is_configured():
    open_app = create_app()
    remote = {"REMOTE_ADDR": "10.1.2.3"}
    assert open_app.test_client().get("/__admin/health").status_code == 200
    assert open_app.test_client().get("/__admin/health", environ_base=remote).status_code == 403
    guarded = create_app(admin_token="s3cret-admin").test_client()
    assert guarded.get("/__admin/health").status_code == 401, "with a token even loopback must present it"
    assert guarded.get("/__admin/health", headers={"X-Admin-Token": "wrong"}).status_code == 401
    assert guarded.get("/__admin/otps?enKashCardId=" + WALLET, environ_base=remote,
                       headers={"Authorization": "Bearer s3cret-admin"}).status_code == 200
    assert guarded.post("/__admin/reset", headers={"X-Admin-Token": "s3cret-admin"}).status_code == 200


def test_request_size_limits(client):
    big = b'{"enKashCardId": "' + b"A" * 1_100_000 + b'"}'
    headers = {**_bearer("whatever", DEMO["partnerId"]), "Content-Type": "application/json"}
    too_big = client.post(PREFIX + "/wallet-details", data=big, headers=headers)
    assert too_big.status_code == 413 and too_big.json["response_code"] == 413
    form = client.post("/oauth/token", data={"username": "x" * 1_100_000}, headers={"Authorization": "Basic Og=="})
    assert form.status_code == 413


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with LiveMock(tmp_path_factory.mktemp("sec"), "--access-log", "--workers", "2") as served:
        yield served


def test_chunked_body_over_the_limit_is_refused_live(live):
    """With a valid token, so that the body is really read: a chunked body is not cut at the limit and
    parsed as bad JSON, it is refused as too large."""
    form = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
            "clientId": DEMO["clientId"]}
    token = httpx.post(live.url + "/oauth/token", data=form, headers={"Authorization": "Basic Og=="}).json()
    chunks = (b"x" * 65_536 for _ in range(20))  # no Content-Length: the limit must hold while streaming
    reply = httpx.post(live.url + PREFIX + "/wallet-details", content=chunks,
                       headers={"Content-Type": "application/json", **_bearer(token["access_token"],
                                                                               DEMO["partnerId"])})
    assert reply.status_code == 413 and reply.json()["response_code"] == 413, reply.text


def _secret_flow(live: LiveMock) -> list[str]:
    """Drive every secret through the live server; returns the secrets it saw."""
    http = httpx.Client(base_url=live.url, timeout=30)
    basic = "Basic " + base64.b64encode(f"{DEMO['clientId']}:{CLIENT_SECRET}".encode()).decode()
    form = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
            "clientId": DEMO["clientId"]}
    issued = http.post("/oauth/token", data=form, headers={"Authorization": basic}).json()
    refreshed = http.post("/oauth/token", headers={"Authorization": basic}, data={
        "grant_type": "refresh_token", "refresh_token": issued["refresh_token"]}).json()
    partner = Partner(live.url, DEMO, http)
    partner.token = refreshed["access_token"]
    wallet = partner.create("7500000001").json()["payload"]["enKashCardId"]
    reference = partner.otp(wallet).json()["payload"]["otpReferenceId"]
    otp = http.get("/__admin/otps", params={"enKashCardId": wallet}).json()[-1]["otp"]
    assert partner.min_kyc(wallet, reference, otp).json()["response_code"] == 0
    http.put("/__admin/clock", json={"now": IST_WEDNESDAY_11AM})  # VKYC hours
    link = http.get(PREFIX + "/vkyc/link", params=partner.ids(wallet), headers=partner.headers()).json()
    link_token = link["payload"]["vkycLink"].rsplit("/", 1)[1]
    assert http.get(link["payload"]["vkycLink"]).status_code == 200
    http.delete("/__admin/clock")
    http.close()
    return [DEMO["password"], CLIENT_SECRET, basic.split()[1], issued["access_token"],
            issued["refresh_token"], refreshed["access_token"], otp, link_token]


def test_secrets_never_reach_the_logs_or_the_journal(live):
    secrets = _secret_flow(live)
    journal = httpx.get(live.url + "/__admin/requests")
    assert journal.status_code == 200, "the journal is not readable: this test would prove nothing"
    written = {"server log": live.log(), "journal": journal.text}
    assert "POST /oauth/token" in written["server log"], "the access log is not on: this test would prove nothing"
    for where, text in written.items():
        for secret in secrets:
            assert not re.search(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", text), f"a secret reached the {where}"


ODD_INPUTS = [
    ("POST", PREFIX + "/wallet-details", b"{not json", "application/json"),
    ("POST", PREFIX + "/wallet-details", b"[" * 100_000 + b"]" * 100_000, "application/json"),
    ("POST", PREFIX + "/wallet-details", b'{"enKashCardId": 1e999999}', "application/json"),
    ("POST", PREFIX + "/wallet-details", b'{"enKashCardId": "\\ud800"}', "application/json"),
    ("POST", PREFIX + "/wallet-details", b"\xff\xfe\x00\x00garbage", "application/json"),
    ("POST", PREFIX + "/wallet-details", b"null", "application/json"),
    ("POST", PREFIX + "/wallet-details", b'{"a": "b"}', b"text/plain; charset=\xff"),
    ("POST", "/oauth/token", b"username=%ff%fe&password=%00&grant_type=password&clientId=%",
     "application/x-www-form-urlencoded"),
    ("POST", "/oauth/token", b"\x00\x01\x02", "multipart/form-data; boundary=zz"),
    ("GET", PREFIX + "/vkyc/status?enKashCardId=%00%ff&cardAccountId=" + "Z" * 5000, b"", None),
    ("POST", "/__admin/clock/advance", b'{"seconds": 1e400}', "application/json"),
    ("POST", "/__admin/clock/advance", b'{"seconds": NaN}', "application/json"),
    ("PUT", "/__admin/clock", b'{"now": "9999-12-31T23:59:59Z"}', "application/json"),
    ("PUT", "/__admin/clock", b'{"now": "9999-99-99T99:99:99Z"}', "application/json"),
    ("GET", "/../../etc/passwd", b"", None),
    ("DELETE", PREFIX + "/wallet-details", b"", None),
]


@pytest.mark.parametrize(("method", "path", "body", "content_type"), ODD_INPUTS,
                         ids=[f"{m} {p[:40]} {b[:12]!r}" for m, p, b, _ in ODD_INPUTS])
def test_odd_inputs_get_no_stack_trace(live, method, path, body, content_type):
    partner = Partner(live.url).login()
    headers = {**partner.headers(), **({"Content-Type": content_type} if content_type else {})}
    reply = partner.http.request(method, path, content=body, headers=headers)
    partner.http.close()
    assert reply.status_code < 500, reply.text[:300]
    for leak in ("Traceback", 'File "', ".py", "/work/", "site-packages"):
        assert leak not in reply.text, f"{leak!r} in {reply.text[:300]}"
    if reply.headers.get("content-type", "").startswith("application/json"):
        json.loads(reply.text)


def _contracts_cli() -> Path:
    return Path(sys.executable).with_name("enkash-contracts")


_BEARER_WITH_TOKEN = re.compile(r"Bearer\s+[A-Za-z0-9_\-]{12,}")


@pytest.mark.e2e  # starts mock processes of its own
def test_secrets_never_reach_contract_reports(tmp_path):
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    command = [str(_contracts_cli()), "run", "--target", "mock", "--profile", "ci", "--suite", "conformance",
               "--operation", "getWalletDetails", "--max-examples", "5", "--report", str(report),
               "--junit", str(junit)]
    # A planted fault makes the report carry failing requests (with their headers), else it says little.
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ENKASH_MOCK_FAULTS": "drop_kyc_status"})
    written = {"report": report.read_text(), "junit": junit.read_text(), "console": done.stdout + done.stderr}
    assert "curl" in written["report"] + written["junit"], "no failing request in the report: proves nothing"
    for where, text in written.items():
        assert DEMO["password"] not in text and CLIENT_SECRET not in text, where
        assert not _BEARER_WITH_TOKEN.search(text), f"a bearer token reached the {where}"


def _record_flow(mock: LiveMock, recorder_url: str) -> list[str]:
    basic = "Basic " + base64.b64encode(f"{DEMO['clientId']}:{CLIENT_SECRET}".encode()).decode()
    http = httpx.Client(base_url=recorder_url, timeout=30)
    form = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
            "clientId": DEMO["clientId"]}
    issued = http.post("/oauth/token", data=form, headers={"Authorization": basic}).json()
    partner = Partner(recorder_url, DEMO, http)
    partner.token = issued["access_token"]
    wallet = partner.create("7800000001").json()["payload"]["enKashCardId"]
    reference = partner.otp(wallet).json()["payload"]["otpReferenceId"]
    otp = httpx.get(mock.url + "/__admin/otps", params={"enKashCardId": wallet}).json()[-1]["otp"]
    assert partner.min_kyc(wallet, reference, otp).json()["response_code"] == 0
    http.close()
    return [DEMO["password"], CLIENT_SECRET, basic.split()[1], issued["access_token"],
            issued["refresh_token"], otp]


@pytest.mark.e2e  # starts mock processes of its own
def test_secrets_never_reach_recordings(tmp_path):
    output, port = tmp_path / "recorded.yaml", LiveMock(tmp_path).port  # a free port for the recorder
    with LiveMock(tmp_path, db_name="rec.db") as mock:
        recorder = subprocess.Popen(
            [str(_contracts_cli()), "record", "--upstream-auth", mock.url, "--upstream-api", mock.url,
             "--port", str(port), "-o", str(output), "--max-requests", "4"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            assert "recording on" in recorder.stdout.readline()
            secrets = _record_flow(mock, f"http://127.0.0.1:{port}")
            recorder.wait(30)
        finally:
            if recorder.poll() is None:
                recorder.kill()
                recorder.wait()
    recorded = output.read_text()
    assert "min-kyc" in recorded or "minKyc" in recorded, "the recording is incomplete: proves nothing"
    for secret in secrets:
        assert secret not in recorded, "a secret reached the recording"
