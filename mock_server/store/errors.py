"""What a store raises when its database cannot be reached: the request fails as a whole, with 503."""

from __future__ import annotations

__all__ = ["StoreUnavailable"]


class StoreUnavailable(RuntimeError):
    """The database is down, unreachable or out of connections; nothing of the transaction was kept.

    A RuntimeError so that start-up code which already reports RuntimeError (serve) refuses to start
    with this message instead of a traceback.
    """
