"""Webhook rules of the stateful suite: what the target delivered to the suite's own receiver.

A mixin of `WalletMachine` (contracts/suites/rules.py). The suite starts a `SuiteReceiver` and registers
it through the mock's admin API for every event type (`registered_receiver`) before the machine runs;
against a target without an admin API the rule is skipped, with the reason in the report. The rule
(run by hypothesis, and at every machine run's end) waits a bounded time for the wallet's new ledger
entries to arrive as events, then holds every delivery to the spec and the entries to the events.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hypothesis.stateful import initialize, precondition, rule

from ...errors import Problem
from ..funds.rules import FUNDED_WALLET
from .checks import every_ledger_entry_has_an_event, webhook_matches_spec
from .receiver import SuiteReceiver
from .spec import WebhookSpec

if TYPE_CHECKING:
    from ...client import EnkashClient
    from ...registration import ContractCheck

__all__ = ["EVENT_OPERATIONS", "EVENT_RULES", "EventRules", "Subscription", "registered_receiver"]

EVENT_RULES = {"webhooks_delivered": "receiver"}
EVENT_OPERATIONS = {"webhooks_delivered": "listTransactions"}
WAIT_SECONDS = 5.0  # for deliveries of entries already in transaction/all (the mock sends within ~0.1 s)


class Subscription:
    """The suite's receiver as registered with the target."""

    def __init__(self, receiver: SuiteReceiver, spec: WebhookSpec):
        self.receiver, self.spec = receiver, spec


def _entries(client: EnkashClient, wallet: str) -> list[dict[str, Any]]:
    found, page, pages = [], 0, 1
    while page < pages:
        reply = client.transactions(wallet, page=page)
        if reply.code != 0:
            raise RuntimeError(f"transaction/all of {wallet}: HTTP {reply.status}, response_code {reply.code!r}")
        found += reply.payload.get("transactions", [])
        pages, page = int(reply.payload.get("totalPages", 0)), page + 1
    return found


@contextmanager
def registered_receiver(client: EnkashClient, document: dict[str, Any]) -> Iterator[Subscription]:
    """A receiver on 127.0.0.1, registered for every event type of the calling partner; removed afterwards."""
    with SuiteReceiver() as receiver:
        endpoint = client.admin("POST", "/webhooks/endpoints", json={
            "partnerId": client.target.credentials.partner_id, "webhookUrl": receiver.url})
        try:
            yield Subscription(receiver, WebhookSpec(document))
        finally:
            client.admin("DELETE", f"/webhooks/endpoints/{endpoint['endpointId']}")


class EventRules:
    """Mixed into the wallet state machine, which provides what is declared below."""

    if TYPE_CHECKING:  # the host machine's (contracts/suites/rules.py)
        env: Any

        @property
        def client(self) -> EnkashClient: ...

        def _count(self, name: str, what: str) -> None: ...

        def _fail(self, name: str, check: ContractCheck, problem: Problem, what: str) -> None: ...

    def _subscribed(self) -> bool:
        return self.env.allowed("webhooks_delivered") and getattr(self.env, "subscription", None) is not None

    @initialize()
    def events_baseline(self) -> None:
        """What this machine run holds itself to: entries made and deliveries received from now on (so a
        failing run replays alike whatever earlier runs left in the session)."""
        self.events_before: set[str] | None = None
        self.deliveries_before = 0
        if self._subscribed():
            self.events_before = {str(e.get("enKashCardTransactionId")) for e in _entries(self.client, FUNDED_WALLET)}
            self.deliveries_before = len(self.env.subscription.receiver.deliveries())

    @precondition(lambda self: self._subscribed())
    @rule()
    def webhooks_delivered(self) -> None:
        subscription, before = self.env.subscription, self.events_before or set()
        self._count("webhooks_delivered", f"webhooks received for {FUNDED_WALLET} match the spec and its ledger")
        entries = _entries(self.client, FUNDED_WALLET)
        new = [e for e in entries if str(e.get("enKashCardTransactionId")) not in before
               and e.get("status") in (None, "SUCCESS")]
        wanted = {str(e.get("enKashCardTransactionId")) for e in new}
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            events = self._card_events(subscription)
            if wanted <= {str(b.get("enKashCardTransactionId")) for b in events.values()}:
                break
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
        self._hold_to_spec(subscription)
        self.env.steps[-1] += f" -> {len(new)} new entries, {len(events)} card events"
        problem = every_ledger_entry_has_an_event(
            new, events, {str(e.get("enKashCardTransactionId")) for e in entries})
        if problem:
            self._fail("webhooks_delivered", every_ledger_entry_has_an_event, problem,
                       f"card-transaction events of {FUNDED_WALLET}")

    def teardown(self) -> None:
        """Every machine run ends with the webhook rule, so a run's last top-up is never left unchecked."""
        # (not guarded by env.failed_rule, which outlives the run: a replay must check again); a run of
        # no steps never took its baseline, and did nothing to check
        if self._subscribed() and getattr(self, "events_before", None) is not None:
            self.webhooks_delivered()

    def _card_events(self, subscription: Subscription) -> dict[str, dict[str, Any]]:
        return {d.event_id: d.json for d in subscription.receiver.deliveries()[self.deliveries_before:]
                if d.event_type == "CARD_TRANSACTION" and isinstance(d.json, dict)
                and d.json.get("enkashCardId") == FUNDED_WALLET}

    def _hold_to_spec(self, subscription: Subscription) -> None:
        deliveries = subscription.receiver.deliveries()
        for delivery in deliveries[self.deliveries_before:]:
            problem = webhook_matches_spec(f"{delivery.event_type or 'a'} delivery {delivery.event_id}",
                                           subscription.spec.problems(delivery))
            if problem:
                self._fail("webhooks_delivered", webhook_matches_spec, problem,
                           f"{delivery.event_type} webhook {delivery.event_id}")
