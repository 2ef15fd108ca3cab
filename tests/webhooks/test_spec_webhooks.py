"""openapi.yaml's `webhooks` section and the mock's event registry describe the same events."""

from __future__ import annotations

import pytest
import yaml

from mock_server.config import DEFAULT_SPEC_PATH
from mock_server.webhooks import EVENT_TYPES
from mock_server.webhooks.payloads import sample_payload

from .helpers import spec_problems

RAW = yaml.safe_load(DEFAULT_SPEC_PATH.read_text())


def test_every_event_type_has_its_webhook_and_no_more():
    declared = {hook["post"]["x-enkash-event"]: name for name, hook in RAW["webhooks"].items()}
    assert declared == {event.name: event.webhook for event in EVENT_TYPES.values()}
    assert set(RAW["components"]["schemas"]["WebhookEventType"]["enum"]) == set(EVENT_TYPES)


@pytest.mark.parametrize("name", sorted(RAW["webhooks"]))
def test_every_webhook_marks_its_evidence(name):
    assert RAW["webhooks"][name]["post"]["x-enkash-evidence"] in {"documented", "inferred"}


@pytest.mark.parametrize("event", sorted(EVENT_TYPES))
def test_examples_fit_their_schema(event):
    assert spec_problems(event, sample_payload(str(DEFAULT_SPEC_PATH), event)) == []


def test_the_schema_check_bites():
    body = sample_payload(str(DEFAULT_SPEC_PATH), "CARD_TRANSACTION")
    del body["txnDetails"]["transactionFees"]
    assert spec_problems("CARD_TRANSACTION", body) != []


def test_card_transaction_has_the_consumers_22_and_11_keys():
    schemas = RAW["components"]["schemas"]
    assert len(schemas["CardTransactionWebhook"]["required"]) == 22
    assert len(schemas["CardTransactionDetails"]["required"]) == 11


def test_payment_notify_has_the_documented_25_fields():
    schema = RAW["components"]["schemas"]["PaymentNotifyWebhook"]
    assert len(schema["required"]) == 25 and schema["x-enkash-evidence"] == "documented"
