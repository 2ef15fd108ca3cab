"""Fixtures for the simulation controls: an in-process strict mock and per-session clients."""

from __future__ import annotations

import pytest

from mock_server import create_app

from .helpers import Api


@pytest.fixture
def app():
    return create_app(validate_responses=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def api_in(client):
    """`api_in("worker-2")`: the same mock seen from another session."""
    return lambda session: Api(client, session)
