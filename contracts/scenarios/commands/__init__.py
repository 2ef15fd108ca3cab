"""`enkash-contracts` subcommands for QA scenarios: replay, import-har, record, diff."""

__all__: list[str] = []
