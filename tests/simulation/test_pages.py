"""Tester pages through the test client: a browser sends no X-Mock-Session, so pages find the session."""

from __future__ import annotations

from urllib.parse import urlsplit

from .helpers import ACCOUNT, COMPANY, WALLET, WALLET_PATH

MONDAY_MORNING_IST = "2026-01-05T11:00:00+05:30"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _form(client, path: str, **fields: str) -> dict:
    """The page's form fields: its CSRF token (a page refuses a post without it) plus `fields`."""
    page = client.get(path).get_data(as_text=True)
    return {"csrf": page.split('name="csrf" value="', 1)[1].split('"', 1)[0], **fields}


def test_tnc_page_of_a_created_wallet_finds_its_session(api_in, client):
    qa = api_in("qa")
    token = qa.token()
    wallet = qa.create_wallet(token).json["payload"]
    page = client.get(_path(wallet["partnerTncUrl"]))  # no session header, no query
    assert page.status_code == 200 and wallet["enKashCardId"] in page.get_data(as_text=True)
    accepted = client.post(_path(wallet["partnerTncUrl"]), data=_form(client, _path(wallet["partnerTncUrl"])))
    assert accepted.status_code == 303 and "session=qa" in accepted.headers["Location"]
    assert qa.details(token, wallet["enKashCardId"]).json["payload"]["latestTncVersionAccepted"] is True


def test_tnc_page_of_a_seed_wallet_uses_the_asked_session(api_in, client):
    qa = api_in("qa")
    token = qa.token()
    client.post(f"/__mock/tnc/{WALLET}?session=qa", data=_form(client, f"/__mock/tnc/{WALLET}?session=qa"))
    assert qa.details(token).json["payload"]["latestTncVersionAccepted"] is True
    default = api_in("default")
    assert default.details(default.token()).json["payload"]["latestTncVersionAccepted"] is False
    assert 'href="?session=qa"' in client.get(f"/__mock/tnc/{WALLET}").get_data(as_text=True)  # listed


def test_tnc_page_of_an_unknown_wallet_is_404(client):
    assert client.get("/__mock/tnc/EKCNOPE000").status_code == 404
    assert client.get(f"/__mock/tnc/{WALLET}?session=nobody").status_code == 404


def test_vkyc_link_opens_in_its_own_session_and_refuses_a_second_decision(api_in, client):
    qa = api_in("qa")
    qa.admin("PUT", "/clock", json={"now": MONDAY_MORNING_IST})
    token = qa.token()
    qa.complete_min_kyc(token)
    query = {"enKashCardId": WALLET, "cardAccountId": ACCOUNT, "companyId": COMPANY}
    link = qa.client.get(f"{WALLET_PATH}/vkyc/link", query_string=query, headers=qa.headers(token)).json
    path = _path(link["payload"]["vkycLink"])
    assert "IN_PROGRESS" in client.get(path).get_data(as_text=True)
    form = _form(client, path)  # read while the form is shown; it is gone once decided
    assert client.post(path, data={**form, "outcome": "MAYBE"}).status_code == 400
    assert client.post(path, data={"outcome": "APPROVED"}).status_code == 403  # no form token
    assert client.post(path, data={**form, "outcome": "APPROVED"}).status_code == 303
    second = client.post(path, data={**form, "outcome": "REJECTED", "reason": "late"})
    assert second.status_code == 409 and "already decided: APPROVED" in second.get_data(as_text=True)


def test_unknown_vkyc_link_is_gone(client):
    assert client.get("/__mock/vkyc/not-a-link").status_code == 410


def _csrf(page: str) -> str:
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def test_inspector_wallet_rows_lead_to_a_vkyc_page_that_decides(api_in, client):
    qa = api_in("qa")
    qa.admin("PUT", "/clock", json={"now": MONDAY_MORNING_IST})
    token = qa.token()
    qa.complete_min_kyc(token)  # the documented step before video KYC
    query = {"enKashCardId": WALLET, "cardAccountId": ACCOUNT, "companyId": COMPANY}
    qa.client.get(f"{WALLET_PATH}/vkyc/link", query_string=query, headers=qa.headers(token))
    inspector = client.get("/__admin/ui?session=qa").get_data(as_text=True)
    path = f"/__admin/ui/vkyc/{WALLET}?session=qa"
    assert f'href="{path}"' in inspector
    page = client.get(path).get_data(as_text=True)
    assert "LINK_GENERATED" in page and "Approve video KYC" in page
    assert client.post(path, data={"outcome": "APPROVED"}).status_code == 400  # no form token
    decided = client.post(path, data={"outcome": "REJECTED", "reason": "blurred", "csrf": _csrf(page),
                                      "session": "qa"})
    assert decided.status_code == 303
    status = qa.client.get(f"{WALLET_PATH}/vkyc/status", query_string=query, headers=qa.headers(token)).json
    assert status["payload"]["vkycStatus"] == "REJECTED"
    assert client.get("/__admin/ui/vkyc/EKCNOPE000?session=qa").status_code == 404


def test_inspector_shows_times_in_ist_beside_utc(api_in, client):
    api_in("qa").admin("PUT", "/clock", json={"now": MONDAY_MORNING_IST})
    page = client.get("/__admin/ui?session=qa").get_data(as_text=True)
    assert "2026-01-05T05:30:00Z (11:00:00 IST, Mon 05 Jan)" in page
