"""What every test gets fresh from a mock app that is built once and used by many tests.

Building an app (spec, routes, compiled validators, seed) costs tens of milliseconds; putting one
back to its just-built state costs a fraction of one. `remember_pristine` notes what a test may
change outside the store (a view function swapped to plant a crash, an app setting); `restore`
puts that back and gives the store, clock, journal and fault rules their state of a new app:

- every session dropped (caller sessions, snapshots, their fault rules and call counters), then the
  default session seeded again with a new real-time clock, as `create_app` seeds it (the seed's
  documents are made again once they are a second old: tests a moment apart share one making);
- the journal emptied, the fault RNG reseeded, fault latency sleeping for real again.

The app's immutable parts (config, spec, validators, the OTP key) are shared on purpose.
"""

from __future__ import annotations

import random
import time

from flask import Flask

from ..simulation import simulation_of
from ..state import DEFAULT_SESSION

__all__ = ["remember_pristine", "restore"]

_PRISTINE_KEY = "enkash.testing.pristine"
_SEED_KEY = "enkash.testing.seed"
_SEED_MAX_AGE_SECONDS = 1.0  # far below any seeded schedule's step (minutes to days): no test can tell


def remember_pristine(app: Flask) -> None:
    """Note the app's just-built view functions and settings; call once, right after `create_app`."""
    app.extensions[_PRISTINE_KEY] = (dict(app.view_functions), dict(app.config), app.testing)


def restore(app: Flask) -> None:
    """Back to the state the app had when `remember_pristine` ran (see the module docstring)."""
    views, settings, testing = app.extensions[_PRISTINE_KEY]
    app.view_functions.clear()
    app.view_functions.update(views)
    app.config.clear()
    app.config.update(settings)
    app.testing = testing
    state = app.extensions["enkash"]
    state.store.drop()
    state.reset(DEFAULT_SESSION, documents=_recent_seed(app, state))
    simulation = simulation_of(state)
    simulation.journal.clear()
    simulation.rng = random.Random()
    simulation.sleep = time.sleep


def _recent_seed(app: Flask, state) -> dict:
    """The seed's documents, made at most a second ago (the stores copy what they are given)."""
    made = app.extensions.get(_SEED_KEY)
    now = time.time()
    if made is None or not 0 <= now - made[0] <= _SEED_MAX_AGE_SECONDS:
        made = app.extensions[_SEED_KEY] = (now, state.seed_documents(now=now))
    return made[1]
