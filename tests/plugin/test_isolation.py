"""One app per configuration and test session, and still nothing leaks from one test to the next.

Each generated test first checks that it sees a just-built mock, then dirties every part a test can
reach (a wallet, another session, a snapshot, fault rules, a frozen clock, the journal, recorded
calls, a swapped view function). Run in any order, on one process or on xdist workers, a leak of
any part fails the next test that lands on the same app.
"""

from __future__ import annotations

import pytest

from mock_server.testing import enkash_respx
from mock_server.testing.pool import AppPool

pytest_plugins = ["pytester"]

DIRTY_EVERYTHING = '''
import httpx, pytest
from enkash_helpers import API, HOLDER, details, headers

APPS = []  # the apps this process handed out, to prove they are reused


def check_fresh_then_dirty(mock, base=None):
    base_api = (base or "https://pay-en-uat.enkash.in") + "/api/v0/partner/enKashCard"
    auth = base or "https://ekpayout-uat.enkash.in"
    assert mock.admin("GET", "/__admin/sessions")["sessions"] == ["default"]
    assert mock.admin("GET", "/__admin/snapshots")["snapshots"] == []
    assert mock.admin("GET", "/__admin/faults")["rules"] == []
    assert mock.admin("GET", "/__admin/clock")["frozen"] is False
    assert mock.requests() == []
    if hasattr(mock, "calls"):
        assert mock.calls.total == 0 and mock.calls.counts() == {}
    assert mock.app.view_functions["getWalletDetails"].__name__ != "planted"
    with httpx.Client(trust_env=False) as http:
        assert http.post(base_api, json=HOLDER, headers=headers(http, auth)).json()["response_code"] == 0
        http.post(base_api, json=HOLDER, headers={**headers(http, auth), "X-Mock-Session": "other"})
    mock.admin("POST", "/__admin/snapshots")
    mock.fault(operationId="getWalletDetails", kind="status", status=503)
    mock.freeze("2030-01-01T00:00:00Z")

    def planted():
        raise RuntimeError("a view function leaked from an earlier test")

    mock.app.view_functions["getWalletDetails"] = planted
    APPS.append(id(mock.app))


@pytest.mark.parametrize("n", range(12))
def test_in_process(enkash_mock, n):
    check_fresh_then_dirty(enkash_mock)


@pytest.mark.parametrize("n", range(4))
def test_live(enkash_live_mock, n):
    check_fresh_then_dirty(enkash_live_mock, enkash_live_mock.url)


@pytest.mark.enkash(token_ttl_seconds=120)
def test_marker_gets_its_own_app(enkash_mock):
    assert enkash_mock.config.token_ttl_seconds == 120
    check_fresh_then_dirty(enkash_mock)


def test_zz_one_app_per_configuration():
    assert len(set(APPS)) == 3, APPS  # in-process default, in-process token_ttl_seconds=120, live default
'''


@pytest.fixture
def suite(pytester: pytest.Pytester):
    from tests.plugin.test_plugin import HELPERS

    pytester.makepyfile(enkash_helpers=HELPERS, test_dirty=DIRTY_EVERYTHING)
    return pytester


def test_nothing_leaks_between_tests_sharing_an_app(suite):
    suite.runpytest("-p", "no:randomly").assert_outcomes(passed=18)


def test_nothing_leaks_under_xdist(suite):
    # pytest-xdist is a [dev] tool, not a direct dependency: the lowest-versions venv does not have it
    pytest.importorskip("xdist", reason="needs pytest-xdist (make install has it)")
    result = suite.runpytest_subprocess("-n", "2", "-p", "no:randomly", "--deselect",
                                        "test_dirty.py::test_zz_one_app_per_configuration")
    result.assert_outcomes(passed=17)


def test_enkash_respx_reuses_an_app_and_restores_it():
    pool = AppPool()
    with enkash_respx(pool=pool) as first:
        first.seed_wallet(enKashCardId="EKCLEAK001")
        first.freeze("2030-01-01T00:00:00Z")
    with enkash_respx(pool=pool) as second:
        assert second.app is first.app and pool.built == 1
        assert second.admin("GET", "/__admin/clock")["frozen"] is False
        with pytest.raises(AssertionError, match="no OTP"):
            second.latest_otp("EKCLEAK001")
        assert "EKCLEAK001" not in second.app.extensions["enkash"].store.export("default")["wallet"]


def test_nested_blocks_get_separate_apps():
    pool = AppPool()
    with enkash_respx(pool=pool) as outer, enkash_respx(pool=pool) as inner:
        assert inner.app is not outer.app
        outer.seed_wallet(enKashCardId="EKCOUTER01")
        assert "EKCOUTER01" not in inner.app.extensions["enkash"].store.export("default")["wallet"]
    assert pool.built == 2


def test_a_different_configuration_builds_another_app():
    pool = AppPool()
    with enkash_respx(pool=pool) as default:
        pass
    with enkash_respx(pool=pool, token_ttl_seconds=60) as short:
        assert short.app is not default.app and short.config.token_ttl_seconds == 60
    with enkash_respx(pool=pool, hosts=["https://api.enkash.in"]) as other_hosts:
        assert other_hosts.app is default.app  # routed hosts do not change the app
    assert pool.built == 2


def test_restore_reuses_the_seed_made_within_a_second_and_makes_it_again_after(monkeypatch):
    import copy

    from mock_server.testing import fresh

    pool = AppPool()
    with enkash_respx(pool=pool) as first:
        made, documents = first.app.extensions[fresh._SEED_KEY]
        pristine = copy.deepcopy(documents)
        first.seed_wallet(enKashCardId="EKCREUSE01")  # writes go to the store's copy, never to the documents
        first.freeze("2030-01-01T00:00:00Z")
    assert documents == pristine
    with enkash_respx(pool=pool) as second:
        assert second.app.extensions[fresh._SEED_KEY][1] is documents  # a moment later: reused
        assert "EKCREUSE01" not in second.app.extensions["enkash"].store.export("default")["wallet"]
    monkeypatch.setattr(fresh.time, "time", lambda: made + 2)
    with enkash_respx(pool=pool) as third:
        again = third.app.extensions[fresh._SEED_KEY]
        assert again[0] == made + 2 and again[1] is not documents
