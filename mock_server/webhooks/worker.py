"""The delivery worker: a background thread per process that finds due deliveries and sends them.

Never on a request thread: API requests only write the outbox. Sends run on a bounded pool, and a
worker claims no more deliveries than it has free senders, so a receiver that hangs holds at most
`webhook_senders` threads for at most `webhook_timeout_ms` each, and never an API request.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from ..api import clock_driven
from ..kernel.clock import ClockState
from ..state import MockState
from ..store import StoreUnavailable
from .backoff import RetryPolicy
from .outbox import claim, due_deliveries, record_attempt
from .sender import Sender
from .vault import secrets_of

__all__ = ["WebhookWorker"]

log = logging.getLogger("enkash_mock.webhooks")
_LEASE_GRACE_SECONDS = 10.0  # beyond the attempt's own timeout, before another worker may take it over


class WebhookWorker:
    def __init__(self, state: MockState, sender: Sender | None = None):
        config = state.config
        self.state = state
        self.policy = RetryPolicy.from_config(config)
        self.sender = sender or Sender(config.webhook_timeout_ms / 1000, config.webhook_allowed_hosts)
        self.poll_seconds = max(config.webhook_poll_ms, 1) / 1000
        self.lease_seconds = config.webhook_timeout_ms / 1000 + _LEASE_GRACE_SECONDS
        self.slots = max(1, config.webhook_senders)
        self.name = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.pid = os.getpid()
        self._free = threading.Semaphore(self.slots)
        self._pool = ThreadPoolExecutor(self.slots, thread_name_prefix="enkash-webhook-send")
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="enkash-webhook-worker", daemon=True)

    def start(self) -> WebhookWorker:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Look for due deliveries now rather than at the next poll (after an emit in this process)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.sender.close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except StoreUnavailable as away:  # the database is away: expected, said in one line, retried
                log.warning("webhook worker: %s; retrying", away)
            except Exception:  # a store hiccup must not end deliveries for the life of the process
                log.exception("webhook worker poll failed; retrying")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()

    def poll(self) -> int:
        """Claim and dispatch what is due in every session; returns how many attempts were started."""
        started = 0
        for session in self.state.store.sessions():
            if session.startswith("__"):
                continue
            started += self._poll_session(session)
        return started

    def _poll_session(self, session: str) -> int:
        store, started = self.state.store, 0
        with store.transaction(session, write=False) as tx:
            meta = tx.get("meta", "session")
            if meta is None:
                return 0
            clock_now = ClockState.from_dict(meta.get("clock")).now()
            changes_due = clock_driven.next_due(tx)
            due = due_deliveries(tx, clock_now, time.time())
        if changes_due is not None and changes_due <= clock_now:
            with self.state.world(session):  # a write transaction announces what the clock reached
                pass
            self._wake.set()  # their deliveries are due now: look again at once
            return started
        for delivery_id in due:
            if not self._free.acquire(blocking=False):
                break  # every sender is busy: leave the rest unclaimed for this or another worker
            with store.transaction(session) as tx:
                delivery = claim(tx, delivery_id, clock_now, time.time(), self.lease_seconds, self.name)
                event = tx.get("webhook_event", delivery["eventId"]) if delivery else None
                endpoint = tx.get("webhook_endpoint", delivery["endpointId"]) if delivery else None
            if delivery is None:
                self._free.release()
                continue
            self._pool.submit(self._attempt, session, delivery, event, endpoint)
            started += 1
        return started

    def _attempt(self, session: str, delivery: dict, event: dict | None, endpoint: dict | None) -> None:
        try:
            if event is None or endpoint is None:
                result = _not_sent("endpoint_removed", "the event or its endpoint no longer exists")
            elif not endpoint.get("enabled", True):
                result = _not_sent("endpoint_disabled", "the endpoint is disabled")
            else:
                secrets = secrets_of(self.state.store, self.state.seed, session, endpoint)
                result = self.sender.send(delivery, event, secrets)
            with self.state.store.transaction(session) as tx:
                meta = tx.get("meta", "session") or {}
                record_attempt(tx, delivery["deliveryId"], result, self.policy,
                               ClockState.from_dict(meta.get("clock")).now())
        except Exception:
            log.exception("webhook delivery %s: attempt could not be recorded", delivery.get("deliveryId"))
        finally:
            self._free.release()
            self._wake.set()  # a retry may be due at once (backoff 0) or a slot is free for the next one


def _not_sent(outcome: str, error: str) -> dict:
    return {"ok": False, "status": None, "outcome": outcome, "latencyMs": 0.0, "excerpt": "", "error": error}
