"""Median in-process round trip through the respx route (no sockets): token, then wallet details.

    .venv/bin/python bench/inprocess.py [--iterations 2000] [--warmup 200] [--profile]

Prints JSON {"inprocess_token_median_ms": …, "inprocess_details_median_ms": …}. `--profile` prints the
top of a cProfile of the details loop to stderr instead of timing it, to see what dominates.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time

import httpx

from mock_server.testing import enkash_respx

AUTH = "https://ekpayout-uat.enkash.in/oauth/token"
DETAILS = "https://pay-en-uat.enkash.in/api/v0/partner/enKashCard/wallet-details"
FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
BODY = {"enKashCardId": "EKCWLUAADN", "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}


def _median_ms(call, iterations: int, warmup: int) -> float:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        call()
        samples.append(time.perf_counter_ns() - start)
    return round(statistics.median(samples) / 1e6, 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with enkash_respx(), httpx.Client() as http:
        def token():
            answer = http.post(AUTH, data=FORM, headers={"Authorization": "Basic Og=="})
            assert answer.status_code == 200, answer.text
            return answer.json()["access_token"]

        headers = {"Authorization": f"Bearer {token()}", "partnerId": "CRM338L2H"}

        def details():
            answer = http.post(DETAILS, json=BODY, headers=headers)
            assert answer.json()["response_code"] == 0, answer.text

        if args.profile:
            _profile(details, args.iterations)
            return 0
        result = {"inprocess_token_median_ms": _median_ms(token, args.iterations, args.warmup),
                  "inprocess_details_median_ms": _median_ms(details, args.iterations, args.warmup)}
    print(json.dumps(result))
    return 0


def _profile(call, iterations: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [call() for _ in range(iterations)])
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    sys.exit(main())
