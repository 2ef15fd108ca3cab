"""The scenario format's receiver step and `eventually`: what a webhook scenario needs."""

from __future__ import annotations

import httpx
import pytest

from contracts.scenarios.loader import ScenarioError, load_text
from contracts.scenarios.runner import run_scenario
from contracts.targets import resolve_target

RECEIVER_THEN_POST = """
name: receiver
steps:
  - receiver: {as: hook, script: [503]}
  - name: post to it twice
    request: {method: POST, url: "${hook}", body: {a: 1}}
    expect: {status: 503}
  - request: {method: POST, url: "${hook}", body: {a: 2}}
    expect: {status: 200, json: {$.status: ok}}
"""


def _target():
    return resolve_target("mock", api_url="http://127.0.0.1:9", auth_url="http://127.0.0.1:9")


def test_a_receiver_step_answers_its_script_and_stops_with_the_scenario():
    scenario = load_text(RECEIVER_THEN_POST)
    with httpx.Client() as client:
        result = run_scenario(scenario, _target(), client)
        assert [step.outcome for step in result.steps] == ["passed"] * 3, result.steps
        url = result.steps[0].url
        with pytest.raises(httpx.TransportError):
            client.post(url, json={}, timeout=1)


def test_a_receiver_step_sends_nothing_and_is_refused_with_a_request_too():
    with pytest.raises(ScenarioError):
        load_text("name: x\nsteps:\n  - receiver: {as: hook}\n    request: {method: GET, path: /x}\n")
    with pytest.raises(ScenarioError, match="'hook' is not set"):
        load_text("name: x\nsteps:\n  - request: {method: GET, url: '${hook}'}\n  - receiver: {as: hook}\n")


def _counting_client(ready_after: int) -> tuple[httpx.Client, list[int]]:
    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(200, json={"status": "DELIVERED" if len(calls) > ready_after else "PENDING"})

    return httpx.Client(transport=httpx.MockTransport(answer)), calls


POLL = """
name: poll
steps:
  - request: {method: GET, path: /__admin/webhooks/deliveries/x}
    admin: true
    eventually: {seconds}
    expect: {json: {$.status: DELIVERED}}
"""


def test_eventually_asks_again_until_the_expectation_holds():
    client, calls = _counting_client(ready_after=3)
    result = run_scenario(load_text(POLL.replace("{seconds}", "5")), _target(), client)
    assert result.steps[0].outcome == "passed" and len(calls) == 4


def test_eventually_gives_up_after_its_seconds_and_without_it_one_try_decides():
    client, calls = _counting_client(ready_after=1000)
    result = run_scenario(load_text(POLL.replace("{seconds}", "0.3")), _target(), client)
    assert result.steps[0].outcome == "failed" and 2 <= len(calls) <= 5
    client, calls = _counting_client(ready_after=0)
    once = run_scenario(load_text(POLL.replace("    eventually: {seconds}\n", "")), _target(), client)
    assert once.steps[0].outcome == "passed" and len(calls) == 1
