"""The seed's parts: the kernel writes partners, each area's `SEED` hook the rest, in `AREAS` order."""

from __future__ import annotations

import pytest

from mock_server.api import area_seed_hooks
from mock_server.config import load_config
from mock_server.kernel.seed import SeedError, SeedHook, load_seed, seed_documents
from mock_server.webhooks.seed import SEED as WEBHOOK_SEED

SEED = load_seed(load_config().seed_path)


def test_the_kernel_alone_writes_only_partners_and_clients():
    docs = seed_documents(SEED, 0.0)
    assert set(docs) == {"partner", "client"}
    assert "CRQ7TEST2" in docs["partner"]


def test_areas_add_their_kinds_in_areas_order():
    hooks = area_seed_hooks()
    assert [hook.name for hook in hooks] == ["oauth", "wallets", "funds"]
    docs = seed_documents(SEED, 0.0, (*hooks, WEBHOOK_SEED))
    assert {"user", "wallet", "mobile", "card_account", "webhook_endpoint"} <= set(docs)
    assert docs["wallet"]["EKCWLUAADN"]["balancePaise"] == 100_000  # money ran after the wallets existed


def test_a_hook_error_names_the_partner_and_a_seed_error_passes_as_it_is():
    def broken(docs, partner, now):
        raise KeyError("holder")

    with pytest.raises(SeedError, match=r"partner #1: missing or malformed field 'holder'"):
        seed_documents(SEED, 0.0, [SeedHook("broken", broken)])
    bad_hook = {"partners": [{**SEED["partners"][0], "webhooks": [{"webhookUrl": "http://127.0.0.1/x",
                                                                  "events": ["NOPE"]}]}]}
    with pytest.raises(SeedError, match=r"^webhooks: unknown event type\(s\) NOPE"):
        seed_documents(bad_hook, 0.0, [WEBHOOK_SEED])


def test_declared_kinds_exist_even_when_no_partner_writes_them():
    docs = seed_documents({"partners": []}, 0.0, [WEBHOOK_SEED])
    assert docs == {"partner": {}, "client": {}, "webhook_endpoint": {}}
