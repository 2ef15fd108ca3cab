"""Make a generated case fit the target without spoiling what it tests.

The partnerId header becomes the target's (random partnerIds only ever get 401), positive bodies may
name the target's own account, and the token call never guesses at the real user's password:
three wrong guesses would lock the account (a real sandbox account, too).
"""

from __future__ import annotations

from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters

from ..targets import Target

__all__ = ["DECOY_USERNAME", "CasePreparer"]

DECOY_USERNAME = "0000000000"  # no such user: a refused login that locks nobody


class CasePreparer:
    def __init__(self, target: Target, pin_ids: bool):
        self.creds = target.credentials
        self.pin_ids = pin_ids

    def prepare(self, case) -> None:
        negated = set(negated_parameters(case.meta))
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
