"""SETTLEMENT_STATUS: every settlement change once, in order, when the session's clock reaches it."""

from __future__ import annotations

import pytest

from tests.mock.funds_helpers import debit
from tests.mock.helpers import DEMO, Partner

from .helpers import register, spec_problems

FRIDAY_NOON = "2026-11-27T12:00:00+05:30"
MONDAY_10 = 3 * 86400 - 2 * 3600  # from Friday 12:00 to Monday 10:00 (IST)


@pytest.fixture
def demo(client):
    client.put("/__admin/clock", json={"now": FRIDAY_NOON})
    return Partner(client, DEMO)


def _changes(client, payment: str) -> list[tuple[str | None, str, str]]:
    events = client.get("/__admin/webhooks/events", query_string={"eventType": "SETTLEMENT_STATUS"}).json["events"]
    mine = [e["payload"] for e in events if e["payload"]["merchantUniqueTxnId"] == payment]
    for body in mine:
        assert spec_problems("SETTLEMENT_STATUS", body) == []
    return [(b["previousSettlementStatus"], b["settlementStatus"], b["updatedOn"]) for b in mine]


def _advance(client, seconds: float) -> None:
    assert client.post("/__admin/clock/advance", json={"seconds": seconds}).status_code == 200


def test_the_schedule_is_announced_once_each_in_order_as_the_clock_reaches_it(demo, client):
    assert debit(demo, 20, unique_id="pay-1").json["response_code"] == 0
    assert _changes(client, "pay-1") == [(None, "PENDING", "2026-11-27T06:30:00Z")]
    _advance(client, 3599)
    assert len(_changes(client, "pay-1")) == 1  # not yet
    _advance(client, 1)
    assert _changes(client, "pay-1")[-1] == ("PENDING", "APPROVED", "2026-11-27T07:30:00Z")
    for _ in range(3):  # reading the status announces nothing; neither does a clock that did not move on
        demo.token = None
        demo.get("/settlement-status", merchantUniqueTxnId="pay-1")
        _advance(client, 0)
    _advance(client, 4 * 86400)  # past Monday's and Tuesday's 10:00 in one jump: both, in order, dated then
    assert _changes(client, "pay-1") == [
        (None, "PENDING", "2026-11-27T06:30:00Z"),
        ("PENDING", "APPROVED", "2026-11-27T07:30:00Z"),
        ("APPROVED", "SETTLEMENT_IN_PROCESS", "2026-11-30T04:30:00Z"),
        ("SETTLEMENT_IN_PROCESS", "SETTLED", "2026-12-01T04:30:00Z"),
    ]
    _advance(client, 30 * 86400)
    assert len(_changes(client, "pay-1")) == 4


def test_normal_traffic_announces_what_a_running_clock_reached(demo, client):
    assert debit(demo, 5, unique_id="pay-2").json["response_code"] == 0
    client.put("/__admin/clock", json={"now": "2026-11-27T13:00:01+05:30"})  # set, not advanced
    assert [c[1] for c in _changes(client, "pay-2")] == ["PENDING", "APPROVED"]
    state = client.application.extensions["enkash"]
    meta_clock = {"frozen_at": state.clock("default").now() + 4 * 86400, "offset_seconds": 0.0}
    with state.store.transaction("default") as tx:  # the clock moves with no admin call (as real time does)
        tx.put("meta", "session", {**tx.get("meta", "session"), "clock": meta_clock})
    demo.token = None
    demo.get("/settlement-status", merchantUniqueTxnId="pay-2")
    assert len(_changes(client, "pay-2")) == 2  # a read writes nothing
    assert debit(demo, 1, unique_id="pay-3").json["response_code"] == 0  # any write catches up, first
    assert [c[1] for c in _changes(client, "pay-2")] == ["PENDING", "APPROVED", "SETTLEMENT_IN_PROCESS",
                                                         "SETTLED"]


def test_a_forced_status_supersedes_the_schedule(demo, client):
    assert debit(demo, 7, unique_id="pay-4").json["response_code"] == 0
    _advance(client, 3600)
    assert client.put("/__admin/settlements/pay-4", json={"status": "DISPUTED"}).status_code == 200
    assert client.put("/__admin/settlements/pay-4", json={"status": "DISPUTED"}).status_code == 200  # no change
    _advance(client, 10 * 86400)
    assert [c[:2] for c in _changes(client, "pay-4")] == [(None, "PENDING"), ("PENDING", "APPROVED"),
                                                          ("APPROVED", "DISPUTED")]
    client.put("/__admin/settlements/pay-4", json={"status": "ON_HOLD"})
    client.put("/__admin/settlements/pay-4", json={"status": "PENDING_WITH_BANK"})
    client.put("/__admin/settlements/pay-4", json={"status": "REFUND"})
    assert [c[:2] for c in _changes(client, "pay-4")][3:] == [
        ("DISPUTED", "ON_HOLD"), ("ON_HOLD", "PENDING_WITH_BANK"), ("PENDING_WITH_BANK", "REFUND")]


def test_a_receiver_gets_the_changes_when_the_clock_is_advanced(demo, client, receivers):
    receiver = receivers()
    register(client, receiver.url, events=["SETTLEMENT_STATUS"])
    assert debit(demo, 3, unique_id="pay-5").json["response_code"] == 0
    _advance(client, 3600)
    got = receiver.wait(2)
    assert sorted(r.json["settlementStatus"] for r in got) == ["APPROVED", "PENDING"]
    assert {r.headers["x-enkash-event-type"] for r in got} == {"SETTLEMENT_STATUS"}


def test_the_worker_announces_a_running_clock_with_no_traffic(demo, client, receivers):
    receiver = receivers()
    register(client, receiver.url, events=["SETTLEMENT_STATUS"])
    assert debit(demo, 3, unique_id="pay-6").json["response_code"] == 0
    receiver.wait(1)
    state = client.application.extensions["enkash"]
    with state.store.transaction("default") as tx:  # time passes; nobody calls the mock
        meta = tx.get("meta", "session")
        tx.put("meta", "session", {**meta, "clock": {"frozen_at": meta["clock"]["frozen_at"] + 3600,
                                                      "offset_seconds": 0.0}})
    [_, approved] = receiver.wait(2)
    assert approved.json["settlementStatus"] == "APPROVED"
