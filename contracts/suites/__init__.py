"""Contract suites aimed at a target: conformance (schemathesis) and stateful (hypothesis state machine)."""

__all__: list[str] = []
