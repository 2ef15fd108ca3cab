"""SQLite specifics: reopening, URLs, the read cache. The contract every store keeps is in tests/store/."""

import pytest

from mock_server.store import MemoryStore, SQLiteStore, open_store


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
    with pytest.raises(ValueError, match="memory") as refused:
        open_store("redis://user:hunter2@nope/0")
    assert "hunter2" not in str(refused.value)  # a store URL's password never reaches a message


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
