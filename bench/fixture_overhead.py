"""What the pytest fixtures cost a user's suite: `enkash_mock` against respx's own `respx_mock`, the
live fixture, and the plugin's import at pytest start-up.

    .venv/bin/python bench/fixture_overhead.py [--tests 200] [--repeats 3]

Each figure comes from a real `pytest` run in a subprocess over generated test files:
- per test: from the end of the first test to the end of the last (a conftest hook times it; the first
  test pays the once-per-session costs), divided by the tests after the first, minus the same for as
  many empty tests (pytest's own cost per test);
- `enkash_mock`: each test makes one token call through the fixture; `respx_mock`: one call answered
  by a canned respx route; one httpx.Client per module in both, as a suite would hold it;
- live: `enkash_live_mock` alone (the per-test reset), the server shared by the session;
- import: wall time of `pytest --collect-only` on one empty test, with and without `-p no:enkash`, and
  (less noisy) the time `import mock_server.testing.plugin` takes in a fresh process after `import pytest`.
Medians of `--repeats` runs. Prints JSON; `bench/run.py` calls `fixture_figures()`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["fixture_figures"]

# Times from the end of the first test to the end of the last: the first test pays what is paid
# once per session (imports, building the app, starting the live server), the rest what each test pays.
_CONFTEST = '''
import json, os, time

FINISHED = []

def pytest_runtest_logfinish(nodeid, location):
    FINISHED.append(time.perf_counter())

def pytest_sessionfinish(session):
    with open(os.environ["LOOP_TIME_FILE"], "w") as out:
        json.dump({"seconds": FINISHED[-1] - FINISHED[0], "tests": len(FINISHED) - 1}, out)
'''

_HEAD = '''
import httpx, pytest
AUTH = "https://ekpayout-uat.enkash.in/oauth/token"
FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
BASIC = {"Authorization": "Basic Og=="}
HTTP = httpx.Client()
'''

SUITES = {
    "empty": "\n@pytest.mark.parametrize('n', range({tests}))\ndef test_it(n):\n    pass\n",
    "enkash_mock": ("\n@pytest.mark.parametrize('n', range({tests}))\ndef test_it(enkash_mock, n):\n"
                    "    assert HTTP.post(AUTH, data=FORM, headers=BASIC).status_code == 200\n"),
    "respx_mock": ("\n@pytest.mark.parametrize('n', range({tests}))\ndef test_it(respx_mock, n):\n"
                   "    respx_mock.post(AUTH).respond(200, json={{'access_token': 't', 'token_type': 'bearer'}})\n"
                   "    assert HTTP.post(AUTH, data=FORM, headers=BASIC).status_code == 200\n"),
    "enkash_live_mock": ("\n@pytest.mark.parametrize('n', range({tests}))\ndef test_it(enkash_live_mock, n):\n"
                         "    pass\n"),
}


def _per_test_ms(directory: Path, suite: str, tests: int) -> float:
    test_file = directory / f"test_{suite}.py"
    test_file.write_text(_HEAD + SUITES[suite].format(tests=tests))
    timing = directory / f"{suite}.json"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
                          cwd=directory, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "LOOP_TIME_FILE": str(timing)})
    if done.returncode != 0:
        raise RuntimeError(f"{suite} suite failed:\n{done.stdout[-2000:]}")
    found = json.loads(timing.read_text())
    return found["seconds"] / found["tests"] * 1000


def _collect_seconds(directory: Path, *flags: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *flags,
                    "test_nothing.py"], cwd=directory, capture_output=True, check=True, timeout=120)
    return time.perf_counter() - started


_IMPORT_TIMER = (
    "import time, pytest; started = time.perf_counter(); import mock_server.testing.plugin; "
    "print((time.perf_counter() - started) * 1000)"
)


def _plugin_module_ms() -> float:
    """What importing the plugin module adds once pytest itself is imported (a fresh process each time)."""
    done = subprocess.run([sys.executable, "-c", _IMPORT_TIMER], capture_output=True, text=True, check=True,
                          timeout=120)
    return float(done.stdout.strip())


def fixture_figures(tests: int = 200, repeats: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="enkash-fixtures-") as name:
        directory = Path(name)
        (directory / "conftest.py").write_text(_CONFTEST)
        per_test: dict[str, list[float]] = {suite: [] for suite in SUITES}
        for _ in range(repeats):  # suites interleaved per repeat, so outside load hits each alike
            for suite in SUITES:
                per_test[suite].append(_per_test_ms(directory, suite, tests))
        ms = {suite: statistics.median(found) for suite, found in per_test.items()}
    with tempfile.TemporaryDirectory(prefix="enkash-collect-") as name:
        directory = Path(name)
        (directory / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
        with_plugin, without = [], []
        for _ in range(max(5, repeats * 2)):
            with_plugin.append(_collect_seconds(directory))
            without.append(_collect_seconds(directory, "-p", "no:enkash"))
    overhead = {suite: ms[suite] - ms["empty"] for suite in SUITES if suite != "empty"}
    return {
        "tests_per_suite": tests, "repeats": repeats,
        "per_test_ms": {suite: round(value, 3) for suite, value in ms.items()},
        "overhead_ms": {suite: round(value, 3) for suite, value in overhead.items()},
        "enkash_mock_vs_respx_mock": round(overhead["enkash_mock"] / overhead["respx_mock"], 2),
        "plugin_import_ms": round((statistics.median(with_plugin) - statistics.median(without)) * 1000, 1),
        "plugin_module_import_ms": round(statistics.median(_plugin_module_ms() for _ in range(7)), 2),
        "collect_empty_ms": {"with_plugin": round(statistics.median(with_plugin) * 1000, 1),
                             "without_plugin": round(statistics.median(without) * 1000, 1)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(fixture_figures(args.tests, args.repeats), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
