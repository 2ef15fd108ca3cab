"""Contract suites, QA scenarios and test tooling aimed at a target: the mock or the UAT sandbox.

This package never imports `mock_server` except to start it as a target.
"""

__all__: list[str] = []
