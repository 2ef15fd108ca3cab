"""Offline testing of code that calls Enkash: an in-process mock behind respx, or a live one.

    from mock_server.testing import enkash_respx

    with enkash_respx(token_ttl_seconds=300) as enkash:      # both Enkash UAT hosts now reach the mock
        my_service.onboard(...)                      # any httpx.Client / AsyncClient
        assert enkash.calls["createWallet"].count == 1

Under pytest the plugin in `mock_server.testing.plugin` gives the same handle as the `enkash_mock`
fixture, and a real server as `enkash_live_mock`. See docs/testing.md.

Names are imported on first use (PEP 562) so that importing this package, as the pytest plugin
does at start-up, does not pull in respx.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "PRODUCTION_HOSTS",
    "UAT_HOSTS",
    "AdminError",
    "Calls",
    "EnkashMock",
    "InProcessEnkash",
    "LiveEnkash",
    "MockSettings",
    "OperationCalls",
    "ReceivedWebhook",
    "WebhookReceiver",
    "Webhooks",
    "enkash_respx",
    "mock_settings",
]

_HOMES = {
    "PRODUCTION_HOSTS": "settings",
    "UAT_HOSTS": "settings",
    "MockSettings": "settings",
    "mock_settings": "settings",
    "AdminError": "handle",
    "EnkashMock": "handle",
    "Calls": "calls",
    "OperationCalls": "calls",
    "InProcessEnkash": "inprocess",
    "enkash_respx": "inprocess",
    "LiveEnkash": "live",
    "ReceivedWebhook": "receiver",
    "WebhookReceiver": "receiver",
    "Webhooks": "webhooks",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
