"""The pytest plugin seen from a user's test suite, run through pytester."""

from __future__ import annotations

import importlib.metadata

import pytest

pytest_plugins = ["pytester"]

HELPERS = '''
import httpx, pytest
AUTH = "https://ekpayout-uat.enkash.in"
API = "https://pay-en-uat.enkash.in/api/v0/partner/enKashCard"
FORM = {"username": "6001020040", "password": "Test@1234567", "grant_type": "password", "clientId": "CEKHZH0UHW"}
HOLDER = {"companyId": "CEKQ08TRRG", "cardAccountId": "CAC7975", "title": "Mr", "firstName": "Kris",
          "lastName": "Singh", "gender": "M", "email": "k@example.com", "mobile": "6000091111", "address": "1 Road",
          "city": "Kota", "state": "Rajasthan", "country": "India", "pincode": "323307",
          "documents": [{"docType": "PAN", "docNo": "CPNPN9971R"}]}

def token(http, base=AUTH):
    answer = http.post(f"{base}/oauth/token", data=FORM, headers={"Authorization": "Basic Og=="})
    assert answer.status_code == 200, answer.text
    return answer.json()

def headers(http, base=AUTH):
    return {"Authorization": "Bearer " + token(http, base)["access_token"], "partnerId": "CRM338L2H"}

def details(http, wallet_id, base="https://pay-en-uat.enkash.in"):
    body = {"enKashCardId": wallet_id, "cardAccountId": "CAC7975", "companyId": "CEKQ08TRRG"}
    auth = base.replace("pay-en-uat", "ekpayout-uat")
    return http.post(f"{base}/api/v0/partner/enKashCard/wallet-details", json=body, headers=headers(http, auth))
'''


@pytest.fixture
def suite(pytester: pytest.Pytester):
    pytester.makepyfile(enkash_helpers=HELPERS)
    return pytester


def test_entry_point_names_the_plugin():
    found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="pytest11")}
    assert found.get("enkash") == "mock_server.testing.plugin"


def test_plugin_loads_by_entry_point_in_a_fresh_process(suite):
    suite.makepyfile(test_it="def test_fixture(enkash_mock, enkash_live_mock):\n    assert enkash_live_mock.url\n")
    result = suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_state_does_not_leak_between_tests(suite):
    suite.makepyfile(test_it='''
        import httpx
        from enkash_helpers import API, HOLDER, details, headers
        created = []

        def test_create(enkash_mock):
            with httpx.Client() as http:
                answer = http.post(API, json=HOLDER, headers=headers(http)).json()
            assert answer["response_code"] == 0
            created.append(answer["payload"]["enKashCardId"])

        def test_gone_in_the_next_test(enkash_mock):
            with httpx.Client() as http:
                assert details(http, created[0]).json()["payload"] == "Wallet not found"
                assert http.post(API, json=HOLDER, headers=headers(http)).json()["response_code"] == 0
            assert enkash_mock.calls["getWalletDetails"].count == 1
    ''')
    suite.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_live_mock_is_shared_but_reset_between_tests(suite):
    suite.makepyfile(test_it='''
        import httpx
        from enkash_helpers import HOLDER, details, headers
        seen = []

        def test_create(enkash_live_mock):
            with httpx.Client(trust_env=False) as http:
                api = enkash_live_mock.api_url + "/api/v0/partner/enKashCard"
                answer = http.post(api, json=HOLDER, headers=headers(http, enkash_live_mock.auth_url)).json()
            seen.append((enkash_live_mock.url, answer["payload"]["enKashCardId"]))

        def test_gone_in_the_next_test(enkash_live_mock):
            url, wallet_id = seen[0]
            assert enkash_live_mock.url == url
            with httpx.Client(trust_env=False) as http:
                assert details(http, wallet_id, base=url).json()["payload"] == "Wallet not found"
    ''')
    suite.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_marker_sets_token_ttl_and_fixed_otp_closest_marker_winning(suite):
    suite.makepyfile(test_it='''
        import httpx, pytest
        from enkash_helpers import API, details, headers, token

        pytestmark = pytest.mark.enkash(token_ttl_seconds=600, fixed_otp="111111")

        @pytest.mark.enkash(token_ttl_seconds=300)
        def test_ttl(enkash_mock):
            with httpx.Client() as http:
                assert token(http)["expires_in"] == 300

        def test_fixed_otp(enkash_mock):
            body = {"cardOtpAction": "TRANSACTION_OTP", "cardAccountId": "CAC7975", "enKashCardId": "EKCBEFFEC1"}
            with httpx.Client() as http:
                assert token(http)["expires_in"] == 600
                http.post(API + "/otp", json=body, headers=headers(http))
            assert enkash_mock.latest_otp("EKCBEFFEC1") == "111111"

        @pytest.mark.enkash(token_ttl_seconds=300)
        def test_live_ttl(enkash_live_mock):
            with httpx.Client(trust_env=False) as http:
                assert token(http, enkash_live_mock.auth_url)["expires_in"] == 300

        @pytest.mark.enkash(faults=["drop_kyc_status"])  # planted faults break the contract on purpose
        def test_faults(enkash_mock):
            with httpx.Client() as http:
                assert "kycStatus" not in details(http, "EKCWLUAADN").json()["payload"]
    ''')
    suite.runpytest().assert_outcomes(passed=4)


