"""Everything one mock app holds, kept in `app.extensions["enkash"]` (no module-level globals)."""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .config import MockConfig
from .http.sessions import DEFAULT_SESSION
from .http.spec import Spec
from .http.validation import RequestValidator, ResponseValidator
from .kernel.clock import ClockState, in_range
from .kernel.seed import SeedDocuments, SeedHook, load_seed, seed_documents
from .kernel.world import World
from .store import Store

__all__ = ["DEFAULT_SESSION", "MockState"]



class _Unseeded(Exception):
    pass


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
                   seed_hooks=seed_hooks)

    def seed_documents(self, seed: dict[str, Any] | None = None, now: float | None = None) -> SeedDocuments:
        """The documents `seed` (by default the app's) writes at `now` (by default real time)."""
        return seed_documents(self.seed if seed is None else seed, ClockState().now() if now is None else now,
                              self.seed_hooks)

    @contextmanager
    def world(self, session: str, write: bool = True):
        """One transaction of one session, seeding the session on first use."""
        for _ in range(2):
            try:
                with self.store.transaction(session, write=write) as tx:
                    meta = tx.get("meta", "session")
                    if meta is None:
                        raise _Unseeded
                    clock = ClockState.from_dict(meta.get("clock"))
                    yield World(tx=tx, now=clock.now(), config=self.config, session=session, secret=self.secret)
                    return
            except _Unseeded:
                self.reset(session, only_if_missing=True)
        raise RuntimeError(f"session {session!r} could not be seeded")

    def reset(self, session: str, only_if_missing: bool = False) -> None:
        """Back to the seed, with real time. `only_if_missing` seeds a new session exactly once,
        inside one write transaction, so two workers racing to seed cannot undo each other's writes."""
        docs = self.seed_documents()
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
