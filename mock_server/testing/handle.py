"""The handle a test holds: seed wallets, read OTPs, move the clock, decide VKYC, move money, inspect calls.

Everything goes through the mock's admin API (in process or over HTTP), except seeding a wallet,
which the admin API cannot do yet: that writes seed documents through MockState's transaction.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask

from ..kernel.clock import parse_instant
from ..state import DEFAULT_SESSION
from .gateway import Gateway
from .webhooks import Webhooks

__all__ = ["AdminError", "EnkashMock"]

# (method, path, JSON body or None) -> (status, raw body)
AdminTransport = Callable[[str, str, Any], tuple[int, bytes]]


class AdminError(RuntimeError):
    """An admin call the mock refused (the tool was misused, not the API under test)."""


class EnkashMock:
    """Base of the in-process and live handles; `calls` exists only where respx records them."""

    def __init__(self, app: Flask, admin: AdminTransport):
        self.app = app
        self._admin = admin

    @property
    def config(self):
        return self.app.extensions["enkash"].config

    @property
    def webhooks(self) -> Webhooks:
        """Endpoints, test events, the delivery log and in-process receiving (testing/webhooks.py)."""
        if getattr(self, "_webhooks", None) is None:
            self._webhooks = Webhooks(self, getattr(self, "router", None))
        return self._webhooks

    @property
    def gateway(self) -> Gateway:
        """Add Money orders: list them, and pay, fail, abandon or expire one (testing/gateway.py)."""
        return Gateway(self)

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        """Any /__admin call, e.g. `admin("GET", "/__admin/health")`; non-2xx raises AdminError."""
        status, raw = self._admin(method, path, body)
        if status >= 400:
            raise AdminError(f"{method} {path} -> {status}: {_message(raw)}")
        return json.loads(raw) if raw else None

    def reset(self) -> None:
        """Back to the seed (wallets, OTPs, tokens) with real time."""
        self.admin("POST", "/__admin/reset")

    # --- the clock -------------------------------------------------------------------------------
    def freeze(self, at: str | datetime) -> datetime:
        """Stop the mock's clock at an instant (ISO-8601 text or an aware datetime)."""
        text = at.isoformat() if isinstance(at, datetime) else str(at)
        return _instant(self.admin("PUT", "/__admin/clock", {"now": text}))

    def advance(self, seconds: float | timedelta) -> datetime:
        """Move the mock's clock forward (tokens, OTPs and VKYC links expire on it)."""
        if isinstance(seconds, timedelta):
            seconds = seconds.total_seconds()
        return _instant(self.admin("POST", "/__admin/clock/advance", {"seconds": seconds}))

    def now(self) -> datetime:
        return _instant(self.admin("GET", "/__admin/clock"))

    def real_time(self) -> datetime:
        """Undo `freeze`/`advance`."""
        return _instant(self.admin("DELETE", "/__admin/clock"))

    # --- what reached the mock -------------------------------------------------------------------
    def requests(self, operation: str | None = None) -> list[dict]:
        """Requests the mock answered in its default session, oldest first, secrets masked (its journal:
        `operationId`, `status`, `requestHeaders`, `requestBody`, `responseBody`, …). Works over HTTP for
        the live handle too; the in-process handle's `calls` also keeps the httpx objects."""
        query = {"session": DEFAULT_SESSION, **({"operation": operation} if operation else {})}
        return list(reversed(self.admin("GET", f"/__admin/requests?{urlencode(query)}")["requests"]))

    # --- OTPs, VKYC, T&C ----------------------------------------------------------------------------
    def otps(self, wallet_id: str) -> list[dict]:
        """OTPs issued for a wallet, newest last: otpReferenceId, otp, state, attempts, expiresAt…"""
        return self.admin("GET", f"/__admin/otps?enKashCardId={quote(wallet_id)}")

    def latest_otp(self, wallet_id: str) -> str:
        """The OTP the holder would have received by SMS most recently."""
        issued = self.otps(wallet_id)
        if not issued:
            raise AssertionError(f"no OTP was generated for wallet {wallet_id}")
        return issued[-1]["otp"]

    def approve_vkyc(self, wallet_id: str) -> dict:
        return self.admin("POST", f"/__admin/vkyc/{wallet_id}/decision", {"outcome": "APPROVED"})

    def reject_vkyc(self, wallet_id: str, reason: str = "rejected in test") -> dict:
        return self.admin("POST", f"/__admin/vkyc/{wallet_id}/decision", {"outcome": "REJECTED", "reason": reason})

    def accept_tnc(self, wallet_id: str) -> dict:
        return self.admin("POST", f"/__admin/tnc/{wallet_id}/accept")

    # --- money (mock_server/funds) ------------------------------------------------------------------
    def fund_account(self, card_account_id: str, amount: str | int | Decimal) -> Decimal:
        """Prefund a card account (rupees, at most two decimals); returns its new available balance."""
        funded = self.admin("POST", f"/__admin/card-accounts/{quote(card_account_id)}/fund", {"amount": str(amount)})
        return _rupees(funded["availableBalance"])

    def balance(self, wallet_id: str) -> Decimal:
        """A wallet's otbBalance, exactly."""
        return _rupees(self.admin("GET", f"/__admin/wallets/{quote(wallet_id)}/transactions?limit=0")["otbBalance"])

    def transactions(self, wallet_id: str) -> list[dict]:
        """Every transaction of a wallet, newest first, as transaction/all shows them."""
        return self.admin("GET", f"/__admin/wallets/{quote(wallet_id)}/transactions")["transactions"]

    def settle(self, merchant_unique_txn_id: str, status: str = "SETTLED") -> dict:
        """Force a merchant debit's settlement status; PENDING_WITH_BANK then REFUND refunds it."""
        return self.admin("PUT", f"/__admin/settlements/{quote(merchant_unique_txn_id)}", {"status": status})

    def add_merchant(self, name: str = "Test Merchant", *, partner_id: str | None = None,
                     merchant_id: str | None = None) -> str:
        """Onboard a merchant for a partner of the seed (the first by default); returns its merchantDetailId."""
        body = {"partnerId": self.partner(partner_id)["partnerId"], "name": name,
                **({"merchantDetailId": merchant_id} if merchant_id else {})}
        return self.admin("POST", "/__admin/merchants", body)["merchantDetailId"]

    # --- IMPS fund transfers (mock_server/api/payouts; docs/transfers.md) ---------------------------------
    def transfers(self, wallet_id: str | None = None, status: str | None = None) -> list[dict]:
        """Transfers of the session, oldest first, with their `history` of statuses and `outcome`."""
        query = {key: value for key, value in (("enKashCardId", wallet_id), ("status", status)) if value}
        return self.admin("GET", "/__admin/transfers" + (f"?{urlencode(query)}" if query else ""))["transfers"]

    def force_transfer(self, transaction_id: str, status: str, reason: str | None = None) -> dict:
        """Move a transfer now (SUCCESS, FAILED or REVERSED), with its money and its webhook."""
        return self.admin("PUT", f"/__admin/transfers/{quote(transaction_id)}", {"status": status, "reason": reason})

    def beneficiary_outcome(self, wallet_id: str, beneficiary_id: str, outcome: str,
                            reason: str | None = None) -> dict:
        """What the beneficiary's next transfers do: "SUCCESS" (default), "FAIL" or "REVERSE"."""
        path = f"/__admin/beneficiaries/{quote(wallet_id)}/{quote(beneficiary_id)}/outcome"
        return self.admin("PUT", path, {"outcome": outcome, "reason": reason})

    # --- runtime faults (mock_server/simulation/faults.py) ----------------------------------------------------
    def fault(self, *rules: dict, **rule: Any) -> Any:
        """Replace the runtime fault rules (PUT /__admin/faults), e.g.
        `fault(operationId="createWallet", kind="status", status=503, nthCall=1)`; `fault()` clears them."""
        return self.admin("PUT", "/__admin/faults", {"rules": [*rules, rule] if rule else list(rules)})

    # --- seed data -----------------------------------------------------------------------------------
    def partner(self, partner_id: str | None = None) -> dict:
        """A partner of the seed (the first by default), with its users, as the seed file wrote it."""
        partners = self.app.extensions["enkash"].seed["partners"]
        for partner in partners:
            if partner_id in (None, partner["partnerId"]):
                return partner
        raise KeyError(f"no partner {partner_id!r} in the seed; have {[p['partnerId'] for p in partners]}")

    def seed_wallet(self, holder: dict | None = None, *, partner_id: str | None = None, **fields: Any) -> str:
        """Add a wallet as a seed file would; returns its enKashCardId.

        `holder` overrides fields of a valid default holder (a fresh mobile each time); `fields` may set
        enKashCardId, cardAccountId, userId, kycStatus, last4, latestTncVersionAccepted.
        """
        partner = self.partner(partner_id)
        wallet = {"enKashCardId": fields.pop("enKashCardId", None) or _new_id("EKC", 7),
                  "userId": fields.pop("userId", None) or _new_id("EK", 6),
                  "cardAccountId": fields.pop("cardAccountId", partner["cardAccountIds"][0]),
                  "holder": {**_default_holder(), **(holder or {})}, **fields}
        with self.app.extensions["enkash"].world(DEFAULT_SESSION) as world:
            state = self.app.extensions["enkash"]
            alone = {**partner, "users": [], "wallets": [wallet], "payments": []}
            docs = state.seed_documents({"partners": [alone]}, world.now)
            taken = [key for kind in ("wallet", "mobile") for key in docs[kind] if world.tx.get(kind, key)]
            if taken:
                raise AdminError(f"cannot seed wallet: {', '.join(taken)} already exist(s)")
            for kind in ("wallet", "mobile"):
                for key, value in docs[kind].items():
                    world.tx.put(kind, key, value)
        return wallet["enKashCardId"]

def _rupees(value: float) -> Decimal:
    """The exact amount a JSON number stands for (its shortest repr is the decimal text the mock wrote)."""
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def _instant(clock_view: dict) -> datetime:
    return datetime.fromtimestamp(parse_instant(clock_view["now"]), UTC)


def _message(raw: bytes) -> str:
    try:
        body = json.loads(raw)
    except ValueError:
        return raw[:200].decode(errors="replace")
    return body.get("response_message", body) if isinstance(body, dict) else str(body)


def _new_id(prefix: str, length: int) -> str:
    from ..kernel.ids import new_id

    return new_id(prefix, length, lambda candidate: False)


def _default_holder() -> dict:
    """A holder the spec accepts; the mobile is fresh so seeded wallets never collide."""
    return {"title": "Mr", "firstName": "Seeded", "lastName": "Holder", "gender": "M",
            "email": "seeded.holder@example.com", "mobile": f"7{secrets.randbelow(10**9):09d}",
            "specialDate": "01-01-1990", "address": "1 Test Street", "city": "Pune", "state": "Maharashtra",
            "country": "India", "pincode": "411001", "documents": [{"docType": "PAN", "docNo": "ABCPE1234F"}]}
