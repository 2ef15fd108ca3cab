"""A tiny Enkash driver over the one Enkash client (`contracts.client.EnkashClient`), served in-process
through Flask's test client (tests/enkash.py), and the seed's well-known values. Every call answers the
Flask test response, as before."""

from __future__ import annotations

from typing import Any

from contracts.operations import operation_routes

from ..enkash import as_flask_json, enkash_client, flask_response
from ..seed import DEMO

PARTNER, COMPANY, ACCOUNT = DEMO["partnerId"], DEMO["companyId"], DEMO["cardAccountId"]
CLIENT_ID = DEMO["clientId"]
USER, PASSWORD = DEMO["username"], DEMO["password"]
WALLET = "EKCBEFFEC1"
WALLET_PATH = "/api/v0/partner/enKashCard"


class Api:
    """One session's view of the mock, through Flask's test client."""

    def __init__(self, client, session: str = "default"):
        self.client = client
        self.session = session
        self.enkash = enkash_client(DEMO, flask_client=client, session=session)

    def headers(self, token: str | None = None, **extra: str) -> dict:
        headers = {"X-Mock-Session": self.session, **extra}
        if token:
            headers.update({"Authorization": f"Bearer {token}", "partnerId": PARTNER})
        return headers

    def token_response(self, username: str = USER, password: str = PASSWORD):
        form = {"username": username, "password": password, "grant_type": "password", "clientId": CLIENT_ID}
        return flask_response(self.enkash.request_token(form, "Basic Og=="))

    def token(self) -> str:
        response = self.token_response()
        assert response.status_code == 200, response.json
        return response.json["access_token"]

    def _operation(self, operation_id: str, token: str, body: dict, **extra_headers: str):
        content, content_type = as_flask_json(self.client, body)
        # the caller's token as it is ("" or None: none), with the headers `headers()` gives it
        answer = self.enkash.send_call(*operation_routes()[operation_id], content=content, token="",
                                       headers={**self.headers(token), **content_type, **extra_headers})
        return flask_response(answer)

    def create_wallet(self, token: str, mobile: str = "6000091111", **extra_headers: str):
        body = {"companyId": COMPANY, "cardAccountId": ACCOUNT, "mobile": mobile, "title": "Mr", "firstName": "Kris",
                "lastName": "Singh", "gender": "M", "email": "kris@example.com", "address": "Flat 109",
                "city": "Kota", "state": "Rajasthan", "country": "India", "pincode": "323307",
                "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}
        return self._operation("createWallet", token, body, **extra_headers)

    def details(self, token: str, wallet_id: str = WALLET, **extra_headers: str):
        body = {"companyId": COMPANY, "cardAccountId": ACCOUNT, "enKashCardId": wallet_id}
        return self._operation("getWalletDetails", token, body, **extra_headers)

    def otp(self, token: str, wallet_id: str = WALLET):
        body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": ACCOUNT, "enKashCardId": wallet_id}
        return self._operation("generateOtp", token, body)

    def complete_min_kyc(self, token: str, wallet_id: str = WALLET) -> None:
        """OTP-based minimum KYC, the step before video KYC."""
        reference = self.otp(token, wallet_id).json["payload"]["otpReferenceId"]
        otps = self.admin("GET", "/otps", query_string={"enKashCardId": wallet_id}).json
        otp = next(item["otp"] for item in otps if item["otpReferenceId"] == reference)
        body = {"companyId": COMPANY, "cardAccountId": ACCOUNT, "enKashCardId": wallet_id,
                "otpReferenceId": reference, "otp": otp}
        done = self._operation("minKyc", token, body)
        assert done.json["payload"]["kycStatus"] == "MIN_KYC", done.json

    def admin(self, method: str, path: str, *, json: Any = None, query_string: dict | None = None,
              headers: dict | None = None):
        """The admin API, with the Flask test client's keywords (`json=`, `query_string=`, `headers=`)."""
        content, content_type = as_flask_json(self.client, json)
        answer = self.enkash.send(method, path, base="admin", content=content, params=query_string,
                                  headers={"X-Mock-Session": self.session, **content_type, **(headers or {})})
        return flask_response(answer)
