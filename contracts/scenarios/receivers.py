"""The scenario step that starts a local webhook receiver: `receiver: {as: hook_url, script: [500, 500]}`.

The receiver (contracts.areas.events.receiver) listens on 127.0.0.1 on a free port and answers the
script's statuses in turn, then 200; its URL is remembered as the variable `as`, so later (admin) steps
register it and read the mock's delivery log. Every receiver a scenario started stops when it ends.
"""

from __future__ import annotations

from contextlib import ExitStack

from ..areas.events.receiver import SuiteReceiver
from .results import StepResult
from .templating import Context

__all__ = ["start_receiver"]


def start_receiver(index: int, step: dict, context: Context, running: ExitStack) -> StepResult:
    spec = step["receiver"]
    receiver = running.enter_context(SuiteReceiver(spec.get("script")))
    context.remember(spec["as"], receiver.url)
    name = step.get("name") or f"receiver {spec['as']}"
    script = ", ".join(map(str, spec.get("script") or [])) or "200"
    # admin: like a mock admin call, not part of the API conversation (`diff` leaves it out)
    return StepResult(index, name, outcome="passed", method="LISTEN", url=receiver.url, admin=True,
                      message=f"answers {script}, then 200")
