"""Contract suites, QA scenarios and test tooling aimed at a target: the mock or the UAT sandbox.

This package never imports `mock_server` except to start it as a target.
"""

from pathlib import Path

__all__ = ["SPEC_PATH"]

# A symlink to the repository's openapi.yaml in a checkout; the file itself in a built wheel.
SPEC_PATH = Path(__file__).resolve().parent / "openapi.yaml"
