import pytest

from mock_server import create_app
from mock_server.testing import WebhookReceiver
from mock_server.webhooks import stop_worker

from .helpers import FAST


@pytest.fixture
def make_app():
    """Fresh mocks with quick webhook settings; their delivery workers are stopped after the test."""
    apps = []

    def make(**overrides):
        app = create_app(validate_responses=True, **{**FAST, **overrides})
        app.testing = True
        apps.append(app)
        return app

    yield make
    for app in apps:
        stop_worker(app)


@pytest.fixture
def client(make_app):
    return make_app().test_client()


@pytest.fixture
def receivers():
    """Start receivers with `receivers(script)`; all stopped after the test."""
    started = []

    def start(script=None):
        receiver = WebhookReceiver(script).start()
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.stop()
