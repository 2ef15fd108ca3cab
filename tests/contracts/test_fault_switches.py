"""The suite bites: against a mock with a planted fault it fails naming the right check; without, it passes.

Generated from the planted violations' own declarations (`mock_server.selftest.PLANTED`: the check
that must catch each one and the suite arguments that reach it). Each mock runs as a separate
process (`enkash-mock serve --fault NAME`), reached by URL like any target.
"""

from __future__ import annotations

import pytest

from contracts.cli import main
from contracts.targets import resolve_target, running_target
from mock_server.selftest import PLANTED

pytestmark = pytest.mark.e2e

def _run(url: str, tmp_path, *extra: str) -> tuple[int, str, str]:
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    code = main(["run", "--target", "mock", "--auth-url", url, "--api-url", url, "--seed", "7",
                 "--report", str(report), "--junit", str(junit), *extra])
    return code, report.read_text(encoding="utf-8"), junit.read_text(encoding="utf-8")


@pytest.mark.parametrize("fault", sorted(PLANTED))
def test_each_planted_fault_makes_the_suite_fail(fault, tmp_path):
    arguments, check = PLANTED[fault].suite, PLANTED[fault].caught_by
    with running_target(resolve_target("mock"), "--fault", fault) as target:
        code, report, junit = _run(target.api_url, tmp_path, "--fail-fast", "--max-examples", "10", *arguments)
    assert code == 1, report
    assert f"`{check}`" in report
    assert f'type="{check}"' in junit


def test_the_clean_mock_passes_the_whole_ci_profile_in_process(tmp_path, capsys):
    """No URL: the default for --target mock is the app in-process (faster than a socket; the planted
    faults above and the sandbox path still go over real HTTP)."""
    report, junit = tmp_path / "report.md", tmp_path / "junit.xml"
    code = main(["run", "--target", "mock", "--seed", "7", "--report", str(report), "--junit", str(junit)])
    report, junit = report.read_text(encoding="utf-8"), junit.read_text(encoding="utf-8")
    summary = capsys.readouterr().out
    assert code == 0, report
    assert "PASSED" in summary and "cases/s" in summary
    assert "<failure" not in junit and "<error" not in junit
    assert "All checks held." in report
