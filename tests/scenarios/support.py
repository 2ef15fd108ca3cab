"""A QA-like session against the mock (token, wallet with PII, OTP, min KYC, details, refresh),
kept as (request, response) pairs so tests can write it as HAR or send it through the recorder."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from contracts.client import EnkashClient

from ..enkash import enkash_client
from ..seed import CLIENT_SECRET, DEMO, OTHER

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = sorted((ROOT / "scenarios").glob("*.yaml"))
SECRETS = {"password": DEMO["password"], "client_secret": CLIENT_SECRET}

USERNAME, PASSWORD, CLIENT_ID = DEMO["username"], DEMO["password"], DEMO["clientId"]
PII = {"mobile": "9876501234", "email": "neha.rao@example.org", "pan": "ABCDE1234F", "firstName": "Nehalika",
       "lastName": "Raomurthy", "specialDate": "14-03-1991", "address": "12 Gulmohar Lane"}
IDS = {name: DEMO[name] for name in ("partnerId", "companyId", "cardAccountId")}


def _enkash(client: httpx.Client, who: dict = DEMO) -> EnkashClient:
    """The one Enkash client, sending through CLIENT (its base URL, session header and event hooks)."""
    return enkash_client(who, http=client)


def run_session(client: httpx.Client) -> dict[str, str]:
    """Drive one onboarding session through CLIENT; returns every secret value that was used."""
    enkash = _enkash(client)
    token = enkash.request_token({"username": USERNAME, "password": PASSWORD, "grant_type": "password",
                                  "clientId": CLIENT_ID}, "Basic Og==").json()
    auth = {"Authorization": f"Bearer {token['access_token']}", "partnerId": IDS["partnerId"]}

    def call(operation_id: str, body: dict, headers: dict = auth) -> httpx.Response:
        return enkash.send_operation(operation_id, body=body, token="", headers=headers)  # these headers only

    ids = {"companyId": IDS["companyId"], "cardAccountId": IDS["cardAccountId"]}
    wallet = call("createWallet", {
        **ids, "email": PII["email"], "mobile": PII["mobile"], "title": "Ms", "firstName": PII["firstName"],
        "lastName": PII["lastName"], "specialDate": PII["specialDate"], "gender": "F",
        "documents": [{"docType": "PAN", "docNo": PII["pan"]}], "address": PII["address"], "city": "Pune",
        "state": "MH", "pincode": "411001", "country": "India"}).json()["payload"]["enKashCardId"]
    ref = call("generateOtp", {
        "cardOtpAction": "TRANSACTION_OTP", "cardAccountId": ids["cardAccountId"], "enKashCardId": wallet,
    }).json()["payload"]["otpReferenceId"]
    otp = enkash.send("GET", "/otps", base="admin", params={"enKashCardId": wallet}).json()[-1]["otp"]
    kyc = call("minKyc", {**ids, "enKashCardId": wallet, "otp": otp, "otpReferenceId": ref}).json()
    assert kyc["response_code"] == 0, kyc  # the session itself must be a good one
    call("getWalletDetails", {**ids, "enKashCardId": wallet})
    basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()  # real client creds
    refreshed = enkash.request_token({"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
                                     basic).json()
    call("getWalletDetails", {**ids, "enKashCardId": wallet},
         headers={**auth, "Authorization": f"Bearer {refreshed['access_token']}"})
    return {"password": PASSWORD, "access_token": token["access_token"], "refresh_token": token["refresh_token"],
            "second_access_token": refreshed["access_token"], "otp": otp, "username": USERNAME,
            "basic_header": basic, "client_secret": CLIENT_SECRET, **PII}


SESSION_REQUESTS = 8  # requests run_session sends (including the admin OTP read)


def run_lockout(client: httpx.Client) -> dict[str, str]:
    """Three wrong passwords, then the right one: refused, the user is locked."""
    enkash = _enkash(client, OTHER)
    form = {"username": "6009990001", "grant_type": "password", "clientId": "CEKQ7TST22"}
    for wrong in ("Wrong@1", "Wrong@2", "Wrong@3"):
        enkash.request_token({**form, "password": wrong}, "Basic Og==")
    locked = enkash.request_token({**form, "password": "Other@1234567"}, "Basic Og==")
    assert locked.json()["error_description"] == "User account is locked"
    return {"password": "Other@1234567", "username": "6009990001"}


def har_of_session(base_url: str, session: str, *, real_hosts: bool = True,
                   drive=run_session) -> tuple[dict, dict[str, str]]:
    """Run the session and return it as a HAR (URLs on the real Enkash UAT hosts, Postman-like headers)."""
    entries: list[dict] = []

    def keep(response: httpx.Response) -> None:
        response.read()
        entries.append(_entry(response, base_url, real_hosts))

    with httpx.Client(base_url=base_url, headers={"X-Mock-Session": session, "Postman-Token": "abc-123"},
                      event_hooks={"response": [keep]}) as client:
        used = drive(client)
    return {"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}}, used


def _entry(response: httpx.Response, base_url: str, real_hosts: bool) -> dict:
    request = response.request
    url = str(request.url)
    if real_hosts:
        host = "https://ekpayout-uat.enkash.in" if request.url.path == "/oauth/token" else "https://pay-en-uat.enkash.in"
        url = url.replace(base_url, host)
    content_type = request.headers.get("content-type", "")
    post = {"mimeType": content_type, "text": request.content.decode()} if request.content else None
    entry = {
        "request": {"method": request.method, "url": url,
                    "headers": [{"name": k, "value": v} for k, v in request.headers.items()],
                    "queryString": [{"name": k, "value": v} for k, v in request.url.params.multi_items()]},
        "response": {"status": response.status_code, "headers": [],
                     "content": {"mimeType": "application/json", "text": response.text}},
    }
    if post:
        entry["request"]["postData"] = post
    return entry
