"""Money in the wallet: card accounts and products, top-ups, limits, balances, history, card controls,
merchant debits and settlement.

Pure rules (no Flask) live in their own modules; `handlers` adapts them to operationIds and
`templates` holds the error templates as data. This package imports nothing at load time, so
`mock_server.errors` can read its templates without an import cycle.
"""

__all__: list[str] = []
