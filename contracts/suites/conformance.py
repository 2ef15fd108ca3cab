"""Conformance: every operation of openapi.yaml, positive and negative data, judged by schemathesis checks.

Three phases per operation: the spec's examples, schemathesis's deterministic coverage cases (a seeded
sample), and hypothesis-fuzzed cases. Each case goes to the host its path's `servers` names (token on
the auth host, wallet calls on the API host), authenticated through the real token endpoint.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable

import hypothesis
import requests
import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.auths import reauth_and_replay, set_on_generated_case
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.meta import negated_parameters

from ..checks import checks_with, schemathesis_checks, valid_token_is_accepted
from ..client import SESSION_HEADER, TOKEN_PATH, EnkashClient, Pace, basic_header
from ..secrecy import sanitization_config
from ..targets import Target
from .cases import CasePreparer
from .evidence import SpecEvidence
from .findings import finding_from_failure
from .profiles import Profile
from .results import TestRecord

__all__ = ["BUILTIN_CHECKS", "Conformance", "StopRun"]

BUILTIN_CHECKS = tuple(check.name for check in checks_with(scope="builtin"))
# Random credentials on the token endpoint are refused with 400/401: that is acceptance of valid *data*.
# Create's requiredness follows the card account's product (stored state the schema cannot see): a
# schema-valid body missing the wallet table's fields is a 400 for a WALLET account (openapi.yaml).
_CONFIG = {"cache": {"enabled": False},  # no .schemathesis/ crash cache in the caller's directory
           "output": {"sanitization": sanitization_config()},  # our secrets list, not schemathesis's guesses
           "operations": [{"include-operation-id": "getToken",
                           "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401"]}}},
                          {"include-operation-id": "createWallet",
                           "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400"]}}}]}


class StopRun(Exception):
    """Fail fast: the first finding ends the run."""


class PacedSession(requests.Session):
    def __init__(self, pace: Pace):
        super().__init__()
        self.pace = pace.wait

    def send(self, request, **kwargs):
        self.pace()
        return super().send(request, **kwargs)


class Conformance:
    def __init__(self, target: Target, profile: Profile, seed: int, evidence: SpecEvidence, pace: Pace,
                 operations: Iterable[str] = (), progress: Callable[[str], None] | None = None):
        self.target, self.profile, self.seed, self.evidence = target, profile, seed, evidence
        mock_session = f"contracts-conformance-{seed}"  # the mock keeps this run's state (and tokens) apart
        self.session = PacedSession(pace)
        if target.is_mock:
            self.session.headers[SESSION_HEADER] = mock_session
        self.client = EnkashClient(target, pace=pace, session=mock_session)
        self.only = set(operations)
        self.schema = schemathesis.openapi.from_path(str(evidence.path), config=SchemathesisConfig.from_dict(_CONFIG))
        # An in-process target: schemathesis's WSGI transport (for every call, its checks' replays included)
        # hands each case to the app, as `schemathesis.openapi.from_wsgi` would, but from the spec on disk.
        self.schema.app = target.app
        self.checks = schemathesis_checks()
        self.preparer = CasePreparer(target, pin_ids=profile.pin_ids)
        self.stopped = False  # fail fast: set by the first finding
        self.progress = progress or (lambda line: None)

    def run(self) -> list[TestRecord]:
        self._install_auth()
        records: list[TestRecord] = []
        try:
            operations = list(self._operations())
            for number, operation in enumerate(operations, 1):
                name = operation.definition.raw.get("operationId") or operation.label
                self.progress(f"conformance {number}/{len(operations)}: {name}")
                self._run_operation(operation, records)
        except StopRun:
            pass  # fail fast: what ran so far is the result
        finally:
            self.session.close()
            self.client.close()
        return records

    def _operations(self):
        for result in self.schema.get_all_operations():
            operation = result.ok()
            if not self.only or operation.definition.raw.get("operationId") in self.only:
                yield operation

    def _install_auth(self) -> None:
        """Bearer tokens from the real token endpoint (refreshed when expired or refused); Basic for the token call."""
        client, creds = self.client, self.target.credentials
        client.access_token()  # fail early, as a harness error, when the credentials are refused
        ttl = max(int(client.token_ttl or 0) - 60, 30)

        @self.schema.auth(refresh_interval=ttl, retry_on=[401]).skip_for(operation_id="getToken")
        class BearerToken:
            def get(self, case, context):
                client.invalidate_token()  # schemathesis asks only when its cached token expired or was refused
                return client.access_token()

            def set(self, case, data, context):
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

        @self.schema.auth(refresh_interval=None).apply_to(operation_id="getToken")
        class ClientBasic:
            def get(self, case, context):
                return basic_header(creds.client_id, creds.client_secret)

            def set(self, case, data, context):
                case.headers = {**(case.headers or {}), "Authorization": data}

    def _base_url(self, operation) -> str:
        return self.target.auth_url if operation.path == TOKEN_PATH else self.target.api_url

    def _run_operation(self, operation, records: list[TestRecord]) -> None:
        op_id = operation.definition.raw.get("operationId")
        phases: list[tuple[str, Callable[[TestRecord], None]]] = [
            ("examples", lambda record: self._examples(operation, record)),
            ("coverage", lambda record: self._coverage(operation, record)),
            ("positive", lambda record: self._fuzz(operation, GenerationMode.POSITIVE, record)),
            ("negative", lambda record: self._fuzz(operation, GenerationMode.NEGATIVE, record)),
        ]
        for phase, body in phases:
            record = TestRecord("conformance", f"conformance.{op_id}.{phase}", op_id)
            records.append(record)
            if phase == "coverage" and not self.profile.coverage_cases:
                record.status, record.reason = "skipped", f"profile {self.profile.name} runs no coverage cases"
                continue
            started = time.monotonic()
            try:
                body(record)
            except StopRun:
                record.seconds = time.monotonic() - started
                raise
            except Exception as error:  # the harness failed, not the target: report it, keep going
                record.status, record.reason = "error", f"{type(error).__name__}: {error}"[:500]
            record.seconds = time.monotonic() - started

    def _examples(self, operation, record: TestRecord) -> None:
        strategies = operation.get_strategies_from_examples()
        if not strategies:
            record.status, record.reason = "skipped", "the spec has no examples for this operation"
            return
        self._given(st.one_of(strategies), len(strategies) * 2, lambda case: self.exercise(operation, case, record))

    def _coverage(self, operation, record: TestRecord) -> None:
        config = self.schema.config.generation_for(operation=operation)
        cases = list(self.schema.iter_coverage_cases(
            operation, generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], generation_config=config))
        for case in _sample(cases, self.profile.coverage_cases, self.seed):
            if self.stopped:
                raise StopRun("fail fast")
            set_on_generated_case(case, schemathesis.AuthContext(operation=operation, app=None), None)
            self.exercise(operation, case, record)

    def _fuzz(self, operation, mode: GenerationMode, record: TestRecord) -> None:
        self._given(operation.as_strategy(generation_mode=mode), self.profile.max_examples,
                    lambda case: self.exercise(operation, case, record))

    def _given(self, strategy, max_examples: int, body: Callable) -> None:
        @hypothesis.seed(self.seed)
        @hypothesis.settings(max_examples=max_examples, deadline=None, database=None, derandomize=False,
                             phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
                             suppress_health_check=list(hypothesis.HealthCheck), verbosity=hypothesis.Verbosity.quiet)
        @hypothesis.given(case=strategy)
        def test(case):
            if not self.stopped:  # raising inside hypothesis would make it replay (and call it flaky)
                body(case)

        test()
        if self.stopped:
            raise StopRun("fail fast")

    def exercise(self, operation, case, record: TestRecord) -> None:
        """Send one case to its host and run every check on the answer; findings are deduplicated per test."""
        self.preparer.prepare(case)
        base_url = self._base_url(operation)
        transport = {"base_url": base_url, "session": self.session}
        if self.target.in_process:
            self.session.pace()  # the WSGI transport never calls PacedSession.send
        response = case.call(**transport, timeout=15)
        response = reauth_and_replay(case, response, self.schema.reauth_state,
                                     lambda: case.call(**transport, timeout=15))
        record.cases += 1
        if _carries_valid_auth(case):
            self._token_refused(record, operation, case, response, base_url)
        try:  # every check in one pass: schemathesis resolves its check configuration once per call
            case.validate_response(response, checks=self.checks, headers=None, transport_kwargs=transport)
        except FailureGroup:
            self._attribute_failures(record, operation, case, response, transport, base_url)

    def _attribute_failures(self, record, operation, case, response, transport, base_url) -> None:
        """A failing case only: each check again on its own, so every finding names the check that raised it."""
        for check in self.checks:
            try:
                case.validate_response(response, checks=[check], headers=None, transport_kwargs=transport)
            except FailureGroup as group:
                for failure in group.exceptions:
                    self._record(record, operation, case, response, check.__name__, failure, base_url)

    def _token_refused(self, record, operation, case, response, base_url) -> None:
        try:
            body = response.json()
        except Exception:
            body = response.text
        problem = valid_token_is_accepted(response.status_code, body)
        if problem:
            self._record(record, operation, case, response, valid_token_is_accepted.name,
                         valid_token_is_accepted.fail(problem), base_url)

    def _record(self, record, operation, case, response, check_name, failure, base_url) -> None:
        finding = finding_from_failure(self.evidence, operation, case, response, check_name, failure, base_url,
                                       auth_url=self.target.auth_url)
        if any(f.check == finding.check and f.title == finding.title for f in record.findings):
            return
        record.fail(finding)
        if self.profile.fail_fast:
            self.stopped = True


def _carries_valid_auth(case) -> bool:
    """Our own credentials went out untouched: neither the auth header nor partnerId is the negated part."""
    if not getattr(case, "_has_explicit_auth", False):
        return False
    negated = {str(name).lower() for name, _ in negated_parameters(case.meta)}
    return not negated & {"authorization", "partnerid"}


def _sample(cases: list, limit: int, seed: int) -> list:
    """All cases about headers (auth, partnerId) and examples first, then a seeded sample of the rest."""
    def important(case) -> bool:
        data = case.meta.phase.data if case.meta else None
        location = getattr(getattr(data, "parameter_location", None), "value", None)
        return location == "header" or "example" in str(getattr(data, "scenario", ""))

    first = [case for case in cases if important(case)]
    rest = [case for case in cases if not important(case)]
    random.Random(seed).shuffle(rest)
    return (first + rest)[:limit] if limit >= len(first) else first[:limit]
