"""A thin driver over Flask's test client that speaks the Enkash API like a partner would."""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass

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
    """One partner's view of the mock: logs in, then calls wallet operations with its headers."""

    client: object
    who: dict
    token: str | None = None

    def login(self, **form) -> object:
        data = {"username": self.who["username"], "password": self.who["password"], "grant_type": "password",
                "clientId": self.who["clientId"], **form}
        response = self.client.post("/oauth/token", data=data, headers=EMPTY_BASIC)
        if response.status_code == 200:
            self.token = response.json["access_token"]
        return response

    @property
    def headers(self) -> dict:
        if self.token is None:
            assert self.login().status_code == 200
        return {"Authorization": f"Bearer {self.token}", "partnerId": self.who["partnerId"]}

    def post(self, path: str, body, **headers):
        return self.client.post(f"/api/v0/partner/enKashCard{path}", json=body, headers={**self.headers, **headers})

    def get(self, path: str, **query):
        return self.client.get(f"/api/v0/partner/enKashCard{path}", query_string=query, headers=self.headers)

    def create_wallet(self, **changes) -> dict:
        response = self.post("", wallet_body(**changes))
        assert response.status_code == 200 and response.json["response_code"] == 0, response.json
        return response.json["payload"]

    def ids(self, wallet_id: str) -> dict:
        return {"companyId": self.who["companyId"], "cardAccountId": self.who["cardAccountId"],
                "enKashCardId": wallet_id}

    def details(self, wallet_id: str, path: str = "/wallet-details"):
        return self.post(path, self.ids(wallet_id))

    def send_otp(self, wallet_id: str) -> str:
        response = self.post("/otp", {"cardOtpAction": "TRANSACTION_OTP", "enKashCardId": wallet_id,
                                      "cardAccountId": self.who["cardAccountId"]})
        assert response.json["response_code"] == 0, response.json
        return response.json["payload"]["otpReferenceId"]

    def otp_of(self, reference: str, wallet_id: str) -> str:
        otps = self.client.get("/__admin/otps", query_string={"enKashCardId": wallet_id}).json
        return next(item["otp"] for item in otps if item["otpReferenceId"] == reference)

    def min_kyc(self, wallet_id: str, reference: str, otp: str):
        return self.post("/min-kyc", {**self.ids(wallet_id), "otp": otp, "otpReferenceId": reference})

    def complete_min_kyc(self, wallet_id: str) -> None:
        reference = self.send_otp(wallet_id)
        response = self.min_kyc(wallet_id, reference, self.otp_of(reference, wallet_id))
        assert response.json["payload"]["kycStatus"] == "MIN_KYC", response.json

    def vkyc(self, kind: str, wallet_id: str):
        return self.get(f"/vkyc/{kind}", enKashCardId=wallet_id, cardAccountId=self.who["cardAccountId"])


def wrong_otp(right: str) -> str:
    return f"{(int(right) + 1) % 1_000_000:06d}"
