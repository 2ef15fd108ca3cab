"""`make bench`: the mock against Stoplight Prism in one run, plus start-up, scaling and harness speed.

Writes bench/results/latest.json and bench/results/latest.md. Loopback only; every load run is
bounded (--seconds each). Servers are the real CLIs in subprocesses (`enkash-mock serve`, `prism mock`).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

from bigstore import build_store, wallet_id
from calls import TOKEN_FORM, check_success, fetch_token, scenarios
from contracts_ceiling import ceiling
from extras import contract_speed, inprocess_overhead, ledger_scale
from fixture_overhead import fixture_figures
from mockproc import serve_mock, wait_ready
from pgstore import fresh_schema, postgres_server
from prism import prism_binary, serve_prism
from report import ratios, render_markdown, render_store_table
from rounds import Target, interleave
from server_compare import server_comparison, server_ratios, server_targets
from topup import render_topup, topup_vs_prism
from webhooks import ledger_delivery
from wsgi_loop import app_cpu

RESULTS = Path(__file__).resolve().parent / "results"
HEALTH = "/__admin/health"


def _server_args(shape: str) -> list[str]:
    """"2x8" -> --workers 2 --threads 8; "default" -> no flags (what `make run` and users get)."""
    if shape == "default":
        return []
    workers, _, threads = shape.partition("x")
    return ["--workers", workers, "--threads", threads or "8"]


def _start_mock(stack: ExitStack, store: str, shape: str, wallets: list[str] | None = None,
                probe_mobile: str = "7999999999") -> Target:
    server = stack.enter_context(serve_mock(store, *_server_args(shape)))
    wait_ready(server, HEALTH)
    calls = scenarios(fetch_token(server.url), wallets)
    for scenario in calls.values():
        check_success(server.url, scenario, probe_mobile)  # it must succeed for real, or its figures mean nothing
    return server.url, calls


def _start_prism(stack: ExitStack, tmp: Path) -> tuple[Target | None, float | None]:
    binary = prism_binary()
    if binary is None:
        print("Prism not available (no npm): skipped", flush=True)
        return None, None
    starts = []
    for _ in range(3):
        with serve_prism(binary, tmp / "prism.log") as server:
            starts.append(_wait_token(server))
    server = stack.enter_context(serve_prism(binary, tmp / "prism.log"))
    _wait_token(server)
    return (server.url, scenarios("prism-checks-only-the-bearer-format")), statistics.median(starts)


def throughput(tmp: Path, shapes: list[str], args) -> tuple[dict, dict | None, dict | None]:
    """Every mock shape, the PostgreSQL cases and Prism, loaded in interleaved rounds; medians."""
    with ExitStack() as stack:
        targets = {shape: _start_mock(stack, f"sqlite:{tmp}/{shape}.db", shape) for shape in shapes}
        postgres = {} if args.no_postgres else _postgres_targets(stack, shapes[-1])
        targets.update(postgres)
        prism, prism_start = _start_prism(stack, tmp)
        if prism:
            targets["prism"] = prism
        measured = interleave(targets, args.rounds, args.connections, args.seconds)
    prism_figures = measured.pop("prism", None)
    if prism_figures:
        prism_figures["startup_s"] = prism_start
    postgres_figures = {name: measured.pop(name) for name in postgres} or None
    return measured, postgres_figures, prism_figures


def _postgres_targets(stack: ExitStack, shape: str) -> dict[str, Target]:
    """The recommended shape on PostgreSQL, and two such replicas sharing one database (each its own schema)."""
    base = postgres_server(stack)
    if base is None:
        return {}
    single = _start_mock(stack, stack.enter_context(fresh_schema(base)), shape)
    shared = stack.enter_context(fresh_schema(base))
    one, two = (_start_mock(stack, shared, shape, probe_mobile=mobile) for mobile in ("7999999998", "7999999997"))
    return {f"postgres {shape}": single, f"postgres 2 replicas of {shape}": ((one[0], two[0]), one[1])}


def _wait_token(server) -> float:
    form = urllib.parse.urlencode(TOKEN_FORM).encode()
    return wait_ready(server, "/oauth/token", timeout=60, method="POST", data=form,
                      headers={"Authorization": "Basic Og==", "Content-Type": "application/x-www-form-urlencoded"})


def startup(tmp: Path, starts: int) -> dict:
    """Seconds from process start to the first 200, on a fresh store (seeding included)."""
    times = []
    for index in range(starts):
        with serve_mock(f"sqlite:{tmp}/start{index}.db") as server:
            times.append(wait_ready(server, HEALTH))
    return {"median_s": statistics.median(times), "all_s": times}


def scaling(tmp: Path, shape: str, args) -> dict:
    """wallet-details with 1,000 vs N stored wallets (random wallets of each store), interleaved rounds."""
    with ExitStack() as stack:
        targets = {}
        for count in (1_000, args.big_wallets):
            path = tmp / f"scale{count}.db"
            started = time.monotonic()
            build_store(str(path), count)
            print(f"seeded {count} wallets in {time.monotonic() - started:.1f}s", flush=True)
            sample = [wallet_id(random.randrange(count)) for _ in range(1000)]
            url, calls = _start_mock(stack, f"sqlite:{path}", shape, sample)
            targets[str(count)] = url, {"wallet-details": calls["wallet-details"]}
        measured = interleave(targets, args.rounds, args.connections, args.seconds)
    return {count: calls["wallet-details"] for count, calls in measured.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="duration of each load run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; figures are medians")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--servers", default="1x8,2x8,default",
                        help="WORKERSxTHREADS shapes of enkash-mock serve to measure, or `default` (no flags); "
                             "the last one is judged against the targets and runs scaling")
    parser.add_argument("--starts", type=int, default=7, help="start-ups to take the median of")
    parser.add_argument("--big-wallets", type=int, default=1_000_000)
    parser.add_argument("--ledger-requests", type=int, default=2000,
                        help="transaction/all reads at 100 and at 100,000 stored transactions")
    parser.add_argument("--no-postgres", action="store_true",
                        help="skip the PostgreSQL cases (else: ENKASH_BENCH_POSTGRES_URL, or a throwaway server)")
    parser.add_argument("--only-postgres", action="store_true",
                        help="a quick look: SQLite and PostgreSQL on the last shape, nothing else")
    args = parser.parse_args(argv)
    shapes = args.servers.split(",")
    if args.only_postgres:
        return _postgres_only(shapes[-1], args)
    with tempfile.TemporaryDirectory(prefix="enkash-bench-") as tmp_name:
        tmp = Path(tmp_name)
        results = {
            "machine": {"cpus": _cpus(), "python": platform.python_version(), "platform": platform.platform()},
            "settings": vars(args),
            **dict(zip(("mock", "postgres", "prism"), throughput(tmp, shapes, args), strict=True)),
            "startup": startup(tmp, args.starts),
            "scaling": scaling(tmp, shapes[-1], args),
            "inprocess": inprocess_overhead(),
            "contracts": contract_speed(tmp),
            "contracts_ceiling": ceiling(),  # bench/contracts_ceiling.py: what generation alone costs
            "ledger": ledger_scale(args.ledger_requests),
            "fixtures": fixture_figures(),
            "servers": server_comparison(tmp, args.rounds, args.connections, args.seconds),
            "webhooks": ledger_delivery(),
            "topup": topup_vs_prism(tmp, args.rounds, args.connections, args.seconds),
            "app_cpu": app_cpu(),  # bench/wsgi_loop.py: CPU per call of the mock's app vs bare Flask, no server
        }
    results["ratios"] = ratios(results)
    results["ratios"].update(server_ratios(results["servers"]))
    results["ratios"]["targets"].update(server_targets(results["ratios"]))
    if "target_met" in results["topup"]:
        results["ratios"]["targets"]["top-up >= Prism, p99 <= Prism, every request succeeds"] = (
            results["topup"]["target_met"])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(render_markdown(results) + "\n" + render_topup(results["topup"]))
    print((RESULTS / "latest.md").read_text())
    return 0


def _postgres_only(shape: str, args) -> int:
    """SQLite beside PostgreSQL (one server, and two replicas) on one shape; printed, not recorded."""
    with tempfile.TemporaryDirectory(prefix="enkash-bench-") as tmp_name, ExitStack() as stack:
        targets = {f"sqlite {shape}": _start_mock(stack, f"sqlite:{tmp_name}/{shape}.db", shape),
                   **_postgres_targets(stack, shape)}
        measured = interleave(targets, args.rounds, args.connections, args.seconds)
    print(render_store_table(measured))
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
