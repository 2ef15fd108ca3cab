"""One delivery worker per process, started when there is something to deliver, stopped on request.

When it starts:
- `start_worker(app)`: a server calls it in every serving process (after a fork: threads do not
  survive one). `enkash-mock serve` does, from each granian worker's start (`WsgiBridge`'s `on_worker_start`).
- on its own in a process that registers an endpoint through the admin API, or whose first request
  finds endpoints in the seed or endpoints or pending deliveries in the store (say, after a restart).
The in-process and live test handles stop it when they end (`stop_worker(app)`).
"""

from __future__ import annotations

import os
import threading

from flask import Flask

from ..state import MockState
from .outbox import take_recorded
from .worker import WebhookWorker

__all__ = ["ensure_worker", "install", "start_worker", "stop_worker", "worker_of"]

_KEY = "webhooks"


class _Runtime:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.worker: WebhookWorker | None = None
        self.checked_pid: int | None = None  # the process whose first request looked for work


def _runtime(state: MockState) -> _Runtime:
    return state.extras.setdefault(_KEY, _Runtime())


def worker_of(app_or_state: Flask | MockState) -> WebhookWorker | None:
    state = _state(app_or_state)
    worker = _runtime(state).worker
    return worker if worker is not None and worker.pid == os.getpid() and worker.running else None


def ensure_worker(state: MockState) -> WebhookWorker:
    runtime = _runtime(state)
    with runtime.lock:
        worker = runtime.worker
        if worker is None or worker.pid != os.getpid() or not worker.running:
            runtime.worker = worker = WebhookWorker(state).start()
        return worker


def start_worker(app: Flask) -> WebhookWorker:
    """Start this process's delivery worker (idempotent); servers call it in each worker process."""
    return ensure_worker(_state(app))


def stop_worker(app_or_state: Flask | MockState, timeout: float = 5.0) -> None:
    runtime = _runtime(_state(app_or_state))
    with runtime.lock:
        worker, runtime.worker = runtime.worker, None
    if worker is not None and worker.pid == os.getpid():
        worker.stop(timeout)


def install(app: Flask, state: MockState) -> None:
    """Hooks of the app factory: look for work on a process's first request; wake the worker after a
    request that recorded a delivery."""
    runtime = _runtime(state)

    @app.before_request
    def _first_request_in_process():
        take_recorded()  # a mark left by a request that never reached its end is not this one's
        if runtime.checked_pid != os.getpid():
            runtime.checked_pid = os.getpid()
            if _has_work(state):
                ensure_worker(state)

    @app.after_request
    def _wake(response):
        worker = runtime.worker
        if take_recorded() and worker is not None:
            worker.wake()  # a delivery this request recorded is due now: no need to wait for the next poll
        return response


def _has_work(state: MockState) -> bool:
    if any(partner.get("webhooks") for partner in state.seed.get("partners", [])):
        return True
    for session in state.store.sessions():
        if session.startswith("__"):
            continue
        with state.store.transaction(session, write=False) as tx:
            if any(next(tx.items(kind), None) is not None for kind in ("webhook_pending", "webhook_endpoint")):
                return True
    return False


def _state(app_or_state: Flask | MockState) -> MockState:
    return app_or_state.extensions["enkash"] if isinstance(app_or_state, Flask) else app_or_state
