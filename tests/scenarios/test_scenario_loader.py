"""Scenario files: the library loads; a bad file gets errors naming the line and what is wrong."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from contracts.scenarios.loader import ScenarioError, line_of, load_file, load_text

from .support import LIBRARY


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_text(textwrap.dedent(text), "bad.yaml")
    return caught.value.problems


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.name)
def test_every_library_scenario_loads(path):
    scenario = load_file(path)
    assert scenario.name and scenario.steps


def test_library_has_the_required_scenarios():
    names = {load_file(path).name for path in LIBRARY}
    assert {"onboarding to MIN_KYC", "VKYC approved", "VKYC rejected", "OTP wrong", "OTP reused", "OTP expired",
            "token expiry and refresh", "lockout after failed logins", "partner isolation"} <= names


def test_line_of_follows_a_schema_path_through_the_yaml_tree():
    node = yaml.compose("a: 1\nsteps:\n  - x: 1\n  - request:\n      path: /p\n")
    assert line_of(node, ["steps", 1, "request", "path"]) == 5
    assert line_of(node, ["steps", 0]) == 3
    assert line_of(node, ["steps", 1, "missing"]) == 4  # the nearest existing parent


def test_wrong_type_names_its_line_and_path():
    problems = _problems("""\
        name: x
        steps:
          - request: {operation: getToken}
            expect:
              status: "two hundred"
        """)
    assert problems == ['bad.yaml:5: steps[0].expect.status: "two hundred" is not of type "integer"']


def test_unknown_field_points_at_the_key():
    problems = _problems("""\
        name: x
        steps:
          - request: {operation: getToken}
            expcet: {status: 200}
        """)
    assert problems == ["bad.yaml:4: steps[0].expcet: unknown field 'expcet'"]


def test_missing_required_field_points_at_the_object():
    problems = _problems("""\
        name: x
        steps:
          - name: no request here
        """)
    assert problems[0].startswith("bad.yaml:3: steps[0]:") and "request" in problems[0]


@pytest.mark.parametrize(("step", "line", "message"), [
    ("- request: {operation: nope}", 3, "unknown operation 'nope'"),
    ("- request: {path: /api/x}", 3, "a request by path needs a method"),
    ("- request: {operation: getToken, path: /x}", 3, "give exactly one of operation"),
    ("- request: {operation: getToken}\n    capture: {t: '$.a['}", 4, "bad JSONPath '$.a['"),
    ("- request: {operation: getToken}\n    expect: {json: {$.a: {regex: '('}}}", 4, "bad regex"),
    ("- request: {operation: getToken, body: {}, form: {}}", 3, "give body or form, not both"),
])
def test_semantic_problems_name_line_and_cause(step, line, message):
    problems = _problems(f"name: x\nsteps:\n  {step}\n")
    assert len(problems) == 1 and problems[0].startswith(f"bad.yaml:{line}:") and message in problems[0]


def test_yaml_syntax_errors_carry_the_line():
    problems = _problems("name: x\nsteps:\n  - request: {operation: getToken}\n    name: a: b\n")
    assert problems == ["bad.yaml:4: not valid YAML: mapping values are not allowed here"]


def test_unreadable_file_is_a_scenario_error(tmp_path):
    with pytest.raises(ScenarioError, match="cannot read"):
        load_file(tmp_path / "missing.yaml")


def test_dates_stay_strings_as_api_bodies_need_them():
    scenario = load_text("name: x\nsteps:\n  - request: {operation: getToken, body: {d: 2026-11-25, n: 1}}\n")
    assert scenario.steps[0]["request"]["body"] == {"d": "2026-11-25", "n": 1}


def test_a_variable_must_be_set_before_it_is_used():
    problems = _problems("""\
        name: order matters
        vars:
          first: ${second}
          second: ${random:mobile}
        defaults:
          headers: {Authorization: "Bearer ${token}", X-Extra: "${nowhere}"}
        steps:
          - request: {operation: getToken, form: {username: "${first}"}}
            expect: {json: {$.x: "${token}"}}
            capture: {token: $.access_token}
          - request: {operation: getWalletDetails, body: {enKashCardId: "${wallet}", note: "$${literal}"}}
            capture: {wallet: $.payload.enKashCardId}
        """)
    assert problems == [
        "bad.yaml:3: vars.first: variable 'second' is not set by vars or an earlier step's capture",
        "bad.yaml:6: defaults.headers.X-Extra: variable 'nowhere' is not set by vars or any step's capture",
        "bad.yaml:9: steps[0].expect.json.$.x: variable 'token' is not set by vars or an earlier step's capture",
        "bad.yaml:11: steps[1].request.body.enKashCardId: variable 'wallet' is not set by vars or an earlier "
        "step's capture",
    ]
