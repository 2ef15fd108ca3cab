"""One request of each common kind through a new app, so the first call of a test costs what any
later call costs: werkzeug compiles its URL map and Flask sets itself up on the first request.

Sent through Flask's test client, so respx never records them; `fresh.restore` runs afterwards.
"""

from __future__ import annotations

from flask import Flask

__all__ = ["warm_up"]


def warm_up(app: Flask) -> None:
    client = app.test_client()
    seed = app.extensions["enkash"].seed
    partner = seed["partners"][0]
    user = partner["users"][0] if partner.get("users") else None
    if user is not None:
        client.post("/oauth/token", headers={"Authorization": "Basic Og=="},
                    data={"username": user["username"], "password": user["password"], "grant_type": "password",
                          "clientId": partner["clientId"]})
    client.get("/__admin/health")
