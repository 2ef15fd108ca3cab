"""HAR export → scenario: expectations from the recorded responses, volatile values captured,
secrets replaced by environment references, PII replaced by fresh random values (unless kept)."""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .har import Exchange, read_har
from .matchers import json_type
from .operations import find_operation, host_of_path
from .routing import is_enkash_url
from .scrub import Literals, is_secret_key, is_volatile, pii_kind
from .steps import admin_otp_step, token_step

__all__ = ["scenario_from_exchanges", "scenario_from_har_text"]

# Sent by clients and proxies, not part of the API conversation.
_NOISE_HEADERS = {"host", "content-length", "user-agent", "accept", "accept-encoding", "accept-language",
                  "connection", "cookie", "postman-token", "cache-control", "content-type", "x-mock-session",
                  "origin", "referer", "pragma", "te", "upgrade-insecure-requests", "keep-alive", "priority"}
_IDENTITY_ENV = {"ENKASH_PARTNER_ID": "${target:partner_id}", "ENKASH_CLIENT_ID": "${target:client_id}",
                 "ENKASH_COMPANY_ID": "${target:company_id}", "ENKASH_CARD_ACCOUNT_ID": "${target:card_account_id}",
                 "ENKASH_USERNAME": "${env:ENKASH_USERNAME}", "ENKASH_PASSWORD": "${env:ENKASH_PASSWORD}",
                 "ENKASH_CLIENT_SECRET": "${env:ENKASH_CLIENT_SECRET}"}


def scenario_from_har_text(text: str, source: str = "<har>", env: Mapping[str, str] | None = None,
                           keep_pii: bool = False) -> dict:
    name = Path(source).stem or "imported"
    return scenario_from_exchanges(read_har(text, source), name, env, keep_pii=keep_pii)


def scenario_from_exchanges(exchanges: list[Exchange], name: str, env: Mapping[str, str] | None = None,
                            keep_pii: bool = False) -> dict:
    return _Importer(exchanges, os.environ if env is None else env, keep_pii).scenario(name)


