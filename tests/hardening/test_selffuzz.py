"""A short self-fuzz in CI: scripts/selffuzz.sh (schemathesis, all phases, every check) with few examples.

The long run (> 10,000 cases) is `scripts/selffuzz.sh` with its default; this one keeps to ~20 s.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "selffuzz.sh"


@pytest.mark.skipif(shutil.which("bash") is None, reason="scripts/selffuzz.sh needs bash")
def test_short_selffuzz_finds_no_failure():
    # the running interpreter's environment, wherever it lives (not necessarily the repo's .venv)
    env = {**os.environ, "VIRTUAL_ENV": sys.prefix}
    # 26 operations take about 2 minutes on a busy 2-core machine: the timeout leaves room for that
    done = subprocess.run(["bash", str(SCRIPT), "15"], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    total = re.search(r"self-fuzz total: (\d+) cases", done.stdout)
    assert total and int(total.group(1)) >= 500, done.stdout[-2000:]
    assert re.search(r"\d+ generated, \d+ passed", done.stdout)
