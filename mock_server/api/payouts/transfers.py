"""IMPS fund transfer from a wallet to one of its beneficiaries (rules of the documented payout twin).

Order matters: a replayed transactionId is answered first (the same body gets the first answer and
moves nothing; another body is refused); then the checks that make a transfer REJECTED with a
documented REJECT_* code (an answer, response_code 0, nothing stored: the partner may send the same
transactionId again), except an unknown wallet: "Wallet not found", as on every operation; then the
OTP and the balance, which are business failures (response_code 1).
Every refusal before the OTP is consumed leaves the holder's OTP usable, as for merchant debits.
"""

from __future__ import annotations

import re

from ...kernel.errors import DomainError
from ...kernel.ids import new_id
from ...kernel.world import World
from ..funds import idempotency, ledger
from ..funds.money import rupees
from ..funds.periods import period_keys
from ..funds.usage import add_usage, used
from ..funds.wallet_money import find_wallet_for_money
from ..kyc.otp import ensure_unused, verify_otp
from ..kyc.rules import OTP_ACTION
from .lifecycle import KIND, MESSAGES, USAGE, announce, clearing_account, plan, transfer_key, transfer_view
from .outcomes import outcome_for

__all__ = ["MIN_AMOUNT_PAISE", "create_transfer", "find_transfer", "rejected_view"]

MIN_AMOUNT_PAISE = 100  # the payout API's transferAmount minimum, 1.00
_REMARK = re.compile(r"^[A-Za-z0-9 .,/-]*$")  # what IMPS narrations carry (inferred); else REJECT_TRF_RMK


