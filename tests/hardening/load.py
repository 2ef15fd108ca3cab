"""A write load that remembers what the server acknowledged, and the check that all of it is still there.

Shared by the kill -9 tests (one server, or one of two replicas) and the database-outage test.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter

import httpx

from .live import Partner

__all__ = ["FIXED_OTP", "Ledger", "check_acknowledged", "client", "ok", "one_flow"]

FIXED_OTP = "123456"


class Ledger:
    """What the server acknowledged, written only after a 200 with response_code 0 arrived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.wallets: set[str] = set()
        self.otps: dict[str, str] = {}  # reference -> wallet
        self.kyc_done: set[str] = set()
        self.statuses: Counter[int] = Counter()  # every answer's HTTP status
        self.unclean: list[str] = []  # answers that were neither a success nor a 503 in the envelope

    def saw(self, reply: httpx.Response) -> httpx.Response:
        with self.lock:
            self.statuses[reply.status_code] += 1
            if reply.status_code != 200 and not _enveloped_503(reply):
                self.unclean.append(f"{reply.status_code} {reply.text[:200]}")
        return reply

    def acknowledged(self) -> int:
        with self.lock:
            return len(self.wallets) + len(self.otps) + len(self.kyc_done)

    def enough(self, wallets: int = 10) -> bool:
        """Far enough to prove something: `wallets` created and at least one min-KYC done."""
        with self.lock:
            return len(self.wallets) >= wallets and bool(self.kyc_done)

    def wait_until(self, condition, least: float, most: float) -> None:
        """Let the load run at least `least` seconds, then until `condition()` or `most` seconds: a busy
        machine (or a database waiting on its disk) gets there later, a quiet one stops early."""
        time.sleep(least)
        deadline = time.monotonic() + most - least
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.05)

    def add(self, bucket: str, key: str, value: str | None = None) -> None:
        with self.lock:
            target = getattr(self, bucket)
            if isinstance(target, set):
                target.add(key)
            else:
                target[key] = value


def _enveloped_503(reply: httpx.Response) -> bool:
    try:
        body = reply.json()
    except ValueError:
        return False
    return (reply.status_code == 503 and isinstance(body, dict) and body.get("response_code") == 503
            and set(body) == {"response_code", "response_message", "payload"})


def ok(reply: httpx.Response) -> dict | None:
    if reply.status_code == 200 and reply.json().get("response_code") == 0:
        return reply.json()["payload"]
    return None


def one_flow(partner: Partner, mobile: str, ledger: Ledger) -> None:
    created = ok(ledger.saw(partner.create(mobile)))
    if created is None:
        return
    wallet = created["enKashCardId"]
    ledger.add("wallets", wallet)
    issued = ok(ledger.saw(partner.otp(wallet)))
    if issued is None:
        return
    ledger.add("otps", issued["otpReferenceId"], wallet)
    if ok(ledger.saw(partner.min_kyc(wallet, issued["otpReferenceId"], FIXED_OTP))) is not None:
        ledger.add("kyc_done", wallet)


def client(url: str, token: str, index: int, ledger: Ledger, stop: threading.Event) -> None:
    partner = Partner(url)
    partner.token = token
    mobiles = (f"7{index}{n:08d}" for n in itertools.count())
    try:
        while not stop.is_set():
            one_flow(partner, next(mobiles), ledger)
    except (httpx.TransportError, ValueError):
        pass  # the server died under us: whatever was acknowledged is in the ledger
    finally:
        partner.http.close()


def check_acknowledged(partner: Partner, ledger: Ledger) -> None:
    """Every write the ledger holds is readable through `partner`."""
    for wallet in ledger.wallets:
        payload = ok(partner.details(wallet))
        assert payload is not None, f"acknowledged wallet {wallet} was lost"
        if wallet in ledger.kyc_done:  # a min-KYC cut off before its answer may or may not have landed
            assert payload["kycStatus"] == "MIN_KYC", f"{wallet}: acknowledged min-KYC was lost"
    for reference, wallet in ledger.otps.items():
        issued = partner.http.get("/__admin/otps", params={"enKashCardId": wallet}).json()
        assert reference in {o["otpReferenceId"] for o in issued}, f"acknowledged OTP {reference} was lost"