def test_marker_seed_file_next_to_the_test(suite):
    seed = suite.path / "partners.yaml"
    seed.write_text(
        "partners:\n  - partnerId: CRSEED001\n    companyId: CEKSEED001\n    clientId: CEKSEEDCL1\n"
        "    cardAccountIds: [CASEED1]\n    users: [{username: '7000000001', password: 'Seed@12345'}]\n",
        encoding="utf-8")
    suite.makepyfile(test_it='''
        import httpx, pytest

        @pytest.mark.enkash(seed_path="partners.yaml")
        def test_seeded_partner(enkash_mock):
            form = {"username": "7000000001", "password": "Seed@12345", "grant_type": "password",
                    "clientId": "CEKSEEDCL1"}
            with httpx.Client() as http:
                answer = http.post("https://ekpayout-uat.enkash.in/oauth/token", data=form,
                                   headers={"Authorization": "Basic Og=="})
            assert answer.status_code == 200
            assert enkash_mock.partner()["partnerId"] == "CRSEED001"
    ''')
    suite.runpytest().assert_outcomes(passed=1)


def test_extra_hosts_by_option_and_marker_and_other_hosts_fail(suite):
    suite.makepyfile(test_it='''
        import httpx, pytest
        from respx.models import AllMockedAssertionError
        from enkash_helpers import token

        def test_option_host(enkash_mock):
            with httpx.Client() as http:
                assert token(http, "https://api.enkash.in")["token_type"] == "bearer"

        @pytest.mark.enkash(hosts=["http://enkash.internal:8443"])
        def test_marker_host(enkash_mock):
            with httpx.Client() as http:
                assert token(http, "http://enkash.internal:8443")["token_type"] == "bearer"

        def test_other_host(enkash_mock):
            with httpx.Client() as http, pytest.raises(AllMockedAssertionError):
                http.get("https://pay.enkash.in/")
    ''')
    suite.runpytest("--enkash-host", "https://api.enkash.in").assert_outcomes(passed=3)


def test_passthrough_lets_other_hosts_reach_the_network(suite):
    suite.makepyfile(test_it='''
        import httpx

        def test_reaches_loopback(enkash_live_mock, enkash_mock):
            with httpx.Client(trust_env=False) as http:
                assert http.get(enkash_live_mock.url + "/__admin/health").json()["status"] == "ok"
            assert enkash_mock.router.routes["enkash:passthrough"].called
    ''')
    suite.runpytest("--enkash-passthrough").assert_outcomes(passed=1)
    suite.runpytest().assert_outcomes(failed=1)


def test_async_client_is_served(suite):
    suite.makepyfile(test_it='''
        import httpx, pytest
        from enkash_helpers import AUTH, FORM

        @pytest.mark.anyio
        async def test_async_token(enkash_mock):
            async with httpx.AsyncClient() as http:
                answer = await http.post(f"{AUTH}/oauth/token", data=FORM, headers={"Authorization": "Basic Og=="})
            assert answer.json()["token_type"] == "bearer"
            assert enkash_mock.calls["getToken"].count == 1
    ''')
    suite.runpytest().assert_outcomes(passed=1)


def test_failures_read_well(suite):
    suite.makepyfile(test_it='''
        import httpx, pytest
        from enkash_helpers import details

        def boom():
            raise RuntimeError("boom inside the mock")

        def test_mock_crash(enkash_mock):
            enkash_mock.app.view_functions["getWalletDetails"] = boom
            with httpx.Client() as http:
                details(http, "EKCWLUAADN")

        def test_off_spec_response(enkash_mock):
            from mock_server.http.responses import json_response

            state = enkash_mock.app.extensions["enkash"]
            off_spec = lambda: json_response(state, "getWalletDetails", 200, {"response_code": 0})
            enkash_mock.app.view_functions["getWalletDetails"] = off_spec
            with httpx.Client() as http:
                details(http, "EKCWLUAADN")

        def test_assertion(enkash_mock):
            with httpx.Client() as http:
                assert details(http, "EKCQ7TST01").json()["response_code"] == 0

        def test_live_crash(enkash_live_mock):
            enkash_live_mock.app.view_functions["getWalletDetails"] = boom
            with httpx.Client(trust_env=False) as http:
                assert details(http, "EKCWLUAADN", base=enkash_live_mock.url).status_code == 500
    ''')
    result = suite.runpytest("-p", "no:randomly")
    result.assert_outcomes(failed=3, passed=1, errors=1)
    result.stdout.fnmatch_lines([  # pytest prints errors first, then failures
        "*ERROR at teardown of test_live_crash*", "E*RuntimeError: boom inside the mock",
        "E*AssertionError: the live Enkash mock raised 1 exception(s)",
        "*_ test_mock_crash _*", "*def boom():*", "E*RuntimeError: boom inside the mock",
        "*_ test_off_spec_response _*", "E*ResponseContractError: getWalletDetails 200 breaks openapi.yaml*",
        "*_ test_assertion _*", "E*assert 1 == 0",
    ])


def test_unknown_marker_setting_is_a_usage_error(suite):
    suite.makepyfile(test_it='''
        import pytest

        @pytest.mark.enkash(tokn_ttl=300)
        def test_typo(enkash_mock):
            pass
    ''')
    result = suite.runpytest()
    result.stdout.fnmatch_lines(["*unknown mock setting(s): tokn_ttl (did you mean token_ttl_seconds?); "
                                 "valid settings:*token_ttl_seconds*"])
    assert result.ret != 0


def test_without_the_pytest_extra_only_the_fixture_fails_with_the_install_command(suite):
    # sys.modules[name] = None makes `import name` fail as it does where the extra is not installed
    suite.makeconftest("import sys\nsys.modules['respx'] = None\n")
    suite.makepyfile(test_it='''
        def test_unrelated():
            assert True

        def test_fixture(enkash_mock):
            pass
    ''')
    result = suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)  # an error at the fixture's setup, the unrelated test untouched
    assert "the enkash_mock fixture needs respx: pip install 'enkash-toolkit[pytest]'" in result.stdout.str()
    assert "Traceback" not in result.stdout.str()