class _Rejected(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(code)
        self.code, self.message = code, message


def _paise(rupees_amount: int) -> int:
    return rupees_amount * 100


def rejected_view(request: dict, amount: int, code: str, message: str, now_iso: str) -> dict:
    """A REJECTED transfer as answered: nothing was debited and nothing is kept."""
    return {
        "transactionId": request["transactionId"], "enkashTransactionId": None,
        "enKashCardId": request["enKashCardId"], "cardAccountId": request["cardAccountId"],
        "beneficiaryId": request["beneficiaryId"], "beneficiaryName": None, "transferAmount": rupees(amount),
        "transferMode": request.get("transferMode", "IMPS"), "transferRemark": request.get("transferRemark"),
        "status": "REJECTED", "statusCode": code, "statusMessage": f"{MESSAGES['REJECTED']}: {message}",
        "utr": None, "enkashCardTxnId": None, "createdOn": now_iso, "updatedOn": now_iso,
    }


def _replay(world: World, partner_id: str, request: dict, print_: str) -> dict | None:
    record = world.tx.get(KIND, transfer_key(partner_id, request["transactionId"]))
    if record is None:
        return None
    if world.config.idempotency_mode == "reject":
        raise DomainError("duplicate_reference", field="transactionId")
    if record["fingerprint"] != print_:
        raise DomainError("transaction_id_reused")
    return record["firstAnswer"]


def _validated(world: World, partner: dict, request: dict, amount: int) -> tuple[dict, dict]:
    """The wallet and beneficiary of an acceptable transfer, or _Rejected with the code that says why."""
    # another partner's wallet reads exactly like a missing one, as on every operation: "Wallet not found"
    wallet = find_wallet_for_money(world, partner, request["enKashCardId"], request["cardAccountId"],
                                   request.get("companyId"))
    if wallet["kycStatus"] == "PENDING" or not wallet["latestTncVersionAccepted"]:
        raise _Rejected("REJECT_FND_SRC_ID", "wallet is not usable (minimum KYC and the latest T&C are required)")
    if wallet["kycStatus"] != "FULL_KYC":  # RBI: a minimum-KYC PPI cannot send money to a bank account
        raise _Rejected("REJECT_FND_SRC_ID", "only a FULL_KYC wallet can transfer to a bank account")
    if request.get("transferMode", "IMPS") != "IMPS":
        raise _Rejected("REJECT_TRF_MODE", "this operation sends IMPS only")
    if not _REMARK.match(request.get("transferRemark") or ""):
        raise _Rejected("REJECT_TRF_RMK", "transferRemark may hold letters, digits, spaces and . , / - only")
    beneficiary = world.tx.get("beneficiary", f"{wallet['enKashCardId']}:{request['beneficiaryId']}")
    if beneficiary is None:
        raise _Rejected("REJECT_BENEF_ID", "the wallet has no beneficiary with this beneficiaryId")
    if not beneficiary.get("beneficiaryAccountNumber") or not beneficiary.get("beneficiaryIfsc"):
        raise _Rejected("REJECT_BENEF_ACC", "IMPS needs a beneficiary with a bank account and IFSC")
    config = world.config
    if amount < MIN_AMOUNT_PAISE or amount > _paise(config.transfer_max_amount):
        raise _Rejected("REJECT_TRF_AMT", f"transferAmount must be between 1.00 and {config.transfer_max_amount}")
    month = period_keys(world.now, config.funds_timezone)["month"]
    if used(wallet.get("usage", {}), USAGE, month) + amount > _paise(config.transfer_monthly_limit):
        raise _Rejected("REJECT_TRF_AMT", f"the wallet's monthly transfer limit ({config.transfer_monthly_limit}) "
                                          "would be exceeded")
    return wallet, beneficiary


def create_transfer(world: World, partner: dict, request: dict, amount: int, now_iso: str) -> dict:
    # 250, 250.0 and "250.00" are one request: the amount is fingerprinted in paise, not as sent
    print_ = idempotency.fingerprint({k: v for k, v in request.items() if k != "transferAmount"}, amount)
    replay = _replay(world, partner["partnerId"], request, print_)
    if replay is not None:
        return replay
    try:
        wallet, beneficiary = _validated(world, partner, request, amount)
    except _Rejected as rejected:
        return rejected_view(request, amount, rejected.code, rejected.message, now_iso)
    ensure_unused(world, wallet, request["otpReferenceId"], OTP_ACTION)
    if wallet.get("balancePaise", 0) < amount:
        raise DomainError("insufficient_wallet_balance")
    verify_otp(world, wallet, request["otpReferenceId"], request["otp"], OTP_ACTION)  # writes the OTP only
    month = period_keys(world.now, world.config.funds_timezone)["month"]
    add_usage(wallet.setdefault("usage", {}), USAGE, month, amount)
    debit, _ = ledger.transfer(world.tx, ("wallet", wallet, wallet["enKashCardId"]),
                               clearing_account(world, partner["partnerId"]), amount, world.now,
                               type="FUND_TRANSFER", reference=request["transactionId"],
                               description=f"IMPS to {beneficiary['beneficiaryName']}",
                               remarks=request.get("transferRemark"))
    outcome, reason = outcome_for(world, wallet["enKashCardId"], beneficiary["beneficiaryId"])
    record = {
        "transactionId": request["transactionId"], "partnerId": partner["partnerId"],
        "enkashTransactionId": new_id("EK", 17, lambda candidate: False),  # the payout API's transferId look
        "enKashCardId": wallet["enKashCardId"], "cardAccountId": wallet["cardAccountId"],
        "beneficiaryId": beneficiary["beneficiaryId"], "beneficiaryName": beneficiary["beneficiaryName"],
        "amountPaise": amount, "transferMode": "IMPS", "transferRemark": request.get("transferRemark"),
        "status": "PROCESSING", "statusCode": None, "statusMessage": MESSAGES["PROCESSING"], "utr": None,
        "debitTxnId": debit["id"], "refundTxnId": None, "outcome": outcome, "outcomeReason": reason,
        "month": month, "fingerprint": print_, "createdAt": world.now, "updatedAt": world.now,
        "history": [{"status": "PROCESSING", "at": world.now}],
    }
    record["firstAnswer"] = transfer_view(record)
    key = transfer_key(partner["partnerId"], request["transactionId"])
    world.tx.put(KIND, key, record)
    announce(world, record, None)
    plan(world, key, world.now + world.config.transfer_settle_seconds)
    return record["firstAnswer"]


def find_transfer(world: World, partner_id: str, transaction_id: str) -> dict:
    record = world.tx.get(KIND, transfer_key(partner_id, transaction_id))
    if record is None:
        raise DomainError("transfer_not_found")
    return record
