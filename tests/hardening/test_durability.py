"""`kill -9` during a write load loses no acknowledged write (SQLite and PostgreSQL stores).

Load clients record what the server acknowledged (wallets created, OTPs issued, min-KYC done);
the server is SIGKILLed mid-load and restarted on the same file; every acknowledgement must be
readable again. Bounded: a couple of seconds of load from a few clients.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from ..postgres_support import fresh_schema
from .live import LiveMock, Partner
from .load import FIXED_OTP, Ledger, check_acknowledged, client

pytestmark = pytest.mark.e2e

CLIENTS = 4
LOAD_SECONDS = 1.0
MAX_LOAD_SECONDS = 20.0  # a loaded machine: keep going until the ledger holds enough to prove anything


def _load_then_kill(mock: LiveMock, token: str) -> Ledger:
    ledger, stop = Ledger(), threading.Event()
    threads = [threading.Thread(target=client, args=(mock.url, token, i, ledger, stop)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    ledger.wait_until(ledger.enough, LOAD_SECONDS, MAX_LOAD_SECONDS)
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
    assert ledger.enough(), "the load did not get far enough to prove anything"

    with LiveMock(tmp_path, "--workers", workers, "--fixed-otp", FIXED_OTP, store=store) as again:
        partner.http = httpx.Client(base_url=again.url, timeout=30)  # the token itself must have survived too
        check_acknowledged(partner, ledger)
        partner.http.close()

