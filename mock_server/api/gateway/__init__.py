"""Money between wallets and money in by card or UPI: wallet-to-wallet transfers and Add Money orders
paid through the payment gateway (a tester page served by the mock, or the admin API).

Pure rules live in their own modules (`wallet_transfer`, `orders`, `payments`, `notify`); `handlers`
adapts them to operationIds with `@operation`. The admin routes are in mock_server/admin/gateway.py and
the payment page in mock_server/payment_page.py.
"""

__all__: list[str] = []
