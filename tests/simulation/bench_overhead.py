"""Benchmark (not a test): cost per request of the simulation hooks (fault lookup + journal append).

    .venv/bin/python -m tests.simulation.bench_overhead

Runs wallet-details through Flask's test client on two mocks, one with the hooks removed, in
alternating batches; prints min and median microseconds per request for the memory and sqlite stores.
"""

from __future__ import annotations

import tempfile
import time

from mock_server import create_app
from mock_server.config import load_config

from .helpers import Api

_HOOKS = ("_before", "_after")


def _mock(store: str, hooks: bool) -> tuple[Api, str]:
    app = create_app(load_config(store=store))
    if not hooks:
        for funcs in (app.before_request_funcs, app.after_request_funcs):
            funcs[None] = [f for f in funcs[None] if f.__name__ not in _HOOKS]
        app.wsgi_app = app.wsgi_app.app  # unwrap DropMiddleware
    api = Api(app.test_client())
    token = api.token()
    for _ in range(100):
        api.details(token)
    return api, token


def _batch(api: Api, token: str, n: int = 300) -> float:
    started = time.perf_counter()
    for _ in range(n):
        api.details(token)
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, store in (("memory", "memory"), ("sqlite", f"sqlite:{folder}/state.db")):
            bare, full = _mock(store, hooks=False), _mock(store, hooks=True)
            without, with_ = [], []
            for _ in range(30):
                without.append(_batch(*bare))
                with_.append(_batch(*full))
            without.sort()
            with_.sort()
            print(f"{name}: without hooks min {without[0]:.0f} / median {without[15]:.0f} us; "
                  f"with hooks min {with_[0]:.0f} / median {with_[15]:.0f} us per request")


if __name__ == "__main__":
    main()
