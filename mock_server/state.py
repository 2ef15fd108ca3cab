"""Everything one mock app holds, kept in `app.extensions["enkash"]` (no module-level globals)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from .api import area_due_work
from .config import MockConfig
from .http.sessions import DEFAULT_SESSION
from .http.spec import Spec
from .http.validation import RequestValidator, ResponseValidator
from .kernel.clock import ClockState, in_range
from .kernel.due import due_now
from .kernel.seed import SeedDocuments, SeedHook, load_seed, seed_documents
from .kernel.world import World
from .store import Store

__all__ = ["DEFAULT_SESSION", "MockState"]



class _Unseeded(Exception):
    pass


class _DueWork(Exception):
    """A read transaction found scheduled work due: run it again as a write, which applies it first."""


def _clock_driven():
    from .api import clock_driven  # imported late: the areas import the state's own dependencies

    return clock_driven


@dataclass
class MockState:
    config: MockConfig
    spec: Spec
    store: Store
    requests: RequestValidator
    responses: ResponseValidator
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    seed: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # room for later features (journal, faults)
    # every area's `apply_due(world)` (kernel/due.py), run before a transaction that finds work due
    due_work: tuple[Callable[[World], None], ...] = ()
    # Each area's part of the seed (and the webhook endpoints'), composed by the app factory.
    seed_hooks: tuple[SeedHook, ...] = ()

    @classmethod
    def build(cls, config: MockConfig, spec: Spec, store: Store, *,
              seed_hooks: tuple[SeedHook, ...] = ()) -> MockState:
        # Replicas that share the instance secret accept each other's OTPs and tokens (docs/deploy.md).
        given = config.instance_secret or config.otp_secret
        secret = given.encode() if given else store.shared_secret() or secrets.token_bytes(32)
        return cls(config=config, spec=spec, store=store, requests=RequestValidator(spec),
                   responses=ResponseValidator(spec), secret=secret, seed=load_seed(config.seed_path),
                   due_work=area_due_work(), seed_hooks=seed_hooks)

    def seed_documents(self, seed: dict[str, Any] | None = None, now: float | None = None) -> SeedDocuments:
        """The documents `seed` (by default the app's) writes at `now` (by default real time)."""
        return seed_documents(self.seed if seed is None else seed, ClockState().now() if now is None else now,
                              self.seed_hooks)

    @contextmanager
    def world(self, session: str, write: bool = True):
        """One transaction of one session, seeding the session on first use. Work due on the session's
        clock (kernel/due.py) is applied first, so nothing reads a state that should already have moved."""
        for _ in range(3):
            try:
                with self.store.transaction(session, write=write) as tx:
                    meta = tx.get("meta", "session")
                    if meta is None:
                        raise _Unseeded
                    clock = ClockState.from_dict(meta.get("clock"))
                    world = World(tx=tx, now=clock.now(), config=self.config, session=session, secret=self.secret)
                    self._apply_due(world, meta, write)
                    if write:  # what the clock made happen since the last write is announced first
                        _clock_driven().catch_up(world)
                    yield world
                    return
            except _Unseeded:
                self.reset(session, only_if_missing=True)
            except _DueWork:
                write = True
        raise RuntimeError(f"session {session!r} could not be seeded")

    def _apply_due(self, world: World, meta: dict, write: bool) -> None:
        if not self.due_work or not due_now(meta, world.now):
            return
        if not write:
            raise _DueWork
        for apply_due in self.due_work:
            apply_due(world)

    def reset(self, session: str, only_if_missing: bool = False, documents: SeedDocuments | None = None) -> None:
        """Back to the seed, with real time. `only_if_missing` seeds a new session exactly once,
        inside one write transaction, so two workers racing to seed cannot undo each other's writes.
        `documents`: the seed's documents made a moment ago, reused (the test fixtures' restore); the
        session's clock is new either way."""
        docs = dict(documents) if documents is not None else self.seed_documents()
        docs["meta"] = {"session": {"clock": ClockState().to_dict()}}
        if not only_if_missing:
            self.store.replace(session, docs)
            return
        with self.store.transaction(session, write=True) as tx:
            if tx.get("meta", "session") is not None:
                return
            for kind, bucket in docs.items():
                for key, value in bucket.items():
                    tx.put(kind, key, value)

    def clock(self, session: str) -> ClockState:
        with self.world(session, write=False) as world:
            return ClockState.from_dict(world.tx.get("meta", "session").get("clock"))

    def set_clock(self, session: str, clock: ClockState) -> None:
        """Raises ClockOutOfRange (a ValueError) for a clock the session could not live with."""
        in_range(clock)
        with self.world(session) as world:
            meta = world.tx.get("meta", "session")
            meta["clock"] = clock.to_dict()
            world.tx.put("meta", "session", meta)
            moved = replace(world, now=clock.now())
            self._apply_due(moved, meta, write=True)  # what the new time makes due happens now, not at the next read
            _clock_driven().catch_up(moved)  # advancing delivers what became due
