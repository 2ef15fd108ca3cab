"""A thin partner driver over the one Enkash client (`contracts.client.EnkashClient`), served in-process
through Flask's test client (tests/enkash.py); every call answers the Flask test response, as before."""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field
from typing import Any

from contracts.client import WALLET_BASE, EnkashClient
from contracts.operations import operation_routes

from ..enkash import as_flask_json, enkash_client, flask_response
from ..seed import DEMO, OTHER  # noqa: F401 - the tests import both from here

EMPTY_BASIC = {"Authorization": "Basic Og=="}  # what the docs send
IST_WEDNESDAY_11AM = "2026-11-25T11:00:00+05:30"

_mobiles = itertools.count(7000000001)


def basic(client_id: str, secret: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def wallet_body(**changes) -> dict:
    body = {
        "companyId": DEMO["companyId"], "cardAccountId": DEMO["cardAccountId"], "email": "kris@example.com",
        "mobile": str(next(_mobiles)), "title": "Mr", "firstName": "Kris", "lastName": "singh", "gender": "M",
        "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}], "specialDate": "02-09-2001",
        "address": "Flat 109, near Dmart", "address2": "Radha Chowk", "city": "Kota", "state": "Rajasthan",
        "pincode": "323307", "country": "India",
    }
    body.update(changes)
    return body


@dataclass
class Partner:
    """One partner's view of the mock: logs in, then calls wallet operations with its headers.

    `post`/`get` take a path under /api/v0/partner/enKashCard (e.g. "/otp", or a wrong one on purpose)
    or an operationId of openapi.yaml ("generateOtp"); the named calls use operationIds."""

    client: Any  # the Flask test client the calls go through
    who: dict
    token: str | None = None
    enkash: EnkashClient = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.enkash = enkash_client(self.who, flask_client=self.client)

    def login(self, **form) -> Any:
        data = {"username": self.who["username"], "password": self.who["password"], "grant_type": "password",
                "clientId": self.who["clientId"], **form}
        response = flask_response(self.enkash.request_token(data, EMPTY_BASIC["Authorization"]))
        if response.status_code == 200:
            self.token = response.json["access_token"]
        return response

    @property
    def headers(self) -> dict:
        if self.token is None:
            assert self.login().status_code == 200
        return {"Authorization": f"Bearer {self.token}", "partnerId": self.who["partnerId"]}

    def _send(self, method: str, path: str, body: Any = None, query: dict | None = None, **headers: str) -> Any:
        method, path = operation_routes().get(path, (method, WALLET_BASE + path))  # an operationId, or a path
        content, content_type = as_flask_json(self.client, body)
        # token "": this partner's own headers carry its token (tests swap it, drop it, log in again)
        answer = self.enkash.send_call(method, path, content=content, params=query or None, token="",
                                       headers={**self.headers, **content_type, **headers})
        return flask_response(answer)

    def post(self, path: str, body, **headers):
        return self._send("POST", path, body, **headers)

    def get(self, path: str, **query):
        return self._send("GET", path, query=query)

    def create_wallet(self, **changes) -> dict:
        response = self.post("createWallet", wallet_body(**changes))
        assert response.status_code == 200 and response.json["response_code"] == 0, response.json
        return response.json["payload"]

    def ids(self, wallet_id: str) -> dict:
        return {"companyId": self.who["companyId"], "cardAccountId": self.who["cardAccountId"],
                "enKashCardId": wallet_id}

    def details(self, wallet_id: str, path: str = "getWalletDetails"):
        return self.post(path, self.ids(wallet_id))

    def send_otp(self, wallet_id: str) -> str:
        response = self.post("generateOtp", {"cardOtpAction": "TRANSACTION_OTP", "enKashCardId": wallet_id,
                                      "cardAccountId": self.who["cardAccountId"]})
        assert response.json["response_code"] == 0, response.json
        return response.json["payload"]["otpReferenceId"]

    def otp_of(self, reference: str, wallet_id: str) -> str:
        otps = self.enkash.admin_otps(wallet_id)
        return next(item["otp"] for item in otps if item["otpReferenceId"] == reference)

    def min_kyc(self, wallet_id: str, reference: str, otp: str):
        return self.post("minKyc", {**self.ids(wallet_id), "otp": otp, "otpReferenceId": reference})

    def complete_min_kyc(self, wallet_id: str) -> None:
        reference = self.send_otp(wallet_id)
        response = self.min_kyc(wallet_id, reference, self.otp_of(reference, wallet_id))
        assert response.json["payload"]["kycStatus"] == "MIN_KYC", response.json

    def vkyc(self, kind: str, wallet_id: str):
        operation = {"link": "getVkycLink", "status": "getVkycStatus"}.get(kind, f"/vkyc/{kind}")
        return self.get(operation, enKashCardId=wallet_id, cardAccountId=self.who["cardAccountId"])


def wrong_otp(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"
