"""Figures measured by other tools: in-process (respx) overhead and the contract suite's cases/s."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from mockproc import REPO

__all__ = ["contract_speed", "inprocess_overhead"]

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


def contract_speed(tmp: Path) -> dict:
    """Time `enkash-contracts run --target mock --profile ci` and count its cases from the JUnit report."""
    command = [str(CONTRACTS_CLI), "run", "--target", "mock", "--profile", "ci"]
    if not CONTRACTS_CLI.exists() or _help_fails(command[:2]):
        return {"todo": "enkash-contracts run is not available in this build", "command": " ".join(command[1:])}
    junit = tmp / "contracts-junit.xml"
    help_text = subprocess.run([*command[:2], "--help"], capture_output=True, text=True, timeout=60).stdout
    if "--junit" in help_text:
        command += ["--junit", str(junit)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=REPO)
    seconds = time.monotonic() - started
    result = {"command": " ".join(["enkash-contracts", *command[1:]]), "exit_code": done.returncode,
              "wall_seconds": round(seconds, 2)}
    summary = re.search(r"(\d+) cases in ([\d.]+)s \(([\d.]+) cases/s\)", done.stdout + done.stderr)
    if summary:  # the suite's own count and timing (cases = generated requests, not JUnit test cases)
        result.update(cases=int(summary[1]), suite_seconds=float(summary[2]), cases_per_s=float(summary[3]))
    elif junit.exists():
        result.update(junit_tests=_cases_from_junit(junit))
    result["cases_per_wall_s"] = round(result.get("cases", 0) / seconds, 1)
    return result


def _help_fails(command: list[str]) -> bool:
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    return done.returncode != 0


def _cases_from_junit(path: Path) -> int:
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counted = sum(int(suite.get("tests", 0)) for suite in suites)
    return counted or sum(1 for _ in root.iter("testcase"))
