"""The benchmarked calls (token, create-wallet, wallet-details) and the set-up they need."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from wrkload import Scenario

__all__ = ["PARTNER_ID", "check_success", "fetch_token", "scenarios"]

PARTNER_ID = "CRM338L2H"
TOKEN_FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password",
              "clientId": "CEKHZH0UHW"}
SEED_WALLETS = ["EKCWLUAADN", "EKCBEFFEC1"]
_CREATE = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "email": "bench@example.com",
           "mobile": "{mobile}", "title": "Mr", "firstName": "Bench", "lastName": "Mark", "gender": "M",
           "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}], "specialDate": "02-09-2001",
           "address": "Flat 109", "address2": "Radha Chowk", "city": "Kota", "state": "Rajasthan",
           "pincode": "323307", "country": "India"}
_DETAILS = {"enKashCardId": "{wallet}", "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}


def _post(url: str, path: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url + path, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.status, json.loads(reply.read())


def fetch_token(url: str) -> str:
    body = urllib.parse.urlencode(TOKEN_FORM).encode()
    _, reply = _post(url, "/oauth/token", body, {"Authorization": "Basic Og==",
                                                   "Content-Type": "application/x-www-form-urlencoded"})
    return reply["access_token"]


def scenarios(token: str, wallets: list[str] | None = None) -> dict[str, Scenario]:
    wallet_headers = {"Authorization": f"Bearer {token}", "partnerId": PARTNER_ID,
                      "Content-Type": "application/json"}
    return {
        "token": Scenario("token", "/oauth/token",
                          {"Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded"},
                          urllib.parse.urlencode(TOKEN_FORM)),
        "create-wallet": Scenario("create-wallet", "/api/v0/partner/enKashCard", wallet_headers, json.dumps(_CREATE)),
        "wallet-details": Scenario("wallet-details", "/api/v0/partner/enKashCard/wallet-details", wallet_headers,
                                   json.dumps(_DETAILS), wallets or SEED_WALLETS),
    }


def check_success(url: str, scenario: Scenario, mobile: str = "7999999999") -> None:
    """One request of the scenario must succeed for real (response_code 0), or the numbers mean nothing.
    Replicas sharing one database each need their own `mobile`: a second create of one is refused."""
    body = scenario.body.replace("{mobile}", mobile).replace("{wallet}", (scenario.wallets or [""])[0])
    status, reply = _post(url, scenario.path, body.encode(), scenario.headers)
    if status != 200 or reply.get("response_code", 0) != 0:
        raise RuntimeError(f"{scenario.name} does not succeed against {url}: {status} {reply}")
