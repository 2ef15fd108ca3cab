"""A user or token whose partner record is gone (an admin state import can do that) is refused in the
OAuth envelope, never a 500: the partner lookups are checked, not assumed."""

from __future__ import annotations

from tests.seed import DEMO


def _drop_partner(app) -> None:
    state = app.extensions["enkash"]
    with state.world("default") as world:  # seeds the session, then removes the demo partner
        world.tx.delete("partner", DEMO["partnerId"])


def _login(client):
    return client.post("/oauth/token", headers={"Authorization": "Basic Og=="}, data={
        "username": DEMO["username"], "password": DEMO["password"], "grant_type": "password",
        "clientId": DEMO["clientId"]})


def test_password_grant_for_a_user_without_partner_is_bad_credentials(make_app):
    app = make_app()
    _drop_partner(app)
    reply = _login(app.test_client())
    assert reply.status_code == 400 and reply.get_json()["error"] == "invalid_grant"


def test_a_token_whose_partner_is_gone_is_an_invalid_token(make_app):
    app = make_app()
    client = app.test_client()
    token = _login(client).get_json()["access_token"]
    _drop_partner(app)
    reply = client.post("/api/v0/partner/enKashCard/wallet-details", headers={
        "Authorization": f"Bearer {token}", "partnerId": DEMO["partnerId"]}, json={
        "enKashCardId": "EKCWLUAADN", "cardAccountId": DEMO["cardAccountId"], "companyId": DEMO["companyId"]})
    assert reply.status_code == 401, reply.get_data(as_text=True)
    assert "Traceback" not in reply.get_data(as_text=True)
