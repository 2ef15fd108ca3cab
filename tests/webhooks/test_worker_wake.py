"""The delivery worker is woken at a request's end only when that request recorded a delivery: waking it
after every POST made a loaded server scan every session on every call."""

from __future__ import annotations

import pytest

from mock_server.webhooks import worker_of
from tests.mock.funds_helpers import top_up
from tests.mock.helpers import DEMO, Partner

from .helpers import register


@pytest.fixture
def wakes(make_app, receivers, monkeypatch):
    app = make_app()
    client = app.test_client()
    register(client, receivers().url)  # starts this process's worker
    worker = worker_of(app)
    assert worker is not None
    count = []
    monkeypatch.setattr(worker, "wake", lambda: count.append(1))
    return client, count


def test_a_post_that_records_no_delivery_does_not_wake_the_worker(wakes):
    client, count = wakes
    partner = Partner(client, DEMO)
    assert partner.login().status_code == 200  # a POST that writes (a token), but sends no event
    assert top_up(partner, "999999").json["response_code"] == 1  # refused: no entry, no event
    assert count == []


def test_a_top_up_with_a_subscriber_wakes_the_worker_once(wakes):
    client, count = wakes
    assert top_up(Partner(client, DEMO), "12.34").json["response_code"] == 0
    assert count == [1]
