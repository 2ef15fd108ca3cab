"""A small Enkash wallet client on httpx, as a partner service might write it.

It caches the bearer token, refreshes it shortly before it expires (by its own clock) and, because
clocks drift and servers revoke, also refreshes or logs in again once when a call answers 401.
The two Enkash hosts (auth and wallet) are configured separately, as in the real sandbox.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["API_URL", "AUTH_URL", "AsyncEnkashClient", "Credentials", "EnkashClient", "EnkashError", "TokenCache"]

AUTH_URL = "https://ekpayout-uat.enkash.in"
API_URL = "https://pay-en-uat.enkash.in"
_WALLET = "/api/v0/partner/enKashCard"


class EnkashError(Exception):
    """Enkash refused a call: an HTTP error, or a business failure (HTTP 200, response_code 1)."""

    def __init__(self, message: str, status: int, body: Any = None):
        super().__init__(f"{status}: {message}")
        self.status, self.body = status, body


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str
    client_id: str
    partner_id: str
    company_id: str
    card_account_id: str
    client_secret: str = ""  # Enkash's docs send empty Basic client credentials


class TokenCache:
    """The current token pair; `bearer()` is None when a new token is due (`margin` s before expiry)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, margin: float = 30.0):
        self._clock, self._margin = clock, margin
        self.access: str | None = None
        self.refresh: str | None = None
        self._expires_at = 0.0

    def bearer(self) -> str | None:
        return self.access if self.access and self._clock() < self._expires_at - self._margin else None

    def store(self, body: dict) -> str:
        self.access, self.refresh = body["access_token"], body.get("refresh_token")
        self._expires_at = self._clock() + float(body["expires_in"])
        return self.access

    def expire(self) -> None:
        """The server no longer takes the access token; the refresh token may still work."""
        self.access = None


def _token_request(creds: Credentials, refresh_token: str | None) -> dict:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token} if refresh_token else {
        "grant_type": "password", "username": creds.username, "password": creds.password}
    auth = httpx.BasicAuth(creds.client_id if creds.client_secret else "", creds.client_secret)
    return {"data": {**form, "clientId": creds.client_id}, "auth": auth}


def _payload(response: httpx.Response) -> Any:
    body = response.json()
    if response.status_code != 200 or body.get("response_code") != 0:
        message = body.get("response_message") or body.get("error_description") or response.reason_phrase
        raise EnkashError(message, response.status_code, body)
    return body["payload"]


def _ids(creds: Credentials, wallet_id: str, company: bool = True) -> dict:
    ids = {"cardAccountId": creds.card_account_id, "enKashCardId": wallet_id}
    return {**ids, "companyId": creds.company_id} if company else ids


class _Base:
    def __init__(self, creds: Credentials, http, *, auth_url: str = AUTH_URL, api_url: str = API_URL,
                 clock: Callable[[], float] = time.monotonic):
        self.creds, self.http = creds, http
        self.auth_url, self.api_url = auth_url.rstrip("/"), api_url.rstrip("/")
        self.tokens = TokenCache(clock)

    def _token_attempts(self) -> list[dict]:
        """Refresh first when we hold a refresh token, else (or if that fails) the password grant."""
        attempts = [_token_request(self.creds, None)]
        return [_token_request(self.creds, self.tokens.refresh), *attempts] if self.tokens.refresh else attempts

    def _headers(self, token: str) -> dict:
        return {"Authorization": f"Bearer {token}", "partnerId": self.creds.partner_id}

    def _stored(self, response: httpx.Response) -> str:
        if response.status_code != 200:
            raise EnkashError(response.json().get("error_description", "token refused"), response.status_code)
        return self.tokens.store(response.json())


class EnkashClient(_Base):
    """Blocking client over an `httpx.Client`."""

    def __init__(self, creds: Credentials, http: httpx.Client | None = None, **options: Any):
        super().__init__(creds, http or httpx.Client(timeout=10), **options)

    def token(self) -> str:
        if bearer := self.tokens.bearer():
            return bearer
        for attempt in self._token_attempts():
            response = self.http.post(f"{self.auth_url}/oauth/token", **attempt)
            if response.status_code == 200:
                break
        return self._stored(response)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.http.request(method, self.api_url + path, headers=self._headers(self.token()), **kwargs)
        if response.status_code == 401:  # expired or revoked early: one retry with a new token
            self.tokens.expire()
            response = self.http.request(method, self.api_url + path, headers=self._headers(self.token()), **kwargs)
        return _payload(response)

    def create_wallet(self, holder: dict) -> dict:
        return self.call("POST", _WALLET, json={"companyId": self.creds.company_id,
                                               "cardAccountId": self.creds.card_account_id, **holder})

    def send_otp(self, wallet_id: str) -> str:
        body = {"cardOtpAction": "TRANSACTION_OTP", **_ids(self.creds, wallet_id, company=False)}
        return self.call("POST", f"{_WALLET}/otp", json=body)["otpReferenceId"]

    def min_kyc(self, wallet_id: str, reference: str, otp: str) -> dict:
        body = {**_ids(self.creds, wallet_id), "otpReferenceId": reference, "otp": otp}
        return self.call("POST", f"{_WALLET}/min-kyc", json=body)

    def wallet_details(self, wallet_id: str) -> dict:
        return self.call("POST", f"{_WALLET}/wallet-details", json=_ids(self.creds, wallet_id))

    def onboard(self, holder: dict, read_otp: Callable[[str], str]) -> dict:
        """Create → OTP → minimum KYC → details; `read_otp(wallet_id)` asks the holder for the SMS code."""
        wallet_id = self.create_wallet(holder)["enKashCardId"]
        reference = self.send_otp(wallet_id)
        self.min_kyc(wallet_id, reference, read_otp(wallet_id))
        return self.wallet_details(wallet_id)


class AsyncEnkashClient(_Base):
    """The same over an `httpx.AsyncClient`."""

    def __init__(self, creds: Credentials, http: httpx.AsyncClient | None = None, **options: Any):
        super().__init__(creds, http or httpx.AsyncClient(timeout=10), **options)

    async def token(self) -> str:
        if bearer := self.tokens.bearer():
            return bearer
        for attempt in self._token_attempts():
            response = await self.http.post(f"{self.auth_url}/oauth/token", **attempt)
            if response.status_code == 200:
                break
        return self._stored(response)

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.http.request(method, self.api_url + path, headers=self._headers(await self.token()),
                                           **kwargs)
        if response.status_code == 401:
            self.tokens.expire()
            response = await self.http.request(method, self.api_url + path,
                                               headers=self._headers(await self.token()), **kwargs)
        return _payload(response)

    async def wallet_details(self, wallet_id: str) -> dict:
        return await self.call("POST", f"{_WALLET}/wallet-details", json=_ids(self.creds, wallet_id))

    async def onboard(self, holder: dict, read_otp: Callable[[str], str]) -> dict:
        wallet = await self.call("POST", _WALLET, json={"companyId": self.creds.company_id,
                                                        "cardAccountId": self.creds.card_account_id, **holder})
        wallet_id = wallet["enKashCardId"]
        body = {"cardOtpAction": "TRANSACTION_OTP", **_ids(self.creds, wallet_id, company=False)}
        reference = (await self.call("POST", f"{_WALLET}/otp", json=body))["otpReferenceId"]
        await self.call("POST", f"{_WALLET}/min-kyc",
                        json={**_ids(self.creds, wallet_id), "otpReferenceId": reference, "otp": read_otp(wallet_id)})
        return await self.wallet_details(wallet_id)
