"""Webhook endpoints a seed declares under a partner's `webhooks:`, as a seed hook.

Webhooks is not an API area (it has no operation in `AREAS`): it is a delivery feature the app factory
installs, so the factory adds this hook after the areas' (see `mock_server/app.py`). Registering it
there, not in `AREAS`, keeps the operation registry free of a package without operations, and keeps the
kernel free of webhooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..kernel.seed import SeedDocuments, SeedError, SeedHook
from .endpoints import EndpointError, seed_endpoint_documents

__all__ = ["SEED"]


def add_endpoints(docs: SeedDocuments, partner: Mapping[str, Any], now: float) -> None:
    try:
        docs["webhook_endpoint"].update(seed_endpoint_documents(partner, now))
    except (EndpointError, KeyError, TypeError) as error:
        raise SeedError(f"webhooks: {error}") from error


SEED = SeedHook("webhooks", add_endpoints, kinds=("webhook_endpoint",))
