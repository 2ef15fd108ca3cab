"""Per-request CPU of the mock's Flask app without any server: token and wallet-details called in a loop,
through the same WSGI bridge code path `serve` uses (environ built from a request head, body complete).

    .venv/bin/python bench/wsgi_loop.py [--iterations 3000] [--store sqlite] [--profile token|details] [--bare]

Prints JSON {"token_us": …, "details_us": …} (median CPU µs per call, over blocks of 100 calls);
`--bare` times bench/bare_flask.py's app instead, so the two divide into the "how close to bare Flask" ratio
without sockets or wrk on the cores.
`--profile CALL` prints the top of a cProfile of that loop to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import tempfile
import time
import urllib.parse

from calls import PARTNER_ID, TOKEN_FORM

from mock_server.wsgi_bridge import WsgiBridge

__all__ = ["app_cpu", "per_call_us"]

SORT = "cumulative"

_DETAILS = json.dumps({"enKashCardId": "EKCWLUAADN", "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"})


class _Scope:
    """The parts of granian's RSGI scope the bridge reads."""

    proto, method, scheme, http_version = "http", "POST", "http", "1.1"
    server, client, query_string = "127.0.0.1:8080", "127.0.0.1:50000", ""

    def __init__(self, path: str):
        self.path = path


def _caller(bridge: WsgiBridge, path: str, headers: dict[str, str], body: str):
    scope, head, data = _Scope(path), [(k.lower(), v) for k, v in headers.items()], body.encode()
    head.append(("content-length", str(len(data))))

    def call() -> bytes:
        status, _, answer = bridge._call_app(scope, head, data)
        assert status == 200, (status, answer)
        return answer

    return call


def per_call_us(app, iterations: int, profile: str | None = None) -> dict:
    bridge = WsgiBridge(app, threads=1, max_body=1_048_576, read_timeout=10.0, access_log=False)
    token_headers = {"Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded"}
    token = _caller(bridge, "/oauth/token", token_headers, urllib.parse.urlencode(TOKEN_FORM))
    bearer = json.loads(token())["access_token"]
    details = _caller(bridge, "/api/v0/partner/enKashCard/wallet-details",
                      {"Authorization": f"Bearer {bearer}", "partnerId": PARTNER_ID,
                       "Content-Type": "application/json"}, _DETAILS)
    calls = {"token": token, "details": details}
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [calls[profile]() for _ in range(iterations)])
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(SORT).print_stats(60)
        return {}
    out = {}
    for name, call in calls.items():
        for _ in range(200):
            call()
        blocks = []  # CPU time of this thread per block of 100 calls: other load on the machine barely moves it
        for _ in range(max(1, iterations // 100)):
            start = time.thread_time_ns()
            for _ in range(100):
                call()
            blocks.append((time.thread_time_ns() - start) / 100)
        out[f"{name}_us"] = round(statistics.median(blocks) / 1e3, 1)
    return out


def app_cpu(iterations: int = 3000) -> dict:
    """For `bench/run.py`: this script on the mock and on the bare Flask app, each in a fresh process,
    and the bare app's CPU per call over the mock's (the ceiling of the served ratio, before the server's share)."""
    import subprocess

    figures = {}
    for name, extra in (("mock", []), ("bare-flask", ["--bare"])):
        done = subprocess.run([sys.executable, __file__, "--iterations", str(iterations), *extra],
                              capture_output=True, text=True, timeout=600)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            return {"error": f"bench/wsgi_loop.py {' '.join(extra)} exited {done.returncode}",
                    "stderr": done.stderr[-500:]}
        figures[name] = json.loads(lines[-1])
    for call in ("token_us", "details_us"):
        figures[f"bare_vs_mock.{call[:-3]}"] = round(figures["bare-flask"][call] / figures["mock"][call], 2)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=3000)
    parser.add_argument("--store", default="sqlite", choices=["sqlite", "memory"])
    parser.add_argument("--profile", choices=["token", "details"])
    parser.add_argument("--bare", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enkash-wsgi-loop-") as tmp:
        if args.bare:
            from bare_flask import create_bare_app

            app = create_bare_app()
        else:
            from mock_server import create_app
            from mock_server.config import load_config

            store = f"sqlite:{tmp}/state.db" if args.store == "sqlite" else "memory"
            app = create_app(load_config(store=store))
        print(json.dumps(per_call_us(app, args.iterations, args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
