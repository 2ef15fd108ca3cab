"""`enkash-mock serve` with no flags against Prism, against today's mock on gunicorn, and against a bare
Flask app on the same server: token and wallet-details req/s and p99, interleaved rounds, as ratios.

    .venv/bin/python bench/server_compare.py [--seconds 5] [--rounds 3] [--connections 32]

Run alone it prints JSON; `bench/run.py` calls `server_comparison()` and puts it in the report.
The gunicorn row runs only where gunicorn is installed (it is no longer a dependency): the same
app, `--workers 2 --threads 8` (the shape the docs recommended before granian), SO_REUSEPORT.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

from calls import TOKEN_FORM, check_success, fetch_token, scenarios
from mockproc import free_port, serve_mock, served, wait_ready
from prism import prism_binary, serve_prism
from rounds import interleave

__all__ = ["server_comparison", "server_ratios", "server_targets"]

BENCH = Path(__file__).resolve().parent
CALLS = ("token", "wallet-details")
HEALTH = "/__admin/health"


def _picked(all_calls: dict) -> dict:
    return {name: all_calls[name] for name in CALLS}


def _ready(stack: ExitStack, server, wallets=None) -> tuple[str, dict]:
    server = stack.enter_context(server)
    wait_ready(server, HEALTH)
    calls = _picked(scenarios(fetch_token(server.url), wallets))
    for scenario in calls.values():
        check_success(server.url, scenario)
    return server.url, calls


def _gunicorn(tmp: Path):
    try:
        import gunicorn  # noqa: F401 - only to know whether the row can run
    except ImportError:
        return None
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "8", "--worker-class", "gthread",
               "--preload", "--reuse-port", "--bind", f"127.0.0.1:{port}", "mock_server:create_app()"]
    return served(command, port, env={"ENKASH_MOCK_STORE": f"sqlite:{tmp}/gunicorn.db"})


def _bare_flask():
    port = free_port()
    return served([sys.executable, str(BENCH / "bare_flask.py"), "--port", str(port)], port)


def server_comparison(tmp: Path, rounds: int, connections: int, seconds: int) -> dict:
    """{target: {call: median figures}}: serve (no flags), bare-flask, and gunicorn / prism when present."""
    with ExitStack() as stack:
        targets = {"serve": _ready(stack, serve_mock(f"sqlite:{tmp}/serve.db")),
                   "bare-flask": _ready(stack, _bare_flask())}
        gunicorn = _gunicorn(tmp)
        if gunicorn is not None:
            targets["gunicorn-2x8"] = _ready(stack, gunicorn)
        binary = prism_binary()
        if binary is not None:
            prism = stack.enter_context(serve_prism(binary, tmp / "prism.log"))
            wait_ready(prism, "/oauth/token", timeout=60, expect=200, method="POST",
                       data=urllib.parse.urlencode(TOKEN_FORM).encode(),
                       headers={"Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded"})
            targets["prism"] = prism.url, _picked(scenarios("prism-checks-only-the-bearer-format"))
        return interleave(targets, rounds, connections, seconds)


def server_ratios(measured: dict) -> dict:
    """serve / X for throughput, serve's p99 / X's p99, per call."""
    out = {}
    serve = measured["serve"]
    for other in ("prism", "bare-flask", "gunicorn-2x8"):
        if other not in measured:
            continue
        for call in CALLS:
            out[f"serve.{call}.throughput_vs_{other}"] = round(serve[call]["rps"] / measured[other][call]["rps"], 2)
            out[f"serve.{call}.p99_vs_{other}"] = round(serve[call]["p99_ms"] / measured[other][call]["p99_ms"], 2)
    return out


def server_targets(ratios: dict) -> dict:
    """Issue 14's targets for `serve` with no flags, where this run measured them."""
    targets = {}
    for call in CALLS:
        if f"serve.{call}.throughput_vs_prism" in ratios:
            targets[f"serve {call} >= 1.5x Prism"] = ratios[f"serve.{call}.throughput_vs_prism"] >= 1.5
            targets[f"serve {call} p99 <= Prism"] = ratios[f"serve.{call}.p99_vs_prism"] <= 1.0
        targets[f"serve {call} >= 0.6x bare Flask"] = ratios[f"serve.{call}.throughput_vs_bare-flask"] >= 0.6
    return targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enkash-servers-") as tmp:
        measured = server_comparison(Path(tmp), args.rounds, args.connections, args.seconds)
    ratios = server_ratios(measured)
    print(json.dumps({"servers": measured, "ratios": ratios, "targets": server_targets(ratios)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
