"""`kill -9` during a write load loses no acknowledged write (SQLite and PostgreSQL stores).

Load clients record what the server acknowledged (wallets created, OTPs issued, min-KYC done);
the server is SIGKILLed mid-load and restarted on the same file; every acknowledgement must be
readable again. Bounded: a couple of seconds of load from a few clients.
"""

from __future__ import annotations

import itertools
import threading
import time

import httpx
import pytest

from ..postgres_support import fresh_schema
from .live import LiveMock, Partner

pytestmark = pytest.mark.e2e

CLIENTS = 4
LOAD_SECONDS = 1.0
FIXED_OTP = "123456"


class Ledger:
    """What the server acknowledged, written only after a 200 with response_code 0 arrived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.wallets: set[str] = set()
        self.otps: dict[str, str] = {}  # reference -> wallet
        self.kyc_done: set[str] = set()

    def add(self, bucket: str, key: str, value: str | None = None) -> None:
        with self.lock:
            target = getattr(self, bucket)
            if isinstance(target, set):
                target.add(key)
            else:
                target[key] = value


def _ok(reply: httpx.Response) -> dict | None:
    if reply.status_code == 200 and reply.json().get("response_code") == 0:
        return reply.json()["payload"]
    return None


def _one_flow(partner: Partner, mobile: str, ledger: Ledger) -> None:
    created = _ok(partner.create(mobile))
    if created is None:
        return
    wallet = created["enKashCardId"]
    ledger.add("wallets", wallet)
    issued = _ok(partner.otp(wallet))
    if issued is None:
        return
    ledger.add("otps", issued["otpReferenceId"], wallet)
    if _ok(partner.min_kyc(wallet, issued["otpReferenceId"], FIXED_OTP)) is not None:
        ledger.add("kyc_done", wallet)


def _client(url: str, token: str, index: int, ledger: Ledger, stop: threading.Event) -> None:
    partner = Partner(url)
    partner.token = token
    mobiles = (f"7{index}{n:08d}" for n in itertools.count())
    try:
        while not stop.is_set():
            _one_flow(partner, next(mobiles), ledger)
    except (httpx.TransportError, ValueError):
        pass  # the server died under us: whatever was acknowledged is in the ledger
    finally:
        partner.http.close()


def _load_then_kill(mock: LiveMock, token: str) -> Ledger:
    ledger, stop = Ledger(), threading.Event()
    threads = [threading.Thread(target=_client, args=(mock.url, token, i, ledger, stop)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(LOAD_SECONDS)
    mock.kill()  # SIGKILL while clients are mid-request
    stop.set()
    for thread in threads:
        thread.join(30)
    return ledger


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_loses_no_acknowledged_write(tmp_path, workers):
    _sigkill_then_check(tmp_path, workers, store=None)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_loses_no_acknowledged_write_on_postgres(tmp_path, workers):
    with fresh_schema() as store:
        _sigkill_then_check(tmp_path, workers, store=store)


def _sigkill_then_check(tmp_path, workers: str, store: str | None) -> None:
    mock = LiveMock(tmp_path, "--workers", workers, "--fixed-otp", FIXED_OTP, store=store).start()
    try:
        partner = Partner(mock.url).login()
        ledger = _load_then_kill(mock, partner.token)
    finally:
        mock.kill()
    assert len(ledger.wallets) >= 10 and ledger.kyc_done, "the load did not get far enough to prove anything"

    with LiveMock(tmp_path, "--workers", workers, "--fixed-otp", FIXED_OTP, store=store) as again:
        partner.http = httpx.Client(base_url=again.url, timeout=30)  # the token itself must have survived too
        check_acknowledged(partner, ledger)
        partner.http.close()


def check_acknowledged(partner: Partner, ledger: Ledger) -> None:
    """Every write the ledger holds is readable through `partner`."""
    for wallet in ledger.wallets:
        payload = _ok(partner.details(wallet))
        assert payload is not None, f"acknowledged wallet {wallet} was lost"
        if wallet in ledger.kyc_done:  # a min-KYC cut off before its answer may or may not have landed
            assert payload["kycStatus"] == "MIN_KYC", f"{wallet}: acknowledged min-KYC was lost"
    for reference, wallet in ledger.otps.items():
        issued = partner.http.get("/__admin/otps", params={"enKashCardId": wallet}).json()
        assert reference in {o["otpReferenceId"] for o in issued}, f"acknowledged OTP {reference} was lost"
