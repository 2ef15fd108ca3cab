"""32 concurrent clients race on the same wallet and OTP, in one worker and in two worker processes,
on SQLite and on PostgreSQL.

Exactly one OTP verification wins; wrong guesses burn an OTP after exactly `otp_max_attempts`;
concurrent creates get unique ids and none is lost; one mobile can be taken only once.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import httpx
import pytest

from ..postgres_support import fresh_schema
from .live import LiveMock, Partner

pytestmark = pytest.mark.e2e

RACERS = 32
CREATES_PER_RACER = 4


@pytest.fixture(scope="module", params=[("sqlite", "1"), ("sqlite", "2"), ("postgres", "1"), ("postgres", "2")],
                ids=["workers1", "workers2", "postgres-workers1", "postgres-workers2"])
def mock(request, tmp_path_factory):
    kind, workers = request.param
    with ExitStack() as stack:
        store = stack.enter_context(fresh_schema()) if kind == "postgres" else None
        yield stack.enter_context(LiveMock(tmp_path_factory.mktemp("race"), "--workers", workers, "--threads", "8",
                                           store=store))


@pytest.fixture(scope="module")
def partner(mock):
    return Partner(mock.url).login()


def _race(partner: Partner, call, count: int = RACERS) -> list[httpx.Response]:
    """Run `call(client)` from `count` clients released at the same instant, each on its own connection."""
    barrier = threading.Barrier(count)

    def one(_):
        with httpx.Client(base_url=partner.url, timeout=60) as http:
            racer = Partner(partner.url, partner.who, http)
            racer.token = partner.token
            barrier.wait()
            return call(racer)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def _new_wallet(partner: Partner, mobile: str) -> str:
    reply = partner.create(mobile).json()
    assert reply["response_code"] == 0, reply
    return reply["payload"]["enKashCardId"]


def _otp_of(mock: LiveMock, wallet: str) -> tuple[str, str]:
    issued = httpx.get(f"{mock.url}/__admin/otps", params={"enKashCardId": wallet}).json()[-1]
    return issued["otpReferenceId"], issued["otp"]


def test_exactly_one_otp_verification_wins(mock, partner):
    wallet = _new_wallet(partner, "7100000001")
    partner.otp(wallet)
    reference, otp = _otp_of(mock, wallet)
    replies = _race(partner, lambda racer: racer.min_kyc(wallet, reference, otp).json())
    codes = Counter(reply["response_code"] for reply in replies)
    assert codes == {0: 1, 1: RACERS - 1}, codes
    assert partner.details(wallet).json()["payload"]["kycStatus"] == "MIN_KYC"


def test_wrong_guesses_burn_the_otp_after_exactly_the_allowed_attempts(mock, partner):
    wallet = _new_wallet(partner, "7100000002")
    partner.otp(wallet)
    reference, otp = _otp_of(mock, wallet)
    wrong = f"{(int(otp) + 1) % 1_000_000:06d}"
    replies = _race(partner, lambda racer: racer.min_kyc(wallet, reference, wrong).json())
    messages = Counter(reply["response_message"].split(";")[0] for reply in replies)
    assert messages == {"Invalid OTP": 3, "OTP attempts exceeded": RACERS - 3}, messages
    burned = partner.min_kyc(wallet, reference, otp).json()  # even the right OTP is dead now
    assert burned["response_message"].startswith("OTP attempts exceeded")


def test_concurrent_creates_get_unique_ids_and_none_is_lost(mock, partner):
    def creates(racer):
        base = 7200000000 + racer_ids.pop() * 100
        return [racer.create(str(base + n)).json() for n in range(CREATES_PER_RACER)]

    racer_ids = list(range(RACERS))  # list.pop is atomic: each racer gets its own block of mobiles
    batches = _race(partner, creates)
    replies = [reply for batch in batches for reply in batch]
    assert all(reply["response_code"] == 0 for reply in replies), [r for r in replies if r["response_code"]][:3]
    ids = [reply["payload"]["enKashCardId"] for reply in replies]
    assert len(set(ids)) == len(ids) == RACERS * CREATES_PER_RACER
    for wallet in ids:
        assert partner.details(wallet).json()["response_code"] == 0, f"created wallet {wallet} is lost"


def test_one_mobile_is_taken_exactly_once(mock, partner):
    replies = _race(partner, lambda racer: racer.create("7300000001").json())
    codes = Counter(reply["response_code"] for reply in replies)
    assert codes == {0: 1, 1: RACERS - 1}, codes
    assert {r["response_message"] for r in replies if r["response_code"] == 1} == {
        "A wallet already exists for this mobile in the card account"}
