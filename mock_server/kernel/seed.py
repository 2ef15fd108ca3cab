"""Turn a seed (YAML: partners, their users and wallets) into store documents.

The kernel writes what every area shares: the partner (the tenant) and its client id. Everything
else is an area's part, given to `seed_documents` as `SeedHook`s: each area package may have a
`seed.py` whose `SEED` is one (collected in `AREAS` order by `mock_server.api.area_seed_hooks`), and
features outside the areas (webhook endpoints) add theirs where the app is composed. The kernel knows
none of them: it imports nothing outside itself, the standard library and yaml.

Secrets (client secrets, passwords) are hashed by whoever writes them, so the store never holds
them in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .world import digest

__all__ = ["SeedDocuments", "SeedError", "SeedHook", "load_seed", "seed_documents"]

# libyaml's safe loader, as for the spec: every app (so every test) reads its seed.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SeedDocuments = dict[str, dict[str, dict]]  # kind → key → document, as a store's `replace` takes them


class SeedError(ValueError):
    """The seed file is not usable; the message names the entry."""


@dataclass(frozen=True)
class SeedHook:
    """One area's part of the seed.

    `kinds`: the document kinds it writes, present (maybe empty) in every seed, because an imported
    state is checked against the seed's shape. `add_partner(docs, partner, now)` adds what one partner's
    seed entry declares for the area; it runs after the hooks before it (wallets exist before money
    loads them). A `KeyError`/`TypeError`/`ValueError` it raises is reported as a malformed field of that
    partner; a `SeedError` it raises is passed on as it is.
    """

    name: str
    add_partner: Callable[[SeedDocuments, Mapping[str, Any], float], None]
    kinds: tuple[str, ...] = ()


def load_seed(path: str | Path) -> dict[str, Any]:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise SeedError(f"cannot read seed {path}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
        raise SeedError(f"seed {path}: expected a mapping with a 'partners' list")
    return data


def seed_documents(seed: dict[str, Any], now: float, hooks: Iterable[SeedHook] = ()) -> SeedDocuments:
    hooks = tuple(hooks)
    kinds = ("partner", "client", *(kind for hook in hooks for kind in hook.kinds))
    docs: SeedDocuments = {kind: {} for kind in kinds}
    for index, partner in enumerate(seed["partners"]):
        try:
            _add_partner(docs, partner)
            for hook in hooks:
                hook.add_partner(docs, partner, now)
        except SeedError:
            raise
        except (KeyError, TypeError, ValueError) as error:
            raise SeedError(f"partner #{index + 1}: missing or malformed field {error}") from error
    return docs


def _add_partner(docs: SeedDocuments, partner: Mapping[str, Any]) -> None:
    partner_id = partner["partnerId"]
    docs["partner"][partner_id] = {
        "partnerId": partner_id,
        "companyId": partner["companyId"],
        "clientId": partner["clientId"],
        "clientSecretHash": digest("client", str(partner.get("clientSecret", ""))),
        "cardAccountIds": list(partner["cardAccountIds"]),
    }
    docs["client"][partner["clientId"]] = {"partnerId": partner_id}
