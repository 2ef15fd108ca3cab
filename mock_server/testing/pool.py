"""Mock apps built once per configuration and lent to one user at a time, restored before each loan.

A test (or an `enkash_respx()` block) borrows an idle app of its configuration, or a new one when
all are busy (nested blocks, threads), and gives it back when done; the next borrower gets it
restored by `fresh.restore`. pytest-xdist workers are separate processes, so each has its own pool.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from .fresh import remember_pristine, restore
from .settings import MockSettings
from .warmup import warm_up

__all__ = ["AppPool", "build_app", "shared_pool"]


def build_app(settings: MockSettings) -> Flask:
    """A mock as tests want it: app exceptions propagate (the mock's traceback reaches the test),
    everything compiled lazily already compiled, the state as just built."""
    from .. import create_app

    app = create_app(**settings.config())
    app.testing = True
    remember_pristine(app)
    warm_up(app)
    restore(app)
    return app


class AppPool:
    """Idle apps by configuration (the settings' overrides; routed hosts do not change an app)."""

    def __init__(self) -> None:
        self._idle: dict[tuple, list[Flask]] = {}
        self._lock = threading.Lock()
        self.built = 0  # apps built so far: lets tests prove that apps are reused

    @contextmanager
    def lend(self, settings: MockSettings) -> Iterator[Flask]:
        key = settings.overrides
        with self._lock:
            idle = self._idle.setdefault(key, [])
            app = idle.pop() if idle else None
        if app is None:
            app = build_app(settings)
            self.built += 1
        else:
            restore(app)
        try:
            yield app
        finally:
            with self._lock:
                self._idle[key].append(app)

    def clear(self) -> None:
        """Forget every idle app (their memory is freed once no test holds them)."""
        with self._lock:
            self._idle.clear()


@functools.cache
def shared_pool() -> AppPool:
    """The process's one pool for `enkash_respx()` outside pytest, created on first use (the pytest
    plugin keeps its own per test session). Apps in it hold no state a later borrower could see."""
    return AppPool()
