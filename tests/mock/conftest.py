import pytest

from mock_server import create_app

from .helpers import DEMO, OTHER, Partner


@pytest.fixture
def make_app():
    """A fresh mock; every response it sends is checked against openapi.yaml (a mismatch raises)."""

    def make(**overrides):
        app = create_app(validate_responses=True, **overrides)
        app.testing = True
        return app

    return make


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
