"""In-process strict mock (make_app comes from tests/conftest.py) and partner drivers."""

import pytest

from .helpers import DEMO, OTHER, Partner


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo(client):
    return Partner(client, DEMO)


@pytest.fixture
def other(client):
    return Partner(client, OTHER)
