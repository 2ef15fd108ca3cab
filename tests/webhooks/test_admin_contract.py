"""Every /__admin/webhooks answer matches docs/admin-openapi.yaml."""

from __future__ import annotations

from pathlib import Path

import jsonschema_rs
import yaml
from openapi_spec_validator import validate

from .helpers import DEMO_PARTNER, wait_for

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "docs" / "admin-openapi.yaml").read_text())


def _check(path: str, method: str, response) -> None:
    documented = SPEC["paths"][path][method]["responses"][str(response.status_code)]
    if "$ref" in documented:
        documented = SPEC["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
    schema = documented["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for({"components": SPEC["components"], **schema})
    assert [e.message for e in validator.iter_errors(response.json)] == [], (path, method, response.json)


def test_the_admin_spec_stays_valid():
    validate(SPEC)


def test_webhook_admin_answers_match_the_docs(client, receivers):
    receiver = receivers()
    base = "/__admin/webhooks"
    created = client.post(f"{base}/endpoints", json={"partnerId": DEMO_PARTNER, "webhookUrl": receiver.url,
                                                     "headers": {"X-Key": "v"}, "signingSecret": "s" * 16})
    _check(f"{base}/endpoints", "post", created)
    endpoint_id = created.json["endpointId"]
    _check(f"{base}/endpoints", "post", client.post(f"{base}/endpoints", json={"webhookUrl": "http://10.0.0.1/"}))
    _check(f"{base}/endpoints", "get", client.get(f"{base}/endpoints"))
    one = f"{base}/endpoints/{{endpointId}}"
    _check(one, "get", client.get(f"{base}/endpoints/{endpoint_id}"))
    _check(one, "get", client.get(f"{base}/endpoints/NOPE"))
    _check(one, "patch", client.patch(f"{base}/endpoints/{endpoint_id}", json={"enabled": True}))
    emitted = client.post(f"{base}/events", json={"eventType": "CARD_TRANSACTION", "partnerId": DEMO_PARTNER})
    _check(f"{base}/events", "post", emitted)
    _check(f"{base}/events", "get", client.get(f"{base}/events"))
    receiver.wait(1)
    wait_for(client, lambda log: log and log[0]["status"] == "DELIVERED")
    _check(f"{base}/deliveries", "get", client.get(f"{base}/deliveries"))
    delivery_id = emitted.json["deliveries"][0]
    _check(f"{base}/deliveries/{{deliveryId}}", "get", client.get(f"{base}/deliveries/{delivery_id}"))
    redelivered = client.post(f"{base}/deliveries/{delivery_id}/redeliver")
    _check(f"{base}/deliveries/{{deliveryId}}/redeliver", "post", redelivered)
    _check(f"{base}/deliveries/{{deliveryId}}/redeliver", "post", client.post(f"{base}/deliveries/NOPE/redeliver"))
    _check(f"{base}/policy", "get", client.get(f"{base}/policy"))
    _check(one, "delete", client.delete(f"{base}/endpoints/{endpoint_id}"))


def test_the_inspector_lists_deliveries_and_redelivers(client, receivers):
    import re

    receiver = receivers()
    client.post("/__admin/webhooks/endpoints", json={"partnerId": DEMO_PARTNER, "webhookUrl": receiver.url})
    [delivery_id] = client.post("/__admin/webhooks/events", json={"eventType": "SETTLEMENT_STATUS",
                                                                  "partnerId": DEMO_PARTNER}).json["deliveries"]
    receiver.wait(1)
    wait_for(client, lambda log: log and log[0]["status"] == "DELIVERED")
    page = client.get("/__admin/ui").get_data(as_text=True)
    assert "SETTLEMENT_STATUS" in page and delivery_id in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    answer = client.post("/__admin/ui/webhooks/redeliver", data={"csrf": csrf, "deliveryId": delivery_id})
    assert answer.status_code == 303 and "redelivery" in answer.headers["Location"]
    receiver.wait(2)
    refused = client.post("/__admin/ui/webhooks/redeliver", data={"csrf": "stale", "deliveryId": delivery_id})
    assert refused.status_code == 400
