"""`enkash_respx()`: a mock app in its just-built state behind respx routes for the Enkash hosts, no sockets.

Apps come from a pool (`pool.AppPool`): built once per configuration, restored before each use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import respx
from flask import Flask

from ..webhooks import stop_worker
from .calls import Calls
from .handle import AdminTransport, EnkashMock
from .pool import AppPool, build_app, shared_pool
from .routes import add_enkash_routes
from .settings import MockSettings, mock_settings

__all__ = ["InProcessEnkash", "build_app", "enkash_respx"]


class InProcessEnkash(EnkashMock):
    """The handle of `enkash_respx()` and the `enkash_mock` fixture.

    `router` is the respx router (add routes for other hosts to it), `calls` its records by
    operationId, `hosts` the origins routed to the mock.
    """

    def __init__(self, app: Flask, router: respx.MockRouter, hosts: tuple[str, ...]):
        super().__init__(app, _test_client_admin(app))
        self.router = router
        self.hosts = hosts
        operations = {(op.method.upper(), op.path): op.operation_id for op in app.extensions["enkash"].spec.operations}
        self.calls = Calls(router, operations)


@contextmanager
def enkash_respx(hosts=(), *, passthrough: bool = False, settings: MockSettings | None = None,
                 pool: AppPool | None = None, **config: Any) -> Iterator[InProcessEnkash]:
    """Route the Enkash UAT hosts (plus `hosts`) to an in-process mock in its just-built state
    (the seed, real time, empty journal and fault rules) while the block runs.

    Requests to other hosts raise respx's AllMockedAssertionError, unless `passthrough=True`
    sends them to the network. `config` takes MockConfig fields by name
    (`token_ttl_seconds=300`, `fixed_otp="123456"`, `seed_path="seed.yaml"`, `faults=[...]`). `pool` is where
    built apps wait for their next use (the process's shared pool by default).
    """
    settings = settings or mock_settings(hosts, passthrough, **config)
    with (pool or shared_pool()).lend(settings) as app:
        router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
        add_enkash_routes(router, app, settings.hosts, settings.passthrough)
        with router:
            enkash = InProcessEnkash(app, router, settings.hosts)
            try:
                yield enkash
            finally:
                stop_worker(app)  # the webhook worker thread, if the test started one
                enkash.webhooks.close()


def _test_client_admin(app: Flask) -> AdminTransport:
    """Admin calls through Flask's test client: never seen by respx, so never in `calls`."""
    client = app.test_client()

    def call(method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        response = client.open(path, method=method, json=body)
        return response.status_code, response.get_data()

    return call
