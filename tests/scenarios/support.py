"""A QA-like session against the mock (token, wallet with PII, OTP, min KYC, details, refresh),
kept as (request, response) pairs so tests can write it as HAR or send it through the recorder."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from ..seed import CLIENT_SECRET, DEMO

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = sorted((ROOT / "scenarios").glob("*.yaml"))
SECRETS = {"password": DEMO["password"], "client_secret": CLIENT_SECRET}

USERNAME, PASSWORD, CLIENT_ID = DEMO["username"], DEMO["password"], DEMO["clientId"]
PII = {"mobile": "9876501234", "email": "neha.rao@example.org", "pan": "ABCDE1234F", "firstName": "Nehalika",
       "lastName": "Raomurthy", "specialDate": "14-03-1991", "address": "12 Gulmohar Lane"}
IDS = {name: DEMO[name] for name in ("partnerId", "companyId", "cardAccountId")}


def run_session(client: httpx.Client) -> dict[str, str]:
    """Drive one onboarding session through CLIENT; returns every secret value that was used."""
    token = client.post("/oauth/token", headers={"Authorization": "Basic Og=="}, data={
        "username": USERNAME, "password": PASSWORD, "grant_type": "password", "clientId": CLIENT_ID}).json()
    auth = {"Authorization": f"Bearer {token['access_token']}", "partnerId": IDS["partnerId"]}
    ids = {"companyId": IDS["companyId"], "cardAccountId": IDS["cardAccountId"]}
    wallet = client.post("/api/v0/partner/enKashCard", headers=auth, json={
        **ids, "email": PII["email"], "mobile": PII["mobile"], "title": "Ms", "firstName": PII["firstName"],
        "lastName": PII["lastName"], "specialDate": PII["specialDate"], "gender": "F",
        "documents": [{"docType": "PAN", "docNo": PII["pan"]}], "address": PII["address"], "city": "Pune",
        "state": "MH", "pincode": "411001", "country": "India"}).json()["payload"]["enKashCardId"]
    ref = client.post("/api/v0/partner/enKashCard/otp", headers=auth, json={
        "cardOtpAction": "TRANSACTION_OTP", "cardAccountId": ids["cardAccountId"], "enKashCardId": wallet,
    }).json()["payload"]["otpReferenceId"]
    otp = client.get("/__admin/otps", params={"enKashCardId": wallet}).json()[-1]["otp"]
    kyc = client.post("/api/v0/partner/enKashCard/min-kyc", headers=auth, json={
        **ids, "enKashCardId": wallet, "otp": otp, "otpReferenceId": ref}).json()
    assert kyc["response_code"] == 0, kyc  # the session itself must be a good one
    client.post("/api/v0/partner/enKashCard/wallet-details", headers=auth, json={**ids, "enKashCardId": wallet})
    basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()  # real client creds
    refreshed = client.post("/oauth/token", headers={"Authorization": basic}, data={
        "grant_type": "refresh_token", "refresh_token": token["refresh_token"]}).json()
    client.post("/api/v0/partner/enKashCard/wallet-details", json={**ids, "enKashCardId": wallet},
                headers={**auth, "Authorization": f"Bearer {refreshed['access_token']}"})
    return {"password": PASSWORD, "access_token": token["access_token"], "refresh_token": token["refresh_token"],
            "second_access_token": refreshed["access_token"], "otp": otp, "username": USERNAME,
            "basic_header": basic, "client_secret": CLIENT_SECRET, **PII}


SESSION_REQUESTS = 8  # requests run_session sends (including the admin OTP read)


def run_lockout(client: httpx.Client) -> dict[str, str]:
    """Three wrong passwords, then the right one: refused, the user is locked."""
    form = {"username": "6009990001", "grant_type": "password", "clientId": "CEKQ7TST22"}
    for wrong in ("Wrong@1", "Wrong@2", "Wrong@3"):
        client.post("/oauth/token", headers={"Authorization": "Basic Og=="}, data={**form, "password": wrong})
    locked = client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                         data={**form, "password": "Other@1234567"})
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
