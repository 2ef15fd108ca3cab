"""Run a scenario's steps in order against a target; each run on the mock gets its own session."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import replace
from typing import Any

import httpx

from ..secrecy import mask_secrets
from ..secrecy import redact as mask_text
from ..secrecy import redact_values as redact
from ..targets import Target
from .loader import Scenario
from .matchers import Check, check_expectations, select
from .receivers import start_receiver
from .results import ScenarioResult, StepResult, shape_of
from .routing import resolve_url
from .templating import Context, TemplateError, is_secret_name, render

__all__ = ["SESSION_HEADER", "run_scenario"]

SESSION_HEADER = "X-Mock-Session"
_EVENTUALLY_POLL_SECONDS = 0.1
StepCallback = Callable[[StepResult], None]


def run_scenario(scenario: Scenario, target: Target, client: httpx.Client, *, env: Mapping[str, str] | None = None,
                 keep_going: bool = False, on_step: StepCallback | None = None) -> ScenarioResult:
    result = ScenarioResult(scenario.name, scenario.source, target.name)
    wanted = scenario.data.get("targets")
    if wanted and target.name not in wanted:
        result.skipped = f"meant for {', '.join(wanted)}, not {target.name}"
        return result
    context = Context(target, env=env) if env is not None else Context(target)
    session = f"scn-{uuid.uuid4().hex[:12]}" if target.is_mock else None
    stop = scenario.data.get("stop_on_failure", True) and not keep_going
    _set_vars(scenario, context, result)
    if result.steps and on_step:
        on_step(result.steps[0])
    with ExitStack() as receivers:  # every receiver the scenario started stops with it
        for index, step in enumerate(scenario.steps, 1):
            if result.outcome == "failed" and stop:
                break
            if "receiver" in step:
                step_result = start_receiver(index, step, context, receivers)
            else:
                step_result = _run_step(index, step, scenario.data.get("defaults") or {}, context, client, session)
            result.steps.append(step_result)
            if on_step:
                on_step(step_result)
    return result


def _set_vars(scenario: Scenario, context: Context, result: ScenarioResult) -> None:
    try:
        for name, value in (scenario.data.get("vars") or {}).items():
            context.remember(name, render(value, context))
    except TemplateError as error:
        result.steps.append(StepResult(0, "vars", outcome="error", message=str(error)))


def _run_step(index: int, step: dict, defaults: dict, context: Context, client: httpx.Client,
              session: str | None) -> StepResult:
    admin = step.get("admin", False)
    result = StepResult(index, step.get("name") or _default_name(step["request"]), admin=admin)
    if admin and not context.target.is_mock:
        return _without_admin(result, step, context)
    deadline = time.monotonic() + float(step.get("eventually", 0))
    while True:
        try:
            request = render(step["request"], context)
            method, url, host = resolve_url(request, context.target, admin)
            headers = _headers(request, defaults, host, context, session)
            result.method, result.url = method, url.split("?")[0]
            response, result.elapsed_ms = _send(client, method, url, request, headers)
        except TemplateError as error:
            return replace(result, outcome="error", message=f"cannot build the request: {error}")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return replace(result, outcome="error", message=f"no response from {result.url or 'the target'}: "
                                                            f"{type(error).__name__}")
        judged = _judge(replace(result, checks=[]), step, response, context)
        if judged.outcome != "failed" or time.monotonic() >= deadline:  # `eventually`: ask again until it holds
            return judged
        time.sleep(_EVENTUALLY_POLL_SECONDS)


def _without_admin(result: StepResult, step: dict, context: Context) -> StepResult:
    alternative = step.get("alternative")
    if not alternative:
        reason = f"admin step needs the mock's admin API; target {context.target.name} has none"
        return replace(result, outcome="skipped", message=reason)
    try:
        for name, value in alternative["vars"].items():
            context.remember(name, render(value, context))
    except TemplateError as error:
        return replace(result, outcome="error", message=f"alternative: {error}")
    return replace(result, message="admin step replaced by its alternative")


def _headers(request: dict, defaults: dict, host: str, context: Context, session: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if host == "api":
        headers.update({k: str(v) for k, v in render(defaults.get("headers") or {}, context).items()})
    lowered = {k.lower(): k for k in headers}
    for key, value in (request.get("headers") or {}).items():
        headers.pop(lowered.get(key.lower(), key), None)
        headers[key] = str(value)
    if session:
        headers[SESSION_HEADER] = session
    return headers


def _send(client: httpx.Client, method: str, url: str, request: dict, headers: dict) -> tuple[httpx.Response, float]:
    query = {key: str(value) for key, value in (request.get("query") or {}).items()}
    kwargs: dict[str, Any] = {"headers": headers, "params": query}
    if "form" in request:
        kwargs["data"] = {k: str(v) for k, v in request["form"].items()}
    elif "body" in request:
        kwargs["json"] = request["body"]
    started = time.perf_counter()
    response = client.request(method, url, **kwargs)
    return response, (time.perf_counter() - started) * 1000


def _judge(result: StepResult, step: dict, response: httpx.Response, context: Context) -> StepResult:
    body = _json_or_none(response)
    context.secrets.update(_secret_values(body))
    result.status = response.status_code
    result.observed = {"status": response.status_code, "shape": shape_of(body) if body is not None else {}}
    if isinstance(body, dict) and "response_code" in body:
        result.observed["response_code"] = body["response_code"]
    try:
        expect = render(step.get("expect") or {}, context)
    except TemplateError as error:
        return replace(result, outcome="error", message=f"cannot build the expectations: {error}")
    result.checks = check_expectations(expect, response.status_code, body)
    result.checks += _capture(step.get("capture") or {}, body, context)
    result.checks = [_redacted(check, context.secrets) for check in result.checks]
    result.outcome = "failed" if result.failures else "passed"
    if result.failures:  # what the target said, so "expected 200, got 400" comes with its reason
        result.response = _excerpt(body, response, context.secrets)
        result.violations = [redact(line, context.secrets) for line in _violations(body)]
    return result


_EXCERPT_CHARS = 600


def _excerpt(body: Any, response: httpx.Response, secrets: set[str]) -> str:
    text = json.dumps(mask_secrets(body), ensure_ascii=False) if body is not None else response.text
    text = redact(mask_text(text), secrets)
    return text if len(text) <= _EXCERPT_CHARS else text[:_EXCERPT_CHARS] + " …"


def _violations(body: Any) -> list[str]:
    """The envelope's `payload.violations` (location, field, message), as `body.firstName: is required`."""
    payload = body.get("payload") if isinstance(body, dict) else None
    found = payload.get("violations") if isinstance(payload, dict) else None
    if not isinstance(found, list):
        return []
    lines = []
    for item in found:
        if isinstance(item, dict):
            where = ".".join(str(part) for part in (item.get("location"), item.get("field")) if part)
            lines.append(f"{where}: {item.get('message', '')}" if where else str(item.get("message", "")))
    return lines


def _capture(captures: dict, body: Any, context: Context) -> list[Check]:
    problems = []
    for name, path in captures.items():
        value = select(path, body)
        if value is None or isinstance(value, str | int | float | bool | list | dict):
            context.remember(name, value)
        else:
            problems.append(Check(path, f"a value to capture as {name}", "(missing)", False))
    return problems


def _secret_values(value: Any, key: str = "") -> set[str]:
    """Strings under secret-looking keys (tokens, OTPs) anywhere in a response body."""
    if isinstance(value, dict):
        return set().union(*(_secret_values(item, str(k)) for k, item in value.items()))
    if isinstance(value, list):
        return set().union(*(_secret_values(item, key) for item in value))
    return {value} if isinstance(value, str) and value and is_secret_name(key) else set()


def _redacted(check: Check, secrets: set[str]) -> Check:
    return replace(check, expected=redact(check.expected, secrets), actual=redact(check.actual, secrets))


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _default_name(request: dict) -> str:
    return request.get("operation") or f"{request.get('method', '')} {request.get('path') or request.get('url')}"

