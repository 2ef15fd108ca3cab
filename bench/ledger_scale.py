"""transaction/all latency with 100 vs 100,000 stored transactions (SQLite store, in process).

    .venv/bin/python bench/ledger_scale.py [REQUESTS] [ROUNDS]

The transactions go onto the demo wallet EKCWLUAADN through the ledger itself (one store transaction,
so the documents are exactly what the mock writes); then the newest page (size 20) is read through the
Flask test client: REQUESTS reads of each store per round, the two stores taking turns round after
round (a burst of outside load on the shared machine hits both alike), and each figure is the median of
the rounds' p50 and p99. The design goal: p99 at 100,000 within 20 % of p99 at 100.
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


def _reader(directory: str, count: int):
    app = create_app(load_config(store=f"sqlite:{Path(directory) / f'state{count}.db'}"))
    _fill(app, count)
    partner = Partner(app.test_client(), DEMO)
    body = {**partner.ids(WALLET), "size": 20}
    for _ in range(50):  # warm-up
        assert partner.post("/transaction/all", body).json["payload"]["totalElements"] == count
    return partner, body


def _round(partner, body, requests: int) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        reply = partner.post("/transaction/all", body)
        timings.append((time.perf_counter() - started) * 1000)
        if reply.json["response_code"] != 0:
            raise RuntimeError(f"transaction/all failed: {reply.json}")
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1]


def measure(requests: int, rounds: int, counts: tuple[int, ...] = (100, 100_000)) -> dict[int, dict]:
    with tempfile.TemporaryDirectory() as directory:
        readers = {count: _reader(directory, count) for count in counts}
        found: dict[int, list[tuple[float, float]]] = {count: [] for count in counts}
        for _ in range(rounds):
            for count, (partner, body) in readers.items():
                found[count].append(_round(partner, body, requests))
    return {count: {"stored": count, "requests_per_round": requests, "rounds": rounds,
                    "p50_ms": round(statistics.median(p50 for p50, _ in samples), 3),
                    "p99_ms": round(statistics.median(p99 for _, p99 in samples), 3),
                    "rounds_p99_ms": [round(p99, 3) for _, p99 in samples]}
            for count, samples in found.items()}


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    figures = measure(requests, rounds)
    small, large = figures[100], figures[100_000]
    ratio = large["p99_ms"] / small["p99_ms"]
    print(small, large, f"p99 ratio {ratio:.2f} (goal <= 1.20)", sep="\n")
    print(json.dumps({"small": small, "large": large, "p99_ratio": round(ratio, 3), "goal": 1.2}))


if __name__ == "__main__":
    main()
