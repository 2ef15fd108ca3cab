"""Idle sessions expire (`session_idle_seconds`, off by default; docs/admin.md, "Sessions").

Testers and CI workers create sessions and never clean up, so without expiry the store (and every
page that lists sessions) only grows. When switched on:

- each request that names a session stamps the session's meta with the wall-clock time of its last
  use — written only when the stamp is older than a tenth of the idle time, so a busy session costs
  one small write every few minutes rather than one per request;
- at most once per tenth of the idle time, a process sweeps the store and drops every session not
  used for `session_idle_seconds` (never `default`, never the mock's reserved `__…` sessions). A
  session with no stamp yet (older than this feature, or from a restarted store) is stamped instead.

The stamp lives in the store, so every worker process sees every other's use. Wall-clock time, not
the session's simulated clock: a frozen clock must not keep a session alive or expire it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, request

from ..state import MockState
from .sessions import DEFAULT_SESSION, RESERVED_PREFIX, SESSION_HEADER, SessionNameError, session_of

__all__ = ["LAST_USED", "SessionExpiry", "install"]

LAST_USED = "lastUsedAt"  # key in the session's ("meta", "session") document


@dataclass
class SessionExpiry:
    """One process's sweeper; `clock` is swapped by tests."""

    state: MockState
    idle_seconds: float
    clock: Callable[[], float] = time.time
    _next_sweep: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def resolution(self) -> float:
        return max(1.0, self.idle_seconds / 10)

    def touch(self, session: str) -> None:
        now = self.clock()
        meta = self.state.store.read(session, "meta", "session")
        if meta is not None and now - meta.get(LAST_USED, 0) < self.resolution:
            return
        with self.state.store.transaction(session, write=True) as tx:
            meta = tx.get("meta", "session")
            if meta is not None:  # an unseeded session is stamped by its next request, once seeded
                tx.put("meta", "session", {**meta, LAST_USED: now})

    def sweep_if_due(self) -> list[str]:
        now = self.clock()
        with self._lock:
            if now < self._next_sweep:
                return []
            self._next_sweep = now + self.resolution
        return self.sweep(now)

    def sweep(self, now: float) -> list[str]:
        """Drop sessions idle longer than `idle_seconds`; the names dropped."""
        dropped = []
        for session in self.state.store.sessions():
            if session == DEFAULT_SESSION or session.startswith(RESERVED_PREFIX):
                continue
            meta = self.state.store.read(session, "meta", "session") or {}
            if LAST_USED not in meta:
                self.touch(session)
            elif now - meta[LAST_USED] >= self.idle_seconds:
                self.state.store.drop(session)
                dropped.append(session)
        return dropped


def install(app: Flask, state: MockState) -> SessionExpiry | None:
    idle = state.config.session_idle_seconds
    if not idle:
        return None
    expiry = SessionExpiry(state, idle)
    state.extras["session_expiry"] = expiry

    @app.before_request
    def _expire_and_touch():
        expiry.sweep_if_due()
        if request.headers.get(SESSION_HEADER) or request.args.get("session"):
            try:  # pages name theirs in ?session=, everything else in the header
                session = session_of(request, allow_query=not request.headers.get(SESSION_HEADER))
            except SessionNameError:
                return None  # refused further on, with a 400
            expiry.touch(session)
        return None

    return expiry
