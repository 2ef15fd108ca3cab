"""Work due on the session's clock (kernel/due.py): applied before anything reads the session, never by a timer."""

from __future__ import annotations

from mock_server.kernel.due import due_now, schedule
from mock_server.store.memory import MemoryStore

from .transfer_helpers import add_bank_beneficiary, full_kyc_wallet, transfer


def test_due_now_compares_each_area_with_the_clock_and_ignores_what_is_not_an_instant():
    assert not due_now({}, 100.0)
    assert due_now({"due": {"payouts": 100.0}}, 100.0)
    assert not due_now({"due": {"payouts": 100.5}}, 100.0)
    assert not due_now({"due": "soon"}, 100.0) and not due_now({"due": {"x": "soon", "y": True}}, 100.0)


def test_schedule_keeps_one_earliest_instant_per_area_in_the_meta_document():
    store = MemoryStore()
    with store.transaction("s") as tx:
        tx.put("meta", "session", {"clock": {}})
        schedule(tx, "payouts", 50.0)
        schedule(tx, "other", 70.0)
        schedule(tx, "payouts", None)
        assert tx.get("meta", "session") == {"clock": {}, "due": {"other": 70.0}}


def test_a_read_only_request_applies_what_is_due_first(demo, client):
    """The clock is moved by a state import (no set_clock hook): the first read still sees the settled state."""
    wallet = full_kyc_wallet(demo, client)
    add_bank_beneficiary(demo, wallet)
    transfer(demo, wallet, "10.00", transaction_id="T-DUE")
    state = client.application.extensions["enkash"]
    with state.store.transaction("default") as tx:  # time passes behind the mock's back
        meta = tx.get("meta", "session")
        meta["clock"]["frozen_at"] += 60
        tx.put("meta", "session", meta)
    answer = demo.get("/fund-transfer/status", transactionId="T-DUE").json["payload"]
    assert answer["status"] == "SUCCESS"
    with state.store.transaction("default", write=False) as tx:
        assert "payouts" not in tx.get("meta", "session").get("due", {})
