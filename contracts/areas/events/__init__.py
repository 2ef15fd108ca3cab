"""The events area of the contract suite: a local webhook receiver, the spec's webhook schemas, the
checks on what the target delivers (webhook_matches_spec, every_ledger_entry_has_an_event) and the
stateful rule that applies them."""

__all__: list[str] = []
