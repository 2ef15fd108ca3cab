"""The store contract: memory, SQLite and PostgreSQL behave the same through the same interface."""

from __future__ import annotations

import threading

import pytest

from mock_server.simulation.journal import Journal
from mock_server.store import WriteNeeded


def test_writes_commit_and_reads_see_their_own_writes(store):
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
        assert tx.get("wallet", "A") == {"n": 1}
    with store.transaction("s", write=False) as tx:
        assert tx.get("wallet", "A") == {"n": 1}
        assert list(tx.items("wallet")) == [("A", {"n": 1})]
    assert store.read("s", "wallet", "A") == {"n": 1}
    assert store.read("s", "wallet", "missing") is None


def test_an_exception_rolls_everything_back(store):
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    with pytest.raises(RuntimeError), store.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 2})
        tx.put("wallet", "B", {"n": 3})
        tx.delete("wallet", "A")
        raise RuntimeError
    with store.transaction("s") as tx:
        assert tx.get("wallet", "A") == {"n": 1} and tx.get("wallet", "B") is None


def test_a_read_transaction_refuses_writes_or_keeps_them(store):
    """A read transaction either asks for a write one (WriteNeeded) or, in memory, commits as usual."""
    try:
        with store.transaction("s", write=False) as tx:
            tx.put("wallet", "A", {"n": 1})
    except WriteNeeded:
        assert store.read("s", "wallet", "A") is None
    else:
        assert store.read("s", "wallet", "A") == {"n": 1}


def test_items_come_in_code_point_order(store):
    keys = ["b", "B", "a", "_x", "EKC1", "ekc0"]
    with store.transaction("s") as tx:
        for key in keys:
            tx.put("wallet", key, {"k": key})
    with store.transaction("s", write=False) as tx:
        assert [key for key, _ in tx.items("wallet")] == sorted(keys)


def test_sessions_are_separate_and_droppable(store):
    with store.transaction("one") as tx:
        tx.put("wallet", "A", {})
    with store.transaction("two") as tx:
        assert tx.get("wallet", "A") is None
        tx.put("wallet", "B", {})
    assert {"one", "two"} <= set(store.sessions())
    store.drop("one")
    assert store.export("one") == {} and store.export("two") == {"wallet": {"B": {}}}
    store.drop()
    assert store.sessions() == []


def test_export_and_replace_round_trip(store):
    store.replace("s", {"wallet": {"A": {"n": 1}}, "otp": {"R": {"used": False}}})
    assert store.export("s") == {"wallet": {"A": {"n": 1}}, "otp": {"R": {"used": False}}}
    store.replace("s", {"wallet": {"B": {"n": 2}}})
    assert store.export("s") == {"wallet": {"B": {"n": 2}}}


def test_documents_keep_exact_values(store):
    value = {"amount": "1234.50", "paise": 123450, "nested": {"list": [1, "two", None, True]}, "text": "ज़ी \u2028"}
    with store.transaction("s") as tx:
        tx.put("wallet", "A", value)
    assert store.read("s", "wallet", "A") == value


def test_mutating_a_read_document_does_not_change_the_store(store):
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"list": [1]})
    with store.transaction("s") as tx:
        tx.get("wallet", "A")["list"].append(2)
        assert tx.get("wallet", "A") == {"list": [1]}


