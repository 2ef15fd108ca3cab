"""The Payment Notify body of an order's outcome: the PG product's documented field list.

Which fields a payment mode fills is inferred (card fields null for UPI and net banking, bank fields
null for UPI and cards); surcharge and MDR are zero (the partner bears no fee in the mock). The
`checksum` is the mock's inferred one (`mock_server.webhooks.payloads.payment_notify_checksum`).
"""

from __future__ import annotations

from decimal import Decimal

from ...kernel.clock import to_iso
from ...webhooks.payloads import payment_notify_checksum

__all__ = ["PAYMENT_MODES", "payment_notify_payload"]

# mode -> (bankCode, bankName, cardScheme, maskedCardNumber, cardHolderName) the test payer "used"
PAYMENT_MODES = {
    "UPI": (None, None, None, None, None),
    "NET_BANKING": ("HDFC", "HDFC Bank", None, None, None),
    "CARD": (None, None, "VISA", "411111XXXXXX1111", "Test Payer"),
}
_NONE = (None, None, None, None, None)  # an order that expired without any payment attempt


def _rupees(paise: int) -> Decimal:
    return Decimal(paise).scaleb(-2)


def payment_notify_payload(order: dict, transaction: dict) -> dict:
    bank_code, bank_name, scheme, masked, holder = PAYMENT_MODES.get(transaction["paymentMode"], _NONE)
    amount = _rupees(order["amountPaise"])
    payload = {
        "surcharge": Decimal(0), "surchargeGst": Decimal(0), "amount": amount, "finalAmount": amount,
        "paymentMode": transaction["paymentMode"], "bankCode": bank_code, "bankName": bank_name,
        "cardScheme": scheme, "currency": "INR", "status": transaction["status"],
        "transactionId": transaction["transactionId"], "txnMsg": transaction["txnMsg"],
        "txnDate": to_iso(transaction["at"]), "uniqueTransactionId": order["uniqueTransactionId"],
        "maskedCardNumber": masked, "cardHolderName": holder, "paymentToken": None,
        "bankTransactionId": transaction.get("bankTransactionId"), "mdr": Decimal(0), "mdrGst": Decimal(0),
        "transactionAmount": amount, "orderId": order["orderId"], "orderStatus": order["status"],
        "transactionStatus": transaction["status"],
    }
    payload["checksum"] = payment_notify_checksum(payload)
    return payload
