"""The one Enkash client of `contracts`: typed calls by operationId, aimed at a Target (mock or UAT).

`transport=` is the seam: an `httpx.WSGITransport(app=...)` serves it in-process, `None` uses the network
(or the target's own in-process app, when it carries one). `http=` hands it a ready `httpx.Client`
instead (its transport, base headers and event hooks: a recorder's, a session's).

Typed calls answer a `Reply` (status and JSON body). Tests that need the whole answer (headers, raw
body) or an odd request (custom headers, a bad token or none, a form) use `send()`/`send_operation()`,
which answer the `httpx.Response` itself.

The bearer token is fetched once, refreshed before it expires and once more when a call is refused
with 401. Admin calls exist only on the mock. A `Pace` keeps the request rate under a cap, as a
real sandbox deserves.
"""

from __future__ import annotations

import base64
import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from .errors import ToolError
from .operations import operation_routes
from .targets import Target

__all__ = [
    "SESSION_HEADER", "TOKEN_PATH", "WALLET_BASE", "EnkashClient", "HarnessError", "Pace", "Reply", "basic_header",
]

TOKEN_PATH = "/oauth/token"
WALLET_BASE = "/api/v0/partner/enKashCard"
SESSION_HEADER = "X-Mock-Session"
Base = Literal["api", "auth", "admin"]  # which of the target's base URLs a request goes to
_EARLY_REFRESH_SECONDS = 60  # as real clients do: never send a token in its last minute


class HarnessError(ToolError):
    """The target cannot be driven (no token, admin API missing, network down): exit code 2."""


class Pace:
    """At most `per_second` requests per second across threads (None: no cap)."""

    def __init__(self, per_second: float | None = None):
        self._interval = 1.0 / per_second if per_second else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self._interval:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            time.sleep(delay)


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any

    @property
    def code(self) -> int | None:
        return self.body.get("response_code") if isinstance(self.body, dict) else None

    @property
    def payload(self) -> Any:
        return self.body.get("payload") if isinstance(self.body, dict) else None

    @property
    def message(self) -> str:
        return str(self.body.get("response_message", "")) if isinstance(self.body, dict) else ""

    def field(self, name: str) -> Any:
        return self.payload.get(name) if isinstance(self.payload, dict) else None


def basic_header(client_id: str, client_secret: str) -> str:
    """`Basic base64(clientId:secret)`, or the docs' `Basic Og==` when no secret is configured."""
    pair = f"{client_id}:{client_secret}" if client_secret else ":"
    return "Basic " + base64.b64encode(pair.encode()).decode()