def test_concurrent_increments_lose_nothing_across_openers(store, second_opener):
    """Threads of two openers (two worker processes, or two replicas) bump one counter."""
    with store.transaction("s") as tx:
        tx.put("counter", "c", {"n": 0})
    openers = [store, second_opener()]

    def bump(opened):
        for _ in range(25):
            with opened.transaction("s") as tx:
                doc = tx.get("counter", "c")
                doc["n"] += 1
                tx.put("counter", "c", doc)

    threads = [threading.Thread(target=bump, args=(openers[i % 2],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.transaction("s", write=False) as tx:
        assert tx.get("counter", "c") == {"n": 200}


def test_a_second_opener_sees_every_commit(store, second_opener):
    other = second_opener()
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    assert other.read("s", "wallet", "A") == {"n": 1}
    other.replace("s", {"wallet": {"A": {"n": 2}}})
    with store.transaction("s", write=False) as tx:
        assert tx.get("wallet", "A") == {"n": 2}


def test_shared_secret_is_absent_or_the_same_for_every_opener(store, second_opener):
    first = store.shared_secret()
    assert first is None or (len(first) >= 32 and second_opener().shared_secret() == first)


def _record(journal: Journal, session: str, n: int, status: int = 200, operation: str = "getToken") -> None:
    journal.record(session=session, method="POST", path="/oauth/token", query="", operation_id=operation,
                   matched=True, status=status, started=1_700_000_000.0 + n, duration=0.001, fault=None,
                   headers=[("Authorization", "Basic c2VjcmV0OnNlY3JldA=="), ("X-N", str(n))],
                   request_body=f"username=u{n}&password=hunter2", request_type="application/x-www-form-urlencoded",
                   response_body='{"access_token": "tok"}', response_type="application/json",
                   response_value={"access_token": "tok"})


def test_journal_is_bounded_newest_first_filtered_and_redacted(store):
    journal = Journal(5, rows=store.journal_rows(5))
    for n in range(8):
        _record(journal, "a" if n % 2 else "b", n, status=400 if n == 7 else 200)
    entries = journal.entries()
    assert [e.requestHeaders["X-N"] for e in entries] == ["7", "6", "5", "4", "3"]
    assert len({e.id for e in entries}) == 5 and [e.id for e in entries] == sorted((e.id for e in entries),
                                                                                   reverse=True)
    assert [e.requestHeaders["X-N"] for e in journal.entries(session="a")] == ["7", "5", "3"]
    assert [e.status for e in journal.entries(status=400)] == [400]
    assert len(journal.entries(limit=2)) == 2
    text = repr([e.to_dict() for e in entries])
    assert "hunter2" not in text and "c2VjcmV0" not in text and '"tok"' not in text
    assert journal.clear("a") == 3
    assert [e.session for e in journal.entries()] == ["b", "b"]
    assert journal.clear() == 2 and journal.entries() == []


def test_a_journal_on_a_shared_store_is_one_history_for_every_opener(store, second_opener):
    journal = Journal(10, rows=store.journal_rows(10))
    _record(journal, "s", 1)
    other = second_opener()
    rows = other.journal_rows(10)
    if rows is None:  # a one-host store: each process keeps its own journal, as documented
        assert store.journal_rows(10) is None
        return
    other_journal = Journal(10, rows=rows)
    _record(other_journal, "s", 2)
    assert [e.requestHeaders["X-N"] for e in journal.entries()] == ["2", "1"]
    assert [e.requestHeaders["X-N"] for e in other_journal.entries()] == ["2", "1"]


def test_any_text_is_a_key_nul_and_backslash_included(store):
    """Keys come from requests (a username, an OTP reference): no text may turn into a 500."""
    keys = ["a\x00b", "a\\0b", "a\\\\0b", "plain"]
    with store.transaction("s\x00\\") as tx:
        for key in keys:
            tx.put("wallet\x00", key, {"k": key})
    with store.transaction("s\x00\\", write=False) as tx:
        assert {key: value["k"] for key, value in tx.items("wallet\x00")} == {key: key for key in keys}
        assert tx.get("wallet\x00", "a\x00b") == {"k": "a\x00b"} and tx.get("wallet", "a\x00") is None
    assert store.read("s\x00\\", "wallet\x00", "a\\0b") == {"k": "a\\0b"}
    assert "s\x00\\" in store.sessions()
    assert set(store.export("s\x00\\")["wallet\x00"]) == set(keys)
    with store.transaction("s\x00\\") as tx:
        tx.delete("wallet\x00", "a\x00b")
    assert store.read("s\x00\\", "wallet\x00", "a\x00b") is None
    store.drop("s\x00\\")
    assert store.export("s\x00\\") == {}


def test_journal_filters_take_any_text(store):
    journal = Journal(5, rows=store.journal_rows(5))
    _record(journal, "s\x00", 1)
    assert [e.session for e in journal.entries(session="s\x00")] == ["s\x00"]
    assert journal.entries(session="s", operation="get\x00Token") == []
    assert journal.clear("s\x00") == 1
