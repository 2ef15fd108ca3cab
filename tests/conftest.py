"""Shared fixtures and the meaning of the markers.

`e2e` marks every test that starts a server (a process, or a thread serving real HTTP), so
`pytest -m "not e2e"` is the fast inner loop. Tests that reach a server through one of the fixtures
below are marked automatically; tests that start one themselves carry the marker.
"""

from __future__ import annotations

import pytest

from mock_server import create_app

# fixtures that start (or hand out) a served mock: using one makes a test end-to-end
SERVER_FIXTURES = frozenset({"live", "mock_url", "target_args", "enkash_live_mock", "suite"})

# The seed's credentials, written once for every test package (they are the Enkash docs' own examples).
DEMO = {"username": "6001020040", "password": "Test@1234567", "clientId": "CEKHZH0UHW",
        "partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}
DEMO_WALLET = "EKCWLUAADN"


def pytest_collection_modifyitems(items):
    for item in items:
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def make_app():
    """A fresh mock; every response it sends is checked against openapi.yaml (a mismatch raises)."""

    def make(**overrides):
        app = create_app(validate_responses=True, **overrides)
        app.testing = True
        return app

    return make
