"""Inputs that passed validation and then ended in a 500 (issue 13, minor items): each is now a clear
4xx in the envelope, or works, and leaves the mock healthy."""

from __future__ import annotations

import random

import pytest

from mock_server import create_app
from mock_server.cli import main
from mock_server.simulation.faults import Fault, FaultRuleError, parse_rules

from .live import DEMO

PREFIX = "/api/v0/partner/enKashCard"
STATUS_PATH = f"{PREFIX}/vkyc/status"


@pytest.fixture
def client():
    app = create_app(validate_responses=True)
    app.testing = True  # an unexpected exception re-raises here instead of hiding in a 500
    return app.test_client()


@pytest.mark.parametrize("header", ["status=460", "status=499", "status=599", "lost-response=599"])
def test_unregistered_error_statuses_are_simulated_not_crashed_on(client, header):
    login = {"username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
             "clientId": DEMO["clientId"]}
    token = client.post("/oauth/token", data=login, headers={"Authorization": "Basic Og=="}).json["access_token"]
    headers = {"Authorization": f"Bearer {token}", "partnerId": DEMO["partnerId"], "X-Mock-Fault": header}
    query = {"enKashCardId": "EKCWLUAADN", "cardAccountId": DEMO["cardAccountId"]}
    response = client.get(STATUS_PATH, query_string=query, headers=headers)
    wanted = int(header.rsplit("=", 1)[1])
    assert response.status_code == wanted and response.json["response_code"] == wanted


def test_prefer_code_599_is_simulated(client):
    response = client.get(STATUS_PATH, headers={"Prefer": "code=599"})
    assert response.status_code == 599 and response.json["response_message"] == "Server error"


@pytest.mark.parametrize("header", ["status=5²00", "status=５０３", "status=" + "5" * 5000, "lost-response=²"])
def test_odd_digits_in_a_fault_header_are_a_400(client, header):
    response = client.get(STATUS_PATH, headers={"X-Mock-Fault": header})
    assert response.status_code == 400 and "400-599" in response.json["response_message"]


@pytest.mark.parametrize("prefer", ["code=5²00", "code=" + "5" * 5000])
def test_odd_digits_in_prefer_are_ignored_like_any_other_preference(client, prefer):
    assert client.get(STATUS_PATH, headers={"Prefer": prefer}).status_code == 401  # the normal answer


@pytest.mark.parametrize("query", ["limit=²", "status=²", "limit=" + "9" * 5000])
def test_journal_filters_take_ascii_whole_numbers(client, query):
    response = client.get(f"/__admin/requests?{query}")
    assert response.status_code == 400 and "whole number" in response.json["response_message"]


def test_journal_limit_zero_lists_nothing(client):
    client.post("/oauth/token")
    assert len(client.get("/__admin/requests?limit=1").json["requests"]) == 1
    assert client.get("/__admin/requests?limit=0").json["requests"] == []


def test_lognormal_sigma_is_bounded_where_it_enters():
    with pytest.raises(FaultRuleError, match="sigma must be a number from 0 to 10"):
        parse_rules([{"operationId": "getToken", "kind": "latency", "distribution": "lognormal",
                      "medianMs": 100, "sigma": 1000}])


def test_a_stored_huge_sigma_draws_the_cap_instead_of_overflowing():
    fault = Fault("latency", {"distribution": "lognormal", "medianMs": 100, "sigma": 1000})
    rng = random.Random(7)
    assert all(0 <= fault.delay_seconds(rng) <= 60 for _ in range(200))


@pytest.mark.parametrize(("method", "path"), [("PUT", "/__admin/faults"), ("PUT", "/__admin/clock"),
                                              ("POST", "/__admin/reset"), ("PUT", "/__admin/state")])
def test_admin_json_nested_5000_deep_is_a_400(client, method, path):
    deep = "[" * 5000 + "]" * 5000
    response = client.open(path, method=method, data=deep, content_type="application/json")
    assert response.status_code == 400 and "nested too deeply" in response.json["response_message"]


def test_head_on_the_vkyc_link_operation_is_405_and_runs_nothing(client):
    response = client.head(f"{PREFIX}/vkyc/link")
    assert response.status_code == 405 and response.headers["Allow"] == "GET"


@pytest.mark.parametrize("path", ["/oauth//token", "//oauth/token", "/api/v0//partner/enKashCard"])
def test_doubled_slashes_are_a_json_404_not_a_redirect(client, path):
    response = client.post(path)
    assert response.status_code == 404 and response.json["response_code"] == 404


@pytest.mark.parametrize("value", ["-5", "0"])
def test_serve_refuses_a_token_ttl_below_one_second(capsys, value):
    assert main(["serve", "--port", "0", "--store", "memory", "--token-ttl", value]) == 2
    assert "token_ttl_seconds must be a whole number >= 1" in capsys.readouterr().err


def test_config_refuses_negative_lifetimes_at_build():
    with pytest.raises(ValueError, match="otp_ttl_seconds"):
        create_app(otp_ttl_seconds=-1)