class _Importer:
    def __init__(self, exchanges: list[Exchange], env: Mapping[str, str], keep_pii: bool):
        self.recorded = len(exchanges)  # as the recorder's console counted them
        self.exchanges = [e for e in exchanges if e.path != "/__admin/otps"]  # OTP reads are re-made per replay
        self.keep_pii = keep_pii
        self.literals = Literals()
        for env_name, ref in _IDENTITY_ENV.items():
            if len(env.get(env_name, "")) >= 4:
                self.literals.add(env[env_name], ref)
        self.good_passwords = _good_passwords(self.exchanges)
        self.external: dict[str, str] = {}  # token kind -> variable, for tokens obtained outside the recording
        self.otp_vars: dict[tuple[str, str], str] = {}
        self.steps: list[dict] = []

    def scenario(self, name: str) -> dict:
        for index, exchange in enumerate(self.exchanges):
            self._convert(exchange, self._later_text(index))
        steps = ([token_step(self.external)] if self.external else []) + self.steps
        dropped = self.recorded - len(self.exchanges)
        note = f" ({dropped} admin OTP read(s) dropped: replay reads each OTP afresh)" if dropped else ""
        data: dict[str, Any] = {"name": name, "description": f"Imported from a recording of {self.recorded} "
                                f"requests{note}; secrets come from the environment, PII is fresh on every replay."}
        if self.literals.vars:
            data["vars"] = dict(self.literals.vars)
        data["steps"] = steps
        return data

    def _later_text(self, index: int) -> str:
        return json.dumps([[e.url, e.headers, e.query, e.json_body, e.form] for e in self.exchanges[index + 1:]])

    def _convert(self, exchange: Exchange, later: str) -> None:
        admin = exchange.path.startswith("/__admin/")
        request = self._route(exchange, admin)
        if headers := self._headers(exchange):
            request["headers"] = headers
        if exchange.query:
            request["query"] = {key: self._scrub(key, value) for key, value in exchange.query}
        if exchange.form is not None:
            request["form"] = self._form(exchange.form)
        elif exchange.json_body is not None:
            request["body"] = self._body(exchange.json_body)
        step: dict[str, Any] = {"name": _name(exchange, request)}
        if admin:
            step["admin"] = True
        step["request"] = request
        step["expect"] = self._expect(exchange)
        if captures := self._captures(exchange.response_json, later):
            step["capture"] = captures
        self.steps.append(step)

    def _route(self, exchange: Exchange, admin: bool) -> dict:
        operation = find_operation(exchange.method, exchange.path)
        if operation:
            return {"operation": operation.operation_id}
        known_path = admin or host_of_path(exchange.path) == "auth" or exchange.path.startswith("/api/")
        if known_path or is_enkash_url(exchange.url):
            return {"method": exchange.method, "path": exchange.path}
        return {"method": exchange.method, "url": self.literals.substitute(exchange.url)}

    def _headers(self, exchange: Exchange) -> dict[str, str]:
        headers = {}
        for key, value in exchange.headers:
            lowered = key.lower()
            if lowered in _NOISE_HEADERS or lowered.startswith(("sec-", "x-schemathesis-")):
                continue
            if lowered == "partnerid":
                self.literals.add(value, "${target:partner_id}")
            headers[key] = self._authorization(value) if lowered == "authorization" else self.literals.substitute(value)
        return headers

    def _authorization(self, value: str) -> str:
        scheme, _, credential = value.partition(" ")
        if scheme.lower() == "basic":
            return value if _decoded(credential) == ":" else "${target:basic_auth}"
        if scheme.lower() == "bearer" and credential not in self.literals.refs:
            self.literals.add(credential, self._external("access_token"))
        return self.literals.substitute(value)

    def _form(self, form: dict[str, str]) -> dict[str, str]:
        scrubbed = {}
        for key, value in form.items():
            if key == "password":
                scrubbed[key] = "${env:ENKASH_PASSWORD}" if value in self.good_passwords \
                    else self.literals.add(value, f"wrong-password-{len(self.literals.refs)}")
            elif key == "username":
                scrubbed[key] = self.literals.add(value, "${env:ENKASH_USERNAME}")
            elif key == "clientId":
                scrubbed[key] = self.literals.add(value, "${target:client_id}")
            elif key == "refresh_token":
                scrubbed[key] = self.literals.refs.get(value) or self.literals.add(value, self._external(key))
            elif key == "client_secret":
                scrubbed[key] = "${env:ENKASH_CLIENT_SECRET}"
            else:
                scrubbed[key] = self._scrub(key, value)
        return scrubbed

    def _external(self, kind: str) -> str:
        """A token obtained outside the recording: a token step put first gets a fresh one."""
        if kind not in self.external:
            self.external[kind] = self.literals.fresh_var("token" if kind == "access_token" else kind)
        return f"${{{self.external[kind]}}}"

    def _body(self, body: Any) -> Any:
        if isinstance(body, dict) and isinstance(body.get("otp"), str):
            body = {**body, "otp": self._otp(body)}
        return self._walk_request(body, "")

    def _otp(self, body: dict) -> str:
        """An OTP in a request: read again from the mock on replay (ENKASH_OTP elsewhere)."""
        key = (body["otp"], str(body.get("otpReferenceId", "")))
        if key not in self.otp_vars:
            var = self.literals.fresh_var("otp")
            self.otp_vars[key] = var
            self.steps.append(admin_otp_step(self.literals.substitute(str(body.get("enKashCardId", ""))), var))
        return f"${{{self.otp_vars[key]}}}"

    def _walk_request(self, value: Any, key: str) -> Any:
        if isinstance(value, dict):
            return {k: self._walk_request(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk_request(item, key) for item in value]
        if isinstance(value, str) and value.startswith("${") and key == "otp":
            return value
        return self._scrub(key, value)

    def _scrub(self, key: str, value: Any) -> Any:
        if isinstance(value, str) and value in self.literals.refs:
            return self.literals.refs[value]
        if is_secret_key(key) and isinstance(value, str):
            return self.literals.add(value, f"${{env:ENKASH_{key.upper()}}}")
        kind = pii_kind(key, value)
        if kind and not self.keep_pii:
            return self.literals.pii(value, kind)
        return self.literals.substitute(value)

    def _expect(self, exchange: Exchange) -> dict:
        expect: dict[str, Any] = {"status": exchange.status}
        body = exchange.response_json
        if isinstance(body, dict) and isinstance(body.get("response_code"), int):
            expect["response_code"] = body["response_code"]
        matchers = {path: self._matcher(key, value) for path, key, value in _leaves(body, "$", "")
                    if path != "$.response_code"}
        if matchers:
            expect["json"] = matchers
        return expect

    def _matcher(self, key: str, value: Any) -> Any:
        if isinstance(value, str) and value in self.literals.refs and not self.literals.refs[value].startswith("wrong"):
            return self.literals.refs[value]
        if is_secret_key(key) or is_volatile(key, value) or (pii_kind(key, value) and not self.keep_pii):
            return {"type": json_type(value)}
        if isinstance(value, dict | list):
            return {"type": json_type(value)}
        return self.literals.substitute(value)

    def _captures(self, body: Any, later: str) -> dict[str, str]:
        captures = {}
        for path, key, value in _leaves(body, "$", ""):
            if not isinstance(value, str) or len(value) < 6 or value in self.literals.refs:
                continue
            if (is_secret_key(key) and key != "otp") or (is_volatile(key, value) and json.dumps(value)[1:-1] in later):
                var = self.literals.fresh_var(key if key.isidentifier() else "value")
                self.literals.add(value, f"${{{var}}}")
                captures[var] = path
        return captures


def _good_passwords(exchanges: list[Exchange]) -> set[str]:
    """Passwords that got a token; if none did (a lockout session), the last one tried is the real one."""
    tried = [(e.form.get("password", ""), e.status) for e in exchanges
             if e.form and e.form.get("grant_type") == "password"]
    good = {password for password, status in tried if status == 200}
    return good or {tried[-1][0]} if tried else set()


def _leaves(value: Any, path: str, key: str):
    """(JSON path, key, value) of every scalar (and empty container) in a response body."""
    if isinstance(value, dict) and value:
        for k, item in value.items():
            yield from _leaves(item, f"{path}.{k}" if k.isidentifier() else f"{path}['{k}']", k)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]", key)
    elif path != "$" or value is not None:
        yield path, key, value


def _decoded(credential: str) -> str | None:
    try:
        return base64.b64decode(credential, validate=True).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return None


def _name(exchange: Exchange, request: dict) -> str:
    what = request.get("operation") or f"{exchange.method} {exchange.path}"
    code = exchange.response_json.get("response_code") if isinstance(exchange.response_json, dict) else None
    return f"{what} → {exchange.status}" + (f"/{code}" if isinstance(code, int) else "")
