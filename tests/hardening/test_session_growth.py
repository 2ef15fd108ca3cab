"""Sessions do not pile up (issue 13): tester pages list them a page at a time and look a wallet up
without reading every session, and idle sessions expire when `session_idle_seconds` is set."""

from __future__ import annotations

import pytest

from mock_server import create_app
from mock_server.pages import PAGE_SIZE

WALLET = "EKCWLUAADN"


def _make_sessions(client, count: int) -> None:
    for index in range(count):
        client.post("/__admin/reset", headers={"X-Mock-Session": f"qa-{index:03d}"})


class _CountingReads:
    """Counts the store's single-document reads, to prove a page does not read every session."""

    def __init__(self, store):
        self.store, self.reads = store, 0
        self._read = store.read

    def __call__(self, *args, **kwargs):
        self.reads += 1
        return self._read(*args, **kwargs)


def test_inspector_and_tnc_page_list_sessions_a_page_at_a_time():
    client = create_app().test_client()
    _make_sessions(client, PAGE_SIZE + 10)
    first = client.get("/__admin/ui").get_data(as_text=True)
    assert first.count('href="?session=qa-') == PAGE_SIZE - 1  # default fills the first slot
    assert "page=1" in first and "qa-059" not in first
    second = client.get("/__admin/ui?page=1").get_data(as_text=True)
    assert "qa-059" in second and "page=2" not in second
    tnc = client.get(f"/__mock/tnc/{WALLET}").get_data(as_text=True)
    assert tnc.count('href="?session=qa-') == PAGE_SIZE and "page=1" in tnc


def test_tnc_page_of_a_named_session_reads_one_session_not_all(monkeypatch):
    app = create_app()
    client = app.test_client()
    _make_sessions(client, 200)
    store = app.extensions["enkash"].store
    counter = _CountingReads(store)
    monkeypatch.setattr(store, "read", counter)
    response = client.get(f"/__mock/tnc/{WALLET}?session=qa-150", headers={"Host": "localhost"},
                          environ_base={"REMOTE_ADDR": "192.0.2.7"})  # not an admin: no session list
    assert response.status_code == 200 and counter.reads <= 3


def test_idle_sessions_expire_and_used_ones_stay():
    app = create_app(session_idle_seconds=600)
    expiry = app.extensions["enkash"].extras["session_expiry"]
    now = [1_000_000.0]
    expiry.clock = lambda: now[0]
    client = app.test_client()
    for session in ("qa-idle", "qa-busy"):
        client.post("/__admin/reset", headers={"X-Mock-Session": session})
        client.get("/__admin/clock", headers={"X-Mock-Session": session})  # first use: stamped
    now[0] += 400
    client.get("/__admin/clock", headers={"X-Mock-Session": "qa-busy"})
    now[0] += 300  # qa-idle unused for 700 s, qa-busy for 300 s
    client.get("/__admin/health")
    sessions = client.get("/__admin/sessions").json["sessions"]
    assert "qa-idle" not in sessions and "qa-busy" in sessions and "default" in sessions


def test_sessions_never_expire_by_default():
    app = create_app()
    assert "session_expiry" not in app.extensions["enkash"].extras


def test_idle_time_is_a_whole_number_of_seconds():
    with pytest.raises(ValueError, match="session_idle_seconds"):
        create_app(session_idle_seconds=-1)
