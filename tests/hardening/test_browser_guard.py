"""The tester's browser cannot be turned against the mock: cross-site requests and DNS rebinding (issue 13, Major 1).

Each test names the attack; the guard's rules are in docs/admin.md ("Who may call it").
"""

from __future__ import annotations

import httpx
import pytest

from mock_server import create_app
from mock_server.testing import enkash_respx

from .live import DEMO, LiveMock

WALLET = "EKCBEFFEC1"  # seeded in every session, its T&C not yet accepted
EVIL = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}

# Every state-changing admin and tester-page call the issue found open to a cross-site form post.
STATE_CHANGES = [
    ("POST", "/__admin/reset?all=true", None),
    ("POST", f"/__admin/users/{DEMO['username']}/unlock", None),
    ("POST", f"/__admin/tnc/{WALLET}/accept", None),
    ("POST", "/__admin/snapshots", None),
    ("PUT", "/__admin/clock", {"now": "2030-01-01T00:00:00Z"}),
    ("POST", "/__admin/ui/login", None),
    ("POST", f"/__mock/tnc/{WALLET}", None),
]


@pytest.fixture
def client():
    return create_app(validate_responses=True).test_client()


def _sessions(client) -> list[str]:
    return client.get("/__admin/sessions").json["sessions"]


def _tnc_accepted(client, session: str = "default") -> bool:
    state = client.get("/__admin/state", headers={"X-Mock-Session": session}).json
    return state["documents"]["wallet"][WALLET]["latestTncVersionAccepted"]


@pytest.mark.parametrize(("method", "path", "body"), STATE_CHANGES, ids=[p for _, p, _ in STATE_CHANGES])
def test_cross_site_state_changes_are_refused(client, method, path, body):
    response = client.open(path, method=method, json=body, headers=EVIL)
    assert response.status_code == 403
    assert response.json["response_code"] == 403 and "cross-site" in response.json["response_message"]


def test_cross_site_reset_all_leaves_every_session_in_place(client):
    client.post("/__admin/reset", headers={"X-Mock-Session": "qa-asha"})
    assert client.post("/__admin/reset?all=true", headers=EVIL).status_code == 403
    assert "qa-asha" in _sessions(client)


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},  # an older browser: Origin only
    {"Origin": "null"},  # a sandboxed frame or a file:// page
    {"Sec-Fetch-Site": "same-site"},  # another port on localhost is another origin
    {"Origin": "http://localhost:9999"},
], ids=["origin", "null-origin", "same-site", "other-port"])
def test_each_browser_signal_of_another_origin_is_enough(client, headers):
    assert client.post("/__admin/reset?all=true", headers=headers).status_code == 403


def test_same_origin_pages_and_plain_curl_keep_working(client):
    same_origin = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/__admin/reset", headers=same_origin).status_code == 200
    assert client.post("/__admin/reset", headers={"Sec-Fetch-Site": "none"}).status_code == 200
    assert client.post("/__admin/reset?all=true").status_code == 200  # curl: neither header


def test_cross_site_reads_stay_possible_for_links(client):
    """A GET changes nothing that matters cross-site (the browser keeps the answer from the other page)."""
    assert client.get(f"/__mock/tnc/{WALLET}", headers=EVIL).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8080", "127.0.0.1.evil.example", ""])
def test_rebinding_hosts_cannot_read_otps_or_pages(client, host):
    """A DNS-rebinding page sends its own name as Host: no admin read, no tester page."""
    otps = client.get(f"/__admin/otps?enKashCardId={WALLET}", headers={"Host": host})
    assert otps.status_code == 403 and otps.json["response_code"] == 403
    assert client.get(f"/__mock/tnc/{WALLET}", headers={"Host": host}).status_code == 403
    assert client.get("/__admin/ui", headers={"Host": host}).status_code == 403


@pytest.mark.parametrize("host", ["localhost", "localhost:8080", "127.0.0.1:8080", "127.0.0.2", "[::1]:8080",
                                  "LOCALHOST", "app.localhost"])
def test_loopback_names_are_the_mock_s_own(client, host):
    assert client.get(f"/__admin/otps?enKashCardId={WALLET}", headers={"Host": host}).status_code == 200


