"""Two `enkash-mock serve` replicas on one PostgreSQL database are one sandbox.

A whole onboarding alternates between them and both read one journal; kill -9 of one replica under
write load loses no acknowledged write while the other keeps serving; with PostgreSQL stopped under
load every answer is a success or a 503 in the envelope, and the replicas recover by themselves.
Bounded: about two seconds of load per test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from ..postgres_support import control_postgres, fresh_schema
from .live import LiveMock, Partner
from .load import FIXED_OTP, Ledger, check_acknowledged, client

pytestmark = pytest.mark.e2e

PREFIX = "/api/v0/partner/enKashCard"
WEDNESDAY_11_IST = "2026-11-25T11:00:00+05:30"  # VKYC opens 10:00-18:00 IST on working days


@contextmanager
def _two_replicas(directory: Path, *args: str) -> Iterator[tuple[LiveMock, LiveMock]]:
    """Two replicas of two workers each on one fresh database, no instance secret given: they share the
    one the database keeps."""
    with ExitStack() as stack:
        store = stack.enter_context(fresh_schema())
        one, two = (stack.enter_context(LiveMock(directory, "--workers", "2", *args, store=store, log_name=name))
                    for name in ("one.log", "two.log"))
        yield one, two
        for replica in (one, two):
            assert "Traceback" not in replica.log(), replica.log()[-3000:]


@pytest.fixture
def replicas(tmp_path) -> Iterator[tuple[LiveMock, LiveMock]]:
    """Random OTPs: a replica can verify only what it derives with the secret both share."""
    with _two_replicas(tmp_path) as both:
        yield both


@pytest.fixture
def loaded_replicas(tmp_path) -> Iterator[tuple[LiveMock, LiveMock]]:
    """A fixed OTP, so load clients need not read it from the admin API."""
    with _two_replicas(tmp_path, "--fixed-otp", FIXED_OTP) as both:
        yield both


def _alternate(one: LiveMock, two: LiveMock) -> Iterator[LiveMock]:
    while True:
        yield one
        yield two


def test_a_whole_onboarding_alternates_between_replicas_and_reads_one_journal(replicas):
    one, two = replicas
    httpx.delete(two.url + "/__admin/requests").raise_for_status()
    turn = _alternate(one, two)
    partner = Partner(next(turn).url).login()  # token from one
    calls = [("getToken", one)]

    def call(operation: str, method: str, path: str, **kwargs) -> dict:
        replica = next(turn)
        reply = partner.http.request(method, replica.url + PREFIX + path, headers=partner.headers(), **kwargs)
        calls.append((operation, replica))
        assert reply.status_code == 200, (operation, replica.url, reply.text)
        body = reply.json()
        assert body["response_code"] == 0, (operation, replica.url, body)
        return body["payload"]

    httpx.put(two.url + "/__admin/clock", json={"now": WEDNESDAY_11_IST}).raise_for_status()
    wallet = call("createWallet", "POST", "", json={  # on two, with one's token
        "companyId": partner.who["companyId"], "cardAccountId": partner.who["cardAccountId"], "mobile": "7400000001",
        "email": "r@example.com", "title": "Mr", "firstName": "Rep", "lastName": "Lica", "gender": "M",
        "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}], "address": "Flat 1", "city": "Kota",
        "state": "Rajasthan", "country": "India", "pincode": "323307"})["enKashCardId"]
    reference = call("generateOtp", "POST", "/otp", json={
        "cardOtpAction": "TRANSACTION_OTP", "cardAccountId": partner.who["cardAccountId"],
        "enKashCardId": wallet})["otpReferenceId"]
    # one issued the OTP; two shows it (derived with the shared secret) and two verifies it
    issued = httpx.get(next(turn).url + "/__admin/otps", params={"enKashCardId": wallet}).json()
    otp = next(o["otp"] for o in issued if o["otpReferenceId"] == reference)
    next(turn)
    assert call("minKyc", "POST", "/min-kyc", json={**partner.ids(wallet), "otpReferenceId": reference,
                                                     "otp": otp})["kycStatus"] == "MIN_KYC"
    assert call("getWalletDetails", "POST", "/wallet-details", json=partner.ids(wallet))["kycStatus"] == "MIN_KYC"
    link = call("getVkycLink", "GET", "/vkyc/link", params=partner.ids(wallet))["vkycLink"]
    opened = httpx.get(next(turn).url + urlsplit(link).path)  # the tester's page, on the other replica
    assert opened.status_code == 200
    httpx.post(f"{next(turn).url}/__admin/vkyc/{wallet}/decision", json={"outcome": "APPROVED"}).raise_for_status()
    status = call("getVkycStatus", "GET", "/vkyc/status", params=partner.ids(wallet))
    assert status["vkycStatus"] == "APPROVED", status
    assert call("getWalletDetails", "POST", "/wallet-details", json=partner.ids(wallet))["kycStatus"] == "FULL_KYC"
    assert {replica.url for _, replica in calls} == {one.url, two.url}

    journals = [httpx.get(replica.url + "/__admin/requests").json()["requests"] for replica in (one, two)]
    assert journals[0] == journals[1], "the replicas read different journals"
    oldest_first = [entry["operationId"] for entry in reversed(journals[0])]
    assert oldest_first == [operation for operation, _ in calls]
    assert "Test@" not in repr(journals[0]) and partner.token not in repr(journals[0])  # masked as ever


def test_clock_fault_rules_sessions_and_snapshots_agree_across_replicas(replicas):
    one, two = replicas
    session = {"X-Mock-Session": "qa-7"}
    httpx.put(one.url + "/__admin/clock", json={"now": WEDNESDAY_11_IST}, headers=session).raise_for_status()
    assert httpx.get(two.url + "/__admin/clock", headers=session).json()["now"] == "2026-11-25T05:30:00Z"

    rules = {"rules": [{"operationId": "getToken", "kind": "status", "status": 429, "message": "slow down"}]}
    httpx.put(two.url + "/__admin/faults", json=rules, headers=session).raise_for_status()
    refused = Partner(one.url, http=httpx.Client(base_url=one.url, headers=session, timeout=30))
    with pytest.raises(httpx.HTTPStatusError) as fault:
        refused.login()
    assert fault.value.response.status_code == 429  # a rule set on two fires on one
    assert "qa-7" in httpx.get(two.url + "/__admin/sessions").json()["sessions"]

    snapshot = httpx.post(one.url + "/__admin/snapshots", headers=session).json()["id"]
    assert snapshot in {s["id"] for s in httpx.get(two.url + "/__admin/snapshots").json()["snapshots"]}
    httpx.post(f"{two.url}/__admin/snapshots/{snapshot}/restore", headers=session).raise_for_status()
    httpx.post(two.url + "/__admin/reset", headers=session).raise_for_status()
    assert httpx.get(one.url + "/__admin/faults", headers=session).json()["rules"] == []


def test_kill_9_of_one_replica_under_write_load_loses_nothing_and_the_other_keeps_serving(loaded_replicas):
    one, two = loaded_replicas
    token = Partner(one.url, http=httpx.Client(base_url=one.url, timeout=30)).login().token
    ledgers = {one.url: Ledger(), two.url: Ledger()}
    stop = threading.Event()
    threads = [threading.Thread(target=client, args=(replica.url, token, i, ledgers[replica.url], stop))
               for i, replica in enumerate((one, two, one, two))]
    for thread in threads:
        thread.start()
    killed, survivor = ledgers[one.url], ledgers[two.url]
    killed.wait_until(lambda: killed.enough(5), 1.0, 20.0)
    one.kill()  # SIGKILL, mid-request
    served_at_kill = survivor.acknowledged()
    survivor.wait_until(lambda: survivor.acknowledged() >= served_at_kill + 3, 1.0, 20.0)
    stop.set()
    for thread in threads:
        thread.join(30)
    assert survivor.acknowledged() >= served_at_kill + 3, "the surviving replica stopped serving"
    assert not survivor.unclean, survivor.unclean[:3]
    assert killed.enough(5), "the killed replica got too little done to prove anything"

    partner = Partner(two.url)
    partner.token = token  # a token one issued, still good on two
    for ledger in ledgers.values():
        check_acknowledged(partner, ledger)
    partner.http.close()


def test_stopping_postgresql_under_load_gives_503s_and_the_replicas_recover(loaded_replicas):
    one, two = loaded_replicas
    token = Partner(one.url).login().token
    ledger, stop = Ledger(), threading.Event()
    threads = [threading.Thread(target=client, args=(replica.url, token, i, ledger, stop))
               for i, replica in enumerate((one, two))]
    for thread in threads:
        thread.start()
    try:
        ledger.wait_until(lambda: ledger.acknowledged() > 0, 0.5, 20.0)
        control_postgres("pause")
        try:
            time.sleep(1.0)
            during = [httpx.get(replica.url + "/__admin/health/ready", timeout=30) for replica in (one, two)]
        finally:
            control_postgres("resume")
        recovered = _wait_ready(one, two)
        before_recovery = ledger.acknowledged()
        ledger.wait_until(lambda: ledger.acknowledged() > before_recovery, 0.5, 20.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert [reply.status_code for reply in during] == [503, 503], [reply.text for reply in during]
    assert during[0].json()["response_code"] == 503
    assert ledger.statuses[503] > 0, f"no request met the outage: {ledger.statuses}"
    assert not ledger.unclean, ledger.unclean[:3]  # no 500, no trace: a success or a 503 in the envelope
    assert recovered, "the replicas did not recover when PostgreSQL came back"
    assert ledger.acknowledged() > before_recovery, "no write succeeded after PostgreSQL came back"
    partner = Partner(two.url)
    partner.token = token
    check_acknowledged(partner, ledger)  # nothing acknowledged before or after the outage is missing
    partner.http.close()


def _wait_ready(*replicas: LiveMock, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(httpx.get(r.url + "/__admin/health/ready", timeout=10).status_code == 200 for r in replicas):
            return True
        time.sleep(0.1)
    return False
