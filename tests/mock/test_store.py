"""Both stores keep one transaction per request: all of it, or none of it."""

import threading

import pytest

from mock_server.store import MemoryStore, SQLiteStore, open_store


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    made = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "state.db"))
    yield made
    made.close()


def test_writes_commit_and_reads_see_their_own_writes(store):
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
        assert tx.get("wallet", "A") == {"n": 1}
    with store.transaction("s", write=False) as tx:
        assert tx.get("wallet", "A") == {"n": 1}
        assert list(tx.items("wallet")) == [("A", {"n": 1})]


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


def test_sessions_are_separate_and_droppable(store):
    with store.transaction("one") as tx:
        tx.put("wallet", "A", {})
    with store.transaction("two") as tx:
        assert tx.get("wallet", "A") is None
    assert "one" in store.sessions()
    store.drop("one")
    assert store.export("one") == {}


def test_export_and_replace_round_trip(store):
    store.replace("s", {"wallet": {"A": {"n": 1}}, "otp": {"R": {"used": False}}})
    assert store.export("s") == {"wallet": {"A": {"n": 1}}, "otp": {"R": {"used": False}}}


def test_mutating_a_read_document_does_not_change_the_store(store):
    with store.transaction("s") as tx:
        tx.put("wallet", "A", {"list": [1]})
    with store.transaction("s") as tx:
        tx.get("wallet", "A")["list"].append(2)
        assert tx.get("wallet", "A") == {"list": [1]}


def test_concurrent_increments_lose_nothing(store):
    with store.transaction("s") as tx:
        tx.put("counter", "c", {"n": 0})

    def bump():
        for _ in range(50):
            with store.transaction("s") as tx:
                doc = tx.get("counter", "c")
                doc["n"] += 1
                tx.put("counter", "c", doc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with store.transaction("s", write=False) as tx:
        assert tx.get("counter", "c") == {"n": 400}


def test_sqlite_state_survives_reopening(tmp_path):
    path = str(tmp_path / "state.db")
    first = SQLiteStore(path)
    with first.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    first.close()
    assert SQLiteStore(path).export("s") == {"wallet": {"A": {"n": 1}}}


def test_open_store_by_url(tmp_path):
    assert isinstance(open_store("memory"), MemoryStore)
    assert isinstance(open_store(f"sqlite:{tmp_path / 'x.db'}"), SQLiteStore)
    with pytest.raises(ValueError, match="memory"):
        open_store("redis://nope")


# The SQLite read cache: a second store on the same file stands for another worker process.

def _read(store, kind="wallet", key="A"):
    with store.transaction("s", write=False) as tx:
        return tx.get(kind, key)


@pytest.fixture
def two_workers(tmp_path):
    path = str(tmp_path / "shared.db")
    one, two = SQLiteStore(path), SQLiteStore(path)
    yield one, two
    one.close()
    two.close()


def test_a_cached_read_sees_another_workers_commit(two_workers):
    one, two = two_workers
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    assert _read(two) == {"n": 1} and _read(two) == {"n": 1}  # the second read is served from the cache
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 2})
        tx.put("wallet", "B", {"n": 3})
    assert _read(two) == {"n": 2} and _read(two, key="B") == {"n": 3}
    one.drop("s")
    assert _read(two) is None


def test_a_cached_absence_is_forgotten_when_the_document_appears(two_workers):
    one, two = two_workers
    assert _read(two) is None
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    assert _read(two) == {"n": 1}


def test_a_workers_own_writes_and_rollbacks_reach_its_cached_reads(two_workers):
    one, _ = two_workers
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
    assert _read(one) == {"n": 1}
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 2})
    assert _read(one) == {"n": 2}
    with pytest.raises(RuntimeError), one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 3})
        assert tx.get("wallet", "A") == {"n": 3}
        raise RuntimeError
    assert _read(one) == {"n": 2}
    one.replace("s", {"wallet": {"A": {"n": 4}}})
    assert _read(one) == {"n": 4}


def test_a_read_transaction_keeps_one_snapshot_while_another_worker_commits(two_workers):
    one, two = two_workers
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"n": 1})
        tx.put("wallet", "B", {"n": 1})
    assert _read(two) == {"n": 1}  # A is cached, B is not
    with two.transaction("s", write=False) as reading:
        assert reading.get("wallet", "A") == {"n": 1}
        with one.transaction("s") as tx:
            tx.put("wallet", "A", {"n": 2})
            tx.put("wallet", "B", {"n": 2})
        assert reading.get("wallet", "B") == {"n": 1}  # fresh from SQLite, yet the same snapshot as A
    assert _read(two) == {"n": 2} and _read(two, key="B") == {"n": 2}


def test_a_cached_document_is_still_a_fresh_copy(two_workers):
    one, two = two_workers
    with one.transaction("s") as tx:
        tx.put("wallet", "A", {"list": [1]})
    _read(two)["list"].append(2)
    assert _read(two) == {"list": [1]}
