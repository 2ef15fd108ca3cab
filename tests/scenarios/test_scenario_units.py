"""Templating, matchers, host routing, redaction and shapes: the small pieces the runner stands on."""

from __future__ import annotations

import re

import pytest

from contracts.scenarios.matchers import check_expectations
from contracts.scenarios.results import shape_of
from contracts.scenarios.routing import resolve_url
from contracts.scenarios.scrub import Literals, is_volatile, pii_kind
from contracts.scenarios.templating import Context, TemplateError, render
from contracts.secrecy import redact_values as redact
from contracts.targets import resolve_target

MOCK = resolve_target("mock", "http://127.0.0.1:1", "http://127.0.0.1:1", env={})
UAT_ENV = {"ENKASH_USERNAME": "u", "ENKASH_PASSWORD": "pw-uat-1", "ENKASH_CLIENT_ID": "CEKAAAAAAA",
           "ENKASH_PARTNER_ID": "CRAAAAAAA", "ENKASH_COMPANY_ID": "CEKBBBBBBB", "ENKASH_CARD_ACCOUNT_ID": "CA12345"}
UAT = resolve_target("uat", env=UAT_ENV)


def test_references_resolve_and_whole_references_keep_their_type():
    context = Context(MOCK, env={})
    context.remember("n", 7)
    assert render({"a": "${n}", "b": "x${n}y", "c": ["${target:partner_id}"]}, context) == \
        {"a": 7, "b": "x7y", "c": ["CRM338L2H"]}
    assert render("$${literal}", context) == "${literal}"


def test_env_wins_and_credentials_stand_in_for_enkash_names():
    assert render("${env:ENKASH_PASSWORD}", Context(MOCK, env={})) == "Test@1234567"
    assert render("${env:ENKASH_PASSWORD}", Context(UAT, env=UAT_ENV)) == "pw-uat-1"
    assert render("${env:ENKASH_PARTNER2_USERNAME}", Context(MOCK, env={})) == "6009990001"
    with pytest.raises(TemplateError, match="ENKASH_PARTNER2_USERNAME is not set"):
        render("${env:ENKASH_PARTNER2_USERNAME}", Context(UAT, env=UAT_ENV))  # mock seed data never goes to UAT


def test_secrets_used_in_templates_are_remembered_for_redaction():
    context = Context(MOCK, env={})
    render("${target:basic_auth} ${env:ENKASH_PASSWORD}", context)
    context.remember("token", "tok-123456")
    context.remember("wallet", "EKCAAAAAAA")
    assert {"Basic Og==", "Test@1234567", "tok-123456"} <= context.secrets
    assert "EKCAAAAAAA" not in context.secrets


@pytest.mark.parametrize(("ref", "pattern"), [
    ("mobile", r"[6-9]\d{9}"), ("pan", r"[A-Z]{5}\d{4}[A-Z]"), ("email", r"qa\.[0-9a-f]{10}@example\.com"),
])
def test_random_values_have_the_right_shape(ref, pattern):
    assert re.fullmatch(pattern, render(f"${{random:{ref}}}", Context(MOCK, env={})))


def test_unknown_variable_says_which():
    with pytest.raises(TemplateError, match="'wallet' is not set"):
        render("${wallet}", Context(MOCK, env={}))


BODY = {"response_code": 0, "payload": {"id": "EKC1", "n": 1, "ok": True, "items": [1, 2]}}


@pytest.mark.parametrize(("matcher", "ok"), [
    ("EKC1", True), ("EKC2", False), ({"regex": "^EKC\\d$"}, True), ({"regex": "^X"}, False),
    ({"type": "string"}, True), ({"type": "integer"}, False), ({"present": True}, True), ({"absent": True}, False),
    ({"ignore": True}, True), ({"equals": "EKC1"}, True),
])
def test_matchers_on_a_string(matcher, ok):
    (check,) = check_expectations({"json": {"$.payload.id": matcher}}, 200, BODY)
    assert check.ok is ok