def test_configured_hosts_are_accepted():
    client = create_app(allowed_hosts=("mock.ci.internal",)).test_client()
    assert client.get("/__admin/health", headers={"Host": "mock.ci.internal:8080"}).status_code == 200
    assert client.get("/__admin/health", headers={"Host": "attacker.example"}).status_code == 403


def test_the_api_itself_is_not_host_checked(client):
    """Partner clients reach the API under any name (proxies, /etc/hosts entries for the Enkash hosts)."""
    assert client.post("/oauth/token", headers={"Host": "ekpayout-uat.enkash.in"}).status_code == 401


def test_an_admin_token_header_is_proof_but_the_cookie_is_not():
    client = create_app(admin_token="s3cret-admin").test_client()
    token = {"X-Admin-Token": "s3cret-admin"}
    assert client.post("/__admin/reset", headers={**EVIL, **token, "Host": "mock.example"}).status_code == 200
    assert client.post("/__admin/reset", headers={**EVIL, "X-Admin-Token": "guess"}).status_code == 403
    client.post("/__admin/ui/login", data={"token": "s3cret-admin"})  # the inspector's cookie is now set
    assert client.post("/__admin/reset", headers=EVIL).status_code == 403
    assert client.get("/__admin/health", headers={"Host": "attacker.example"}).status_code == 403


def test_tnc_page_accepts_only_with_its_own_form_token(client):
    for session in ("qa", "other"):
        client.post("/__admin/reset", headers={"X-Mock-Session": session})
    assert client.post(f"/__mock/tnc/{WALLET}?session=qa").status_code == 403
    assert client.post(f"/__mock/tnc/{WALLET}?session=qa", data={"csrf": "0" * 32}).status_code == 403
    assert _tnc_accepted(client, "qa") is False
    other = client.get(f"/__mock/tnc/{WALLET}?session=other").get_data(as_text=True)
    foreign = other.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert client.post(f"/__mock/tnc/{WALLET}?session=qa", data={"csrf": foreign}).status_code == 403
    page = client.get(f"/__mock/tnc/{WALLET}?session=qa").get_data(as_text=True)
    mine = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert client.post(f"/__mock/tnc/{WALLET}?session=qa", data={"csrf": mine}).status_code == 303
    assert _tnc_accepted(client, "qa") is True


def test_in_process_mock_answers_admin_calls_on_the_routed_enkash_hosts():
    with enkash_respx(), httpx.Client() as http:
        assert http.get("https://ekpayout-uat.enkash.in/__admin/health").status_code == 200
        assert http.get(f"https://pay-en-uat.enkash.in/__mock/tnc/{WALLET}").status_code == 200


@pytest.mark.e2e
def test_live_mock_refuses_cross_site_and_rebinding_requests(tmp_path):
    with LiveMock(tmp_path) as mock, httpx.Client(base_url=mock.url, timeout=10) as http:
        http.post("/__admin/reset", headers={"X-Mock-Session": "qa-asha"})
        reset = http.post("/__admin/reset?all=true", headers=EVIL)
        assert reset.status_code == 403 and reset.json()["response_code"] == 403
        otps = http.get(f"/__admin/otps?enKashCardId={WALLET}", headers={"Host": "attacker.example"})
        assert otps.status_code == 403
        assert "qa-asha" in http.get("/__admin/sessions").json()["sessions"]
        assert http.post("/__admin/reset?all=true").status_code == 200  # the documented curl still works


def test_serve_allows_the_host_it_listens_on_and_each_allowed_host(monkeypatch):
    """`serve --host mock.lan --allowed-host ci-box` answers admin calls under both names; a wildcard
    --host names no host, so it adds none."""
    from mock_server import cli

    served = []
    monkeypatch.setattr("mock_server.server.serve", lambda config, **_: served.append(config) or 0)
    cli.main(["serve", "--host", "mock.lan", "--admin-token", "t", "--store", "memory",
              "--allowed-host", "ci-box", "--allowed-host", "ci-box.example"])
    cli.main(["serve", "--host", "0.0.0.0", "--admin-token", "t", "--store", "memory"])
    assert [set(config.allowed_hosts) for config in served] == [{"mock.lan", "ci-box", "ci-box.example"}, set()]
