"""Stoplight Prism, the stateless reference mock, serving the same openapi.yaml for comparison.

Installed from the npm registry into bench/node_modules on first use (bench/package.json pins it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mockproc import REPO, free_port, served

__all__ = ["prism_binary", "serve_prism"]

BENCH = Path(__file__).resolve().parent
PRISM = BENCH / "node_modules" / ".bin" / "prism"


def prism_binary() -> Path | None:
    """The Prism CLI, installing it with npm if needed; None when npm is not available."""
    if PRISM.exists():
        return PRISM
    if shutil.which("npm") is None:
        return None
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(BENCH)], check=True,
                   capture_output=True, timeout=600)
    return PRISM if PRISM.exists() else None


def serve_prism(binary: Path, log_path=None):
    port = free_port()
    # `-v error`: Prism logs every request at the default level, which would slow it down unfairly.
    command = [str(binary), "mock", str(REPO / "openapi.yaml"), "-h", "127.0.0.1", "-p", str(port),
               "--errors=false", "-v", "error"]
    return served(command, port, log_path)
