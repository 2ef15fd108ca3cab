"""/__admin/webhooks: endpoints, test events, the delivery log and redelivery (docs/admin.md)."""

from __future__ import annotations

from flask import request

from ..admin.base import admin_blueprint, body, caller_session, json_out, mock_state
from ..http.errors import ApiError
from ..store import Transaction
from .backoff import RetryPolicy
from .endpoints import EndpointError, endpoint_view, new_endpoint
from .events import EVENT_TYPES
from .outbox import delivery_view, emit, redeliver
from .payloads import PayloadError, sample_payload
from .runtime import ensure_worker, worker_of
from .vault import forget_secrets, keep_secrets

__all__: list[str] = []

_FILTERS = ("status", "eventType", "endpointId", "eventId", "partnerId")


def _bad(detail: str) -> ApiError:
    return ApiError("admin_bad_request", detail=detail)


def _missing(what: str) -> ApiError:
    return ApiError("admin_not_found", detail=f"no {what} in this session")


def _existing(tx: Transaction, kind: str, key: str) -> dict:
    """The session's `kind` document `key`, or a 404 naming it ("no webhook endpoint WH… in this session")."""
    document = tx.get(kind, key)
    if document is None:
        raise _missing(f"{kind.replace('_', ' ')} {key}")
    return document


@admin_blueprint.get("/webhooks/endpoints")
def list_endpoints():
    with mock_state().world(caller_session(), write=False) as world:
        return json_out({"endpoints": [endpoint_view(e) for _, e in world.tx.items("webhook_endpoint")]})


@admin_blueprint.post("/webhooks/endpoints")
def register_endpoint():
    state, session, data = mock_state(), caller_session(), body()
    with state.world(session, write=False) as world:
        try:
            endpoint, secrets = new_endpoint(world.tx, data, state.config.webhook_allowed_hosts, world.now)
        except EndpointError as error:
            raise _bad(str(error)) from error
    # Secrets first, in their own transaction (store transactions do not nest): an endpoint never
    # exists without them; a failure in between leaves only an unused vault entry.
    keep_secrets(state.store, session, endpoint["endpointId"], secrets)
    with state.world(session) as world:
        world.tx.put("webhook_endpoint", endpoint["endpointId"], endpoint)
    ensure_worker(state)
    return json_out(endpoint_view(endpoint), 201)


@admin_blueprint.get("/webhooks/endpoints/<endpoint_id>")
def get_endpoint(endpoint_id: str):
    with mock_state().world(caller_session(), write=False) as world:
        endpoint = _existing(world.tx, "webhook_endpoint", endpoint_id)
    return json_out(endpoint_view(endpoint))


@admin_blueprint.patch("/webhooks/endpoints/<endpoint_id>")
def switch_endpoint(endpoint_id: str):
    enabled = body().get("enabled")
    if not isinstance(enabled, bool):
        raise _bad('expected {"enabled": true | false}')
    with mock_state().world(caller_session()) as world:
        endpoint = _existing(world.tx, "webhook_endpoint", endpoint_id)
        endpoint["enabled"] = enabled
        world.tx.put("webhook_endpoint", endpoint_id, endpoint)
    return json_out(endpoint_view(endpoint))


@admin_blueprint.delete("/webhooks/endpoints/<endpoint_id>")
def delete_endpoint(endpoint_id: str):
    state, session = mock_state(), caller_session()
    with state.world(session) as world:
        _existing(world.tx, "webhook_endpoint", endpoint_id)
        world.tx.delete("webhook_endpoint", endpoint_id)
    forget_secrets(state.store, session, endpoint_id)
    return json_out({"endpointId": endpoint_id, "deleted": True})


@admin_blueprint.post("/webhooks/events")
def emit_test_event():
    """Emit an event as the mock's own flows will: the spec's example body unless `payload` is given."""
    state, data = mock_state(), body()
    name, partner_id = data.get("eventType"), data.get("partnerId")
    if name not in EVENT_TYPES:
        raise _bad(f"eventType must be one of {', '.join(EVENT_TYPES)}")
    payload = data["payload"] if "payload" in data else sample_payload(state.config.spec_path, name)
    if not isinstance(payload, dict):
        raise _bad("payload must be a JSON object")
    with state.world(caller_session()) as world:
        if not isinstance(partner_id, str) or world.tx.get("partner", partner_id) is None:
            raise _bad("partnerId must name a partner of this session")
        try:
            event_id = emit(world, name, payload, partner_id=partner_id, strict=True)
        except PayloadError as error:
            raise _bad(str(error)) from error
        deliveries = [d["deliveryId"] for _, d in world.tx.items("webhook_delivery") if d["eventId"] == event_id]
    worker = worker_of(state)
    if worker is not None:
        worker.wake()
    return json_out({"eventId": event_id, "eventType": name, "deliveries": deliveries}, 201)


@admin_blueprint.get("/webhooks/events")
def list_events():
    wanted = request.args.get("eventType")
    with mock_state().world(caller_session(), write=False) as world:
        events = [e for _, e in world.tx.items("webhook_event") if wanted in (None, e["eventType"])]
    events.sort(key=lambda e: (e["createdAt"], e.get("seq", 0), e["eventId"]))
    hidden = ("createdAt", "createdRealAt", "seq")
    return json_out({"events": [{k: v for k, v in e.items() if k not in hidden} for e in events]})


@admin_blueprint.get("/webhooks/deliveries")
def list_deliveries():
    filters = {name: request.args[name] for name in _FILTERS if name in request.args}
    with mock_state().world(caller_session(), write=False) as world:
        found = [d for _, d in world.tx.items("webhook_delivery")
                 if all(str(d.get(name)) == value for name, value in filters.items())]
        found.sort(key=lambda d: (d["createdAt"], d["deliveryId"]))
        views = [delivery_view(d, world.tx.get("webhook_event", d["eventId"])) for d in found]
    return json_out({"deliveries": views})


@admin_blueprint.get("/webhooks/deliveries/<delivery_id>")
def get_delivery(delivery_id: str):
    with mock_state().world(caller_session(), write=False) as world:
        delivery = _existing(world.tx, "webhook_delivery", delivery_id)
        return json_out(delivery_view(delivery, world.tx.get("webhook_event", delivery["eventId"])))


@admin_blueprint.post("/webhooks/deliveries/<delivery_id>/redeliver")
def redeliver_now(delivery_id: str):
    state = mock_state()
    with state.world(caller_session()) as world:
        delivery = redeliver(world.tx, delivery_id, world.now)
    if delivery is None:
        raise _missing(f"webhook delivery {delivery_id}")
    ensure_worker(state).wake()
    return json_out(delivery_view(delivery), 202)


@admin_blueprint.get("/webhooks/policy")
def delivery_policy():
    config = mock_state().config
    policy = RetryPolicy.from_config(config)
    return json_out({"eventTypes": list(EVENT_TYPES), "allowedHosts": list(config.webhook_allowed_hosts),
                     "timeoutMs": config.webhook_timeout_ms, "maxAttempts": policy.max_attempts,
                     "retryDelaysSeconds": policy.schedule(), "senders": config.webhook_senders})
