"""A tiny Enkash client over Flask's test client, and the seed's well-known values."""

from __future__ import annotations

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

    def headers(self, token: str | None = None, **extra: str) -> dict:
        headers = {"X-Mock-Session": self.session, **extra}
        if token:
            headers.update({"Authorization": f"Bearer {token}", "partnerId": PARTNER})
        return headers

    def token_response(self, username: str = USER, password: str = PASSWORD):
        form = {"username": username, "password": password, "grant_type": "password", "clientId": CLIENT_ID}
        return self.client.post("/oauth/token", data=form, headers=self.headers(Authorization="Basic Og=="))

    def token(self) -> str:
        response = self.token_response()
        assert response.status_code == 200, response.json
        return response.json["access_token"]

    def create_wallet(self, token: str, mobile: str = "6000091111", **extra_headers: str):
        body = {"companyId": COMPANY, "cardAccountId": ACCOUNT, "mobile": mobile, "title": "Mr", "firstName": "Kris",
                "lastName": "Singh", "gender": "M", "email": "kris@example.com", "address": "Flat 109",
                "city": "Kota", "state": "Rajasthan", "country": "India", "pincode": "323307",
                "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}
        return self.client.post(WALLET_PATH, json=body, headers={**self.headers(token), **extra_headers})

    def details(self, token: str, wallet_id: str = WALLET, **extra_headers: str):
        body = {"companyId": COMPANY, "cardAccountId": ACCOUNT, "enKashCardId": wallet_id}
        return self.client.post(f"{WALLET_PATH}/wallet-details", json=body,
                                headers={**self.headers(token), **extra_headers})

    def otp(self, token: str, wallet_id: str = WALLET):
        body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": ACCOUNT, "enKashCardId": wallet_id}
        return self.client.post(f"{WALLET_PATH}/otp", json=body, headers=self.headers(token))

    def admin(self, method: str, path: str, **kwargs):
        headers = {"X-Mock-Session": self.session, **kwargs.pop("headers", {})}
        return self.client.open(f"/__admin{path}", method=method, headers=headers, **kwargs)
