"""Endpoint secrets (signing secret, custom headers) kept out of every session's documents.

A session's documents are exported by `GET /__admin/state` and copied by snapshots, so they must not
hold a secret. Secrets registered through the admin API live in the store's reserved session
`__webhook_secrets` (no caller can read or export a `__` session), keyed by session and endpoint, and
survive restarts like the rest of the store. Secrets of seeded endpoints stay in the seed file.
"""

from __future__ import annotations

from ..store import Store
from .endpoints import seed_endpoint_id

__all__ = ["VAULT_SESSION", "forget_secrets", "keep_secrets", "secrets_of"]

VAULT_SESSION = "__webhook_secrets"
_KIND = "endpoint"
_NONE: dict[str, object] = {"headers": {}, "signingSecret": None}


def _key(session: str, endpoint_id: str) -> str:
    return f"{session}\x1f{endpoint_id}"


def keep_secrets(store: Store, session: str, endpoint_id: str, secrets: dict) -> None:
    """`secrets`: {"headers", "signingSecret", "webhookUrl"} (the URL unmasked: its query may hold a token)."""
    with store.transaction(VAULT_SESSION) as tx:
        tx.put(_KIND, _key(session, endpoint_id), secrets)


def secrets_of(store: Store, seed: dict, session: str, endpoint: dict) -> dict:
    """{"headers", "signingSecret", "webhookUrl"} of an endpoint, from the vault or the seed."""
    if endpoint.get("source") == "seed":
        for partner in seed.get("partners", []):
            for hook in partner.get("webhooks", []) or []:
                if seed_endpoint_id(partner["partnerId"], hook) == endpoint["endpointId"]:
                    return {"headers": dict(hook.get("headers") or {}), "signingSecret": hook.get("signingSecret"),
                            "webhookUrl": hook["webhookUrl"]}
        return dict(_NONE)
    return store.read(VAULT_SESSION, _KIND, _key(session, endpoint["endpointId"])) or dict(_NONE)


def forget_secrets(store: Store, session: str, endpoint_id: str) -> None:
    with store.transaction(VAULT_SESSION) as tx:
        tx.delete(_KIND, _key(session, endpoint_id))
