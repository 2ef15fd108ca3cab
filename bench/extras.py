"""Figures measured by other tools: in-process (respx) overhead, the contract suite's cases/s, ledger scale."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from mockproc import REPO

__all__ = ["contract_speed", "inprocess_overhead", "ledger_scale"]

BENCH = Path(__file__).resolve().parent
CONTRACTS_CLI = Path(sys.executable).with_name("enkash-contracts")


def inprocess_overhead() -> dict:
    """bench/inprocess.py's JSON (median ms per call through respx, no sockets), if that script exists."""
    script = BENCH / "inprocess.py"
    if not script.exists():
        return {"todo": "bench/inprocess.py not present"}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, cwd=REPO)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"bench/inprocess.py exited {done.returncode}", "stderr": done.stderr[-500:]}
    return json.loads(lines[-1])


def contract_speed(tmp: Path, seed: int = 1) -> dict:
    """`enkash-contracts run --target mock --profile ci` in-process (the default) and `--over-http`, same seed,
    one after the other in this run; cases/s of each and their ratio (issue 14's target: >= 3)."""
    command = [str(CONTRACTS_CLI), "run", "--target", "mock", "--profile", "ci", "--seed", str(seed)]
    if not CONTRACTS_CLI.exists() or _help_fails(command[:2]):
        return {"todo": "enkash-contracts run is not available in this build", "command": " ".join(command[1:])}
    figures = {name: _contract_run([*command, *extra], tmp / f"contracts-{name}.xml")
               for name, extra in (("in_process", []), ("over_http", ["--over-http"]))}
    rates = [figures[name].get("cases_per_s") for name in ("in_process", "over_http")]
    if all(rates):
        figures["in_process_vs_http"] = round(rates[0] / rates[1], 2)
    # CPU seconds (the suite and, over HTTP, the server it starts and waits for): on a shared machine the two
    # runs meet different loads one after the other, and this is the figure that load moves least.
    per_cpu = [figures[name].get("cases", 0) / figures[name]["cpu_seconds"] for name in ("in_process", "over_http")]
    if all(per_cpu):
        figures["in_process_vs_http_cpu"] = round(per_cpu[0] / per_cpu[1], 2)
    return figures


def ledger_scale(requests: int = 2000) -> dict:
    """bench/ledger_scale.py's JSON: transaction/all p99 with 100,000 stored transactions vs 100."""
    done = subprocess.run([sys.executable, str(BENCH / "ledger_scale.py"), str(requests)], capture_output=True,
                          text=True, timeout=1800, cwd=REPO)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"bench/ledger_scale.py exited {done.returncode}", "stderr": done.stderr[-500:]}
    return json.loads(lines[-1])


def _contract_run(command: list[str], junit: Path) -> dict:
    command = [*command, "--junit", str(junit)]
    started, cpu_before = time.monotonic(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=REPO)
    seconds = time.monotonic() - started
    result = {"command": " ".join(["enkash-contracts", *command[1:-2]]), "exit_code": done.returncode,
              "wall_seconds": round(seconds, 2), "cpu_seconds": round(_children_cpu() - cpu_before, 2)}
    summary = re.search(r"(\d+) cases in ([\d.]+)s \(([\d.]+) cases/s\)", done.stdout + done.stderr)
    if summary:  # the suite's own count and timing (cases = generated requests, not JUnit test cases)
        result.update(cases=int(summary[1]), suite_seconds=float(summary[2]), cases_per_s=float(summary[3]))
    elif junit.exists():
        result.update(junit_tests=_cases_from_junit(junit))
    result["cases_per_wall_s"] = round(result.get("cases", 0) / seconds, 1)
    return result


def _children_cpu() -> float:
    """User + system CPU of every child process waited for so far (their own waited children included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _help_fails(command: list[str]) -> bool:
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    return done.returncode != 0


def _cases_from_junit(path: Path) -> int:
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counted = sum(int(suite.get("tests", 0)) for suite in suites)
    return counted or sum(1 for _ in root.iter("testcase"))
