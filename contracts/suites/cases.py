"""Make a generated case fit the target without spoiling what it tests.

The partnerId header becomes the target's (random partnerIds only ever get 401), positive bodies may
name the target's own account, and the token call never guesses at the real user's password:
three wrong guesses would lock the account (a real sandbox account, too).
"""

from __future__ import annotations

from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters

from ..targets import Target

__all__ = ["DECOY_USERNAME", "TRANSPORT_HEADERS", "CasePreparer", "drop_transport_headers"]

DECOY_USERNAME = "0000000000"  # no such user: a refused login that locks nobody
# Headers whose meaning belongs to HTTP itself. A generated value (say `Expect: c[U8H`) is refused by
# any HTTP server before the API sees it (gunicorn and Tomcat answer 417), so it tests the server, not
# the contract: such extra headers are dropped from generated cases.
TRANSPORT_HEADERS = frozenset({
    "connection", "content-length", "expect", "host", "keep-alive", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade",
})


class CasePreparer:
    def __init__(self, target: Target, pin_ids: bool):
        self.creds = target.credentials
        self.pin_ids = pin_ids

    def prepare(self, case) -> None:
        negated = set(negated_parameters(case.meta))
        drop_transport_headers(case)
        self._partner_header(case, negated)
        if case.path == "/oauth/token":
            self._protect_login(case)
        elif self.pin_ids and not negated and isinstance(case.body, dict):
            self._pin_account(case)

    def _partner_header(self, case, negated: set) -> None:
        if ("partnerId", ParameterLocation.HEADER) in negated or not case.headers:
            return
        if "partnerId" in case.headers:
            case.headers["partnerId"] = self.creds.partner_id

    def _protect_login(self, case) -> None:
        form = case.body if isinstance(case.body, dict) else None
        if not form or form.get("username") != self.creds.username:
            return
        if form.get("password") != self.creds.password or form.get("clientId") != self.creds.client_id:
            form["username"] = DECOY_USERNAME

    def _pin_account(self, case) -> None:
        if "companyId" in case.body:
            case.body["companyId"] = self.creds.company_id
        if "cardAccountId" in case.body:
            case.body["cardAccountId"] = self.creds.card_account_id


def drop_transport_headers(case) -> None:
    if case.headers:
        for name in [name for name in case.headers if name.lower() in TRANSPORT_HEADERS]:
            del case.headers[name]
