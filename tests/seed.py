"""The default seed's well-known credentials and ids, written once for every test package.

They are the Enkash docs' own examples, owned by `mock_server/default_seed.yaml`.
"""

from __future__ import annotations

__all__ = ["CLIENT_SECRET", "DEMO", "DEMO_WALLET", "OTHER"]

DEMO = {"username": "6001020040", "password": "Test@1234567", "clientId": "CEKHZH0UHW",
        "partnerId": "CRM338L2H", "companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975"}
OTHER = {"username": "6009990001", "password": "Other@1234567", "clientId": "CEKQ7TST22",
         "partnerId": "CRQ7TEST2", "companyId": "CEKQ7TST22", "cardAccountId": "CAQ7TST"}
CLIENT_SECRET = "demo-client-secret"  # DEMO's client secret, for non-empty Basic credentials
DEMO_WALLET = "EKCWLUAADN"
