"""Money in the wallet: card accounts and products, top-ups, limits, balances, history, card controls,
merchant debits and settlement.

Pure rules (no Flask) live in their own modules; `handlers` adapts them to operationIds with
`@operation`. Its error templates are in mock_server/http/errors.py beside the others, its admin
routes in mock_server/admin/funds.py.
"""

__all__: list[str] = []
