"""transaction/all latency with 100 vs 100,000 stored transactions (SQLite store, in process).

    .venv/bin/python bench/ledger_scale.py [REQUESTS]

The transactions go onto the demo wallet EKCWLUAADN through the ledger itself (one store transaction,
so the documents are exactly what the mock writes); then the newest page (size 20) is read REQUESTS
times through the Flask test client. The design goal: p99 at 100,000 within 20 % of p99 at 100.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mock_server import create_app
from mock_server.api.funds import ledger
from mock_server.config import load_config
from mock_server.state import DEFAULT_SESSION

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.mock.helpers import DEMO, Partner

WALLET = "EKCWLUAADN"


def _fill(app, count: int) -> None:
    state = app.extensions["enkash"]
    with state.world(DEFAULT_SESSION) as world:
        wallet = world.tx.get("wallet", WALLET)
        for index in range(count - wallet["ledgerCount"]):
            ledger.post(world.tx, "wallet", wallet, WALLET, "CR", 1, world.now + index, type="BENCH",
                        reference=f"bench-{index}")


def measure(count: int, requests: int) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        app = create_app(load_config(store=f"sqlite:{Path(directory) / 'state.db'}"))
        _fill(app, count)
        partner = Partner(app.test_client(), DEMO)
        body = {**partner.ids(WALLET), "size": 20}
        for _ in range(50):
            partner.post("/transaction/all", body)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            reply = partner.post("/transaction/all", body)
            timings.append((time.perf_counter() - started) * 1000)
        assert reply.json["payload"]["totalElements"] == count
        timings.sort()
        return {"stored": count, "p50_ms": round(statistics.median(timings), 3),
                "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 3)}


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    small, large = measure(100, requests), measure(100_000, requests)
    ratio = large["p99_ms"] / small["p99_ms"]
    print(small, large, f"p99 ratio {ratio:.2f} (goal <= 1.20)", sep="\n")
    print(json.dumps({"small": small, "large": large, "p99_ratio": round(ratio, 3), "goal": 1.2}))


if __name__ == "__main__":
    main()