def test_equality_does_not_confuse_true_and_one_and_missing_is_reported():
    checks = check_expectations({"status": 201, "response_code": 0,
                                 "json": {"$.payload.n": True, "$.payload.ok": 1, "$.payload.nope": {"absent": True},
                                          "$.payload.gone": 1, "$.payload.items[*]": [1, 2]}}, 200, BODY)
    assert [c.ok for c in checks] == [False, True, False, False, True, False, True]
    assert checks[5].actual == "(missing)"


def test_real_enkash_hosts_go_to_the_target_by_path():
    target = resolve_target("mock", "http://auth:1", "http://api:2", env={})
    assert resolve_url({"method": "POST", "url": "https://pay.enkash.in/oauth/token"}, target)[1] == \
        "http://auth:1/oauth/token"
    assert resolve_url({"method": "GET", "url": "https://pay-en-uat.enkash.in/api/v0/x?a=1"}, target)[1] == \
        "http://api:2/api/v0/x?a=1"
    assert resolve_url({"method": "GET", "url": "https://example.org/p"}, target)[1] == "https://example.org/p"
    assert resolve_url({"operation": "getToken"}, target)[:2] == ("POST", "http://auth:1/oauth/token")


def test_redact_replaces_secrets_inside_longer_text():
    assert redact("Bearer tok-123456 and tok-123456", {"tok-123456"}) == "Bearer <redacted> and <redacted>"


def test_shape_merges_array_items_and_leaves_values_out():
    assert shape_of({"a": [{"b": 1}, {"b": "x"}], "c": None}) == \
        {"$": "object", "$.a": "array", "$.a[*]": "object", "$.a[*].b": "mixed", "$.c": "null"}


def test_scrub_classifies_pii_and_volatile_values():
    assert pii_kind("mobile", "6000091111") == "mobile" and pii_kind("note", "a.b@c.io") == "email"
    assert pii_kind("firstName", "Kris") == "name" and pii_kind("specialDate", "02-09-2001") == "date_of_birth"
    assert pii_kind("address2", "Radha Chowk") == "address"
    assert pii_kind("city", "Kota") is None and pii_kind("title", "Mr") is None  # kept, as docs/scenarios.md says
    assert is_volatile("enKashCardId", "x") and is_volatile("createdOn", "x")
    assert not is_volatile("kycStatus", "PENDING")
    literals = Literals()
    literals.add("tok-abcdef", "${token}")
    assert literals.substitute({"h": "Bearer tok-abcdef", "t": "tok-abcdef", "s": "${x}"}) == \
        {"h": "Bearer ${token}", "t": "${token}", "s": "$${x}"}
    assert literals.pii("6000091111", "mobile") == "${mobile}" and literals.vars == {"mobile": "${random:mobile}"}


def test_a_terminal_gets_colour_and_a_progress_bar_without_crashing():
    import io

    from contracts.scenarios.console import Reporter
    from contracts.scenarios.results import ScenarioResult, StepResult

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    reporter = Reporter(stream, total_steps=1)
    step = StepResult(1, "get a token", "POST", "http://h/oauth/token", "passed", 200, 3.0)
    reporter.step(step)
    reporter.scenario_finished(ScenarioResult("s", "f", "mock", [step]))
    reporter.summary([ScenarioResult("s", "f", "mock", [step])])
    assert reporter.progress is not None and "\x1b[" in stream.getvalue()


def test_no_color_on_a_terminal_drops_colour_codes_but_keeps_the_lines(monkeypatch):
    import io
    import re

    from contracts.scenarios.console import Reporter
    from contracts.scenarios.results import ScenarioResult, StepResult

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    reporter = Reporter(stream)
    step = StepResult(1, "get a token", "POST", "http://h/oauth/token", "failed", 400, 3.0)
    reporter.step(step)
    reporter.summary([ScenarioResult("s", "f", "mock", [step])])
    assert "FAIL" in stream.getvalue()
    colour = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7])(?:;[0-9;]*)?m")  # SGR foreground; bold may stay
    assert not colour.search(stream.getvalue()), repr(stream.getvalue())