class EnkashClient:
    def __init__(self, target: Target, *, session: str | None = None, pace: Pace | None = None,
                 timeout: float = 15.0, admin_token: str | None = None,
                 transport: httpx.BaseTransport | None = None, http: httpx.Client | None = None):
        self.target = target
        # a mock served off loopback guards /__admin with a token (enkash-mock serve --admin-token)
        admin_token = admin_token or os.environ.get("ENKASH_MOCK_ADMIN_TOKEN")
        self._admin_headers = {"X-Admin-Token": admin_token} if admin_token else {}
        self.pace = pace or Pace()
        headers = {SESSION_HEADER: session} if session and target.is_mock else {}
        if http is not None:
            http.headers.update(headers)
        if transport is None and target.in_process:
            transport = httpx.WSGITransport(app=target.app)
        self._http = http or httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self._token: dict[str, Any] | None = None
        self._token_expires = 0.0
        self._lock = threading.Lock()
        self.tokens_fetched = 0
        self.token_ttl: int | None = None  # expires_in of the last token

    def close(self) -> None:
        self._http.close()

    # --- OAuth -------------------------------------------------------------------------------
    def request_token(self, form: dict[str, str], authorization: str | None = None,
                      headers: dict[str, str] | None = None) -> httpx.Response:
        """The token endpoint with this form; `authorization` replaces the configured client's Basic header."""
        creds = self.target.credentials
        auth = authorization or basic_header(creds.client_id, creds.client_secret)
        return self.send("POST", TOKEN_PATH, base="auth", data=form, headers={"Authorization": auth, **(headers or {})})

    def password_form(self) -> dict[str, str]:
        creds = self.target.credentials
        return {"username": creds.username, "password": creds.password, "grant_type": "password",
                "clientId": creds.client_id}

    def access_token(self) -> str:
        with self._lock:
            if self._token is None or time.monotonic() >= self._token_expires:
                self._token = self._fetch_token()
                ttl = self.token_ttl = int(self._token.get("expires_in") or 0)
                self._token_expires = time.monotonic() + max(ttl - _EARLY_REFRESH_SECONDS, ttl / 2)
            return self._token["access_token"]

    def invalidate_token(self) -> None:
        with self._lock:
            self._token_expires = 0.0

    def _fetch_token(self) -> dict[str, Any]:
        previous = self._token
        if previous and previous.get("refresh_token"):
            response = self.request_token({"grant_type": "refresh_token", "refresh_token": previous["refresh_token"],
                                           "clientId": self.target.credentials.client_id})
            if response.status_code == 200:
                self.tokens_fetched += 1
                return response.json()
        response = self.request_token(self.password_form())
        if response.status_code != 200:
            raise HarnessError(f"the target refused the configured credentials: HTTP {response.status_code} "
                               f"{_oauth_error(response)}")
        self.tokens_fetched += 1
        return response.json()

    # --- any request ----------------------------------------------------------------------------
    def send(self, method: str, path: str, *, base: Base = "api", json: Any = None, data: Any = None,
             content: bytes | None = None, params: dict | None = None,
             headers: dict[str, str] | None = None) -> httpx.Response:
        """One request to `path` on the target's API, auth or admin base URL, sent as given (the whole
        answer back): a JSON body, a form (`data`) or raw bytes (`content`, with the caller's Content-Type).
        `headers` are all it adds, beside the client's own (session). httpx's errors pass as they are."""
        url = {"api": self.target.api_url, "auth": self.target.auth_url, "admin": self.target.admin_url}[base]
        if base == "admin":  # the mock's own API: not paced (the cap protects a real sandbox)
            headers = {**self._admin_headers, **(headers or {})}
        else:
            self.pace.wait()
        return self._http.request(method, url.rstrip("/") + path, json=json, data=data, content=content,
                                  params=params, headers=headers)

    def send_call(self, method: str, path: str, *, json: Any = None, content: bytes | None = None,
                  params: dict | None = None, token: str | None = None, partner_id: str | None = None,
                  headers: dict[str, str] | None = None) -> httpx.Response:
        """A wallet call with the partner's headers: `token` None is our own (refreshed and retried once
        after a 401), "" sends none, any other is sent as it is; `headers` are added last (they win)."""
        for attempt in range(2):
            bearer = token if token is not None else self.access_token()
            sent = {"partnerId": partner_id or self.target.credentials.partner_id}
            if bearer:
                sent["Authorization"] = f"Bearer {bearer}"
            response = self.send(method, path, json=json, content=content, params=params,
                                 headers={**sent, **(headers or {})})
            if response.status_code == 401 and token is None and attempt == 0:
                self.invalidate_token()
                continue
            return response
        raise AssertionError("unreachable")

    def send_operation(self, operation_id: str, *, body: Any = None, query: dict | None = None,
                       token: str | None = None, partner_id: str | None = None,
                       headers: dict[str, str] | None = None) -> httpx.Response:
        """A bearer operation of openapi.yaml by its operationId (method and path from the spec), whole answer."""
        method, path = operation_routes()[operation_id]
        return self.send_call(method, path, json=body, params=query, token=token, partner_id=partner_id,
                              headers=headers)

    # --- wallet calls --------------------------------------------------------------------------
    def call(self, method: str, path: str, *, json: Any = None, params: dict | None = None,
             token: str | None = None, partner_id: str | None = None) -> Reply:
        """One wallet call; a 401 with our own token refreshes it and retries once."""
        try:
            return _reply(self.send_call(method, path, json=json, params=params, token=token, partner_id=partner_id))
        except httpx.HTTPError as error:
            raise HarnessError(f"{method} {path}: {type(error).__name__}: {error}") from error

    def operation(self, operation_id: str, *, body: Any = None, query: dict | None = None,
                  token: str | None = None, partner_id: str | None = None) -> Reply:
        """Call a bearer operation of openapi.yaml by its operationId (its method and path come from the spec)."""
        method, path = operation_routes()[operation_id]
        return self.call(method, path, json=body, params=query, token=token, partner_id=partner_id)

    def ids(self, wallet_id: str) -> dict[str, str]:
        creds = self.target.credentials
        return {"companyId": creds.company_id, "cardAccountId": creds.card_account_id, "enKashCardId": wallet_id}

    def create_wallet(self, holder: dict[str, Any]) -> Reply:
        creds = self.target.credentials
        return self.operation("createWallet", body={"companyId": creds.company_id,
                                                     "cardAccountId": creds.card_account_id, **holder})

    def update_holder(self, wallet_id: str, changes: dict[str, Any]) -> Reply:
        return self.operation("updateWalletHolder", body={**self.ids(wallet_id), **changes})

    def generate_otp(self, wallet_id: str) -> Reply:
        body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": self.target.credentials.card_account_id,
                "enKashCardId": wallet_id}
        return self.operation("generateOtp", body=body)

    def min_kyc(self, wallet_id: str, reference: str, otp: str) -> Reply:
        body = {**self.ids(wallet_id), "otpReferenceId": reference, "otp": otp}
        return self.operation("minKyc", body=body)

    def wallet_details(self, wallet_id: str, **overrides: str) -> Reply:
        return self.operation("getWalletDetails", body={**self.ids(wallet_id), **overrides})

    def vkyc_link(self, wallet_id: str) -> Reply:
        return self.operation("getVkycLink", query=self.ids(wallet_id))

    def vkyc_status(self, wallet_id: str) -> Reply:
        return self.operation("getVkycStatus", query=self.ids(wallet_id))

    # --- money calls -------------------------------------------------------------------------------
    def top_up(self, wallet_id: str, amount: str, reference: str) -> Reply:
        """A documented top-up (CR from the card account); `amount` a numeric string, never a float."""
        body = {**self.ids(wallet_id), "amount": amount, "transactionType": "CR",
                "uniqueReferenceNumber": reference, "type": "ALLOCATE_FUND", "transactionCode": "ALLOCATION"}
        return self.operation("topUpWallet", body=body)

    def card_account(self) -> Reply:
        creds = self.target.credentials
        return self.operation("getCardAccount", body={"companyId": creds.company_id,
                                                       "cardAccountId": creds.card_account_id})

    def card_balance(self, wallet_id: str) -> Reply:
        return self.operation("getCardBalance", body=self.ids(wallet_id))

    def transactions(self, wallet_id: str, page: int = 0, size: int = 100) -> Reply:
        return self.operation("listTransactions", body={**self.ids(wallet_id), "page": page, "size": size})

    # --- mock admin API (only on the mock) ------------------------------------------------------
    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        if not self.target.is_mock:
            raise HarnessError("the admin API exists only on the mock")
        response = self.send(method, path, base="admin", **kwargs)
        if response.status_code >= 400:
            raise HarnessError(f"admin {method} {path}: HTTP {response.status_code} {response.text[:200]}")
        return response.json()

    def admin_otps(self, wallet_id: str) -> list[dict]:
        return self.admin("GET", "/otps", params={"enKashCardId": wallet_id})

    def set_clock(self, instant_iso: str) -> None:
        self.admin("PUT", "/clock", json={"now": instant_iso})

    def advance_clock(self, seconds: float) -> None:
        self.admin("POST", "/clock/advance", json={"seconds": seconds})

    def vkyc_decision(self, wallet_id: str, outcome: str, reason: str | None = None) -> dict:
        return self.admin("POST", f"/vkyc/{wallet_id}/decision", json={"outcome": outcome, "reason": reason})


def _reply(response: httpx.Response) -> Reply:
    return Reply(response.status_code, _json_or_text(response))


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def _oauth_error(response: httpx.Response) -> str:
    body = _json_or_text(response)
    return str(body.get("error", "")) if isinstance(body, dict) else ""
