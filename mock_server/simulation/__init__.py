"""Runtime simulation controls: the per-session journal, runtime fault rules and secret redaction.

- `hooks`: the journal and fault rules wired into the app (request hooks and the WSGI drop switch)
- `journal`: the per-session request log (rows in the store or a per-process ring)
- `faults`: runtime fault rules, a product feature (latency, errors, drops), parsed and matched
- `redaction`: the one list of secrets masked before anything is journalled or logged

Not the planted contract violations: those are `mock_server.selftest`, off the request path.
"""

from .hooks import DROP_KEY, FAULT_HEADER, DropMiddleware, Simulation, install, simulation_of

__all__ = ["DROP_KEY", "FAULT_HEADER", "DropMiddleware", "Simulation", "install", "simulation_of"]
