import pytest

from mock_server.store import MemoryStore, open_store

from ..postgres_support import fresh_schema

STORES = ["memory", "sqlite", "postgres"]


@pytest.fixture
def store_url(request, tmp_path):
    """A URL for a new, empty store of the kind `request.param` names (memory has no second opener)."""
    kind = request.param
    if kind == "postgres":
        with fresh_schema() as url:
            yield url
    else:
        yield "memory" if kind == "memory" else f"sqlite:{tmp_path / 'state.db'}"


@pytest.fixture
def store(store_url):
    made = open_store(store_url)
    yield made
    made.close()


@pytest.fixture
def second_opener(store, store_url):
    """Another process's view of the same store: a second opener of the same URL (the same object for
    memory, which no other process can open)."""
    opened = []

    def open_again():
        if isinstance(store, MemoryStore):
            return store
        again = open_store(store_url)
        opened.append(again)
        return again

    yield open_again
    for made in opened:
        made.close()


def pytest_generate_tests(metafunc):
    if "store_url" in metafunc.fixturenames:
        metafunc.parametrize("store_url", STORES, indirect=True)

