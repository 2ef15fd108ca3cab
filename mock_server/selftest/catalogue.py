"""Every planted contract violation: its name, what it breaks, which contract check must catch it,
and the suite arguments that reach it quickly (the generated test in tests/contracts runs them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["PLANTED", "PlantedViolation", "check_known"]


@dataclass(frozen=True)
class PlantedViolation:
    name: str
    breaks: str  # what the faulty mock does wrong (shown by `enkash-mock serve --help` and in errors)
    caught_by: str  # the contract check that must fail against it
    suite: tuple[str, ...]  # `enkash-contracts run` arguments that reach it quickly
    seam: str  # "response" | "security" | "handler" | "due": where selftest wraps the mock


def _conformance(operation: str) -> tuple[str, ...]:
    return ("--suite", "conformance", "--operation", operation)


_STATEFUL = ("--suite", "stateful")
# The wallet and KYC checks need long chains of wallet steps (create, OTP, verify, then edit or read): a run
# of those areas alone gives them every step instead of sharing them with money, transfers and webhooks.
_STATEFUL_CORE = (*_STATEFUL, "--stateful-areas", "core")

_ALL = (
    PlantedViolation("drop_kyc_status", "wallet payloads lack kycStatus", "response_schema_conformance",
                     _conformance("getWalletDetails"), "response"),
    PlantedViolation("otb_balance_string", "wallet payloads carry otbBalance as a string",
                     "response_schema_conformance", _conformance("searchWallet"), "response"),
    PlantedViolation("business_failure_500", "business failures (response_code 1) are sent with HTTP 500",
                     "not_a_server_error", _conformance("getVkycStatus"), "response"),
    PlantedViolation("business_failure_201", "business failures (response_code 1) are sent with HTTP 201",
                     "status_code_conformance", _conformance("generateOtp"), "response"),
    PlantedViolation("validation_code_mismatch", "422 answers carry response_code 400",
                     "envelope_matches_http_status", _conformance("minKyc"), "response"),
    PlantedViolation("otp_reuse", "a used OTP verifies again (min-kyc succeeds a second time)",
                     "otp_is_single_use", _STATEFUL, "handler"),
    PlantedViolation("ignore_auth",
                     "wallet calls with a missing or invalid bearer token are served (partner from partnerId)",
                     "ignored_auth", _conformance("getWalletDetails"), "security"),
    PlantedViolation("digit_name_500", "a firstName containing a digit crashes the mock (500)",
                     "not_a_server_error", _conformance("createWallet"), "handler"),
    PlantedViolation("business_failure_payload_differs",
                     "business failures carry a payload other than their response_message",
                     "business_failure_repeats_message", _conformance("getVkycStatus"), "response"),
    PlantedViolation("wallet_of_another_account", "wallet answers name another card account (cardAccountId)",
                     "wallet_not_leaked_across_partners", _conformance("getWalletDetails"), "response"),
    PlantedViolation("token_expires_in_zero", "token answers say expires_in 0", "token_expires",
                     _conformance("getToken"), "response"),
    PlantedViolation("refuse_valid_token", "wallet calls with a valid bearer token get 401 invalid_token",
                     "valid_token_is_accepted", _conformance("getWalletDetails"), "security"),
    PlantedViolation("holder_details_unlocked", "holder details stay editable after the OTP is verified",
                     "holder_details_locked_after_kyc", _STATEFUL_CORE, "handler"),
    PlantedViolation("kyc_regresses_in_details", "wallet details report kycStatus PENDING after minimum KYC",
                     "kyc_never_regresses", _STATEFUL_CORE, "response"),
    PlantedViolation("create_reports_min_kyc", "a new wallet is reported with kycStatus MIN_KYC",
                     "target_agrees_with_model", _STATEFUL, "response"),
    PlantedViolation("double_credit_on_replay", "a replayed top-up reference credits the wallet again",
                     "reference_is_idempotent", _STATEFUL, "handler"),
    PlantedViolation("transaction_missing_from_history", "transaction/all leaves out the newest transaction",
                     "balance_equals_history", _STATEFUL, "response"),
    PlantedViolation("load_limit_not_enforced", "top-ups ignore the KYC tier's limits (a wallet loads past them)",
                     "kyc_limits_hold", _STATEFUL, "handler"),
    PlantedViolation("top_up_from_nowhere",
                     "a top-up credits the wallet but leaves the card account's balance as it was",
                     "money_is_conserved", _STATEFUL, "handler"),
    PlantedViolation("failed_transfer_not_credited",
                     "a fund transfer that fails or is reversed is credited back and debited again at once",
                     "failed_transfer_is_reversed", _STATEFUL, "due"),
    PlantedViolation("replayed_transfer_debits_twice",
                     "a replayed fund-transfer transactionId is processed (and debited) as a new transfer",
                     "transfer_is_idempotent", _STATEFUL, "handler"),
    PlantedViolation("transfer_credits_without_debit",
                     "a wallet-to-wallet transfer credits the target without debiting the source",
                     "wallet_transfer_is_atomic", _STATEFUL, "handler"),
    PlantedViolation("abandoned_order_credits",
                     "the status enquiry of an abandoned Add Money order credits the wallet",
                     "unpaid_order_credits_nothing", _STATEFUL, "handler"),
    PlantedViolation("card_event_drops_balance", "a top-up's CARD_TRANSACTION webhook lacks `balance`",
                     "webhook_matches_spec", _STATEFUL, "handler"),
    PlantedViolation("top_up_emits_no_event", "a top-up sends no CARD_TRANSACTION webhook",
                     "every_ledger_entry_has_an_event", _STATEFUL, "handler"),
    PlantedViolation("balance_allowed_below_zero",
                     "a merchant debit the balance cannot cover succeeds and leaves the wallet below zero",
                     "balance_never_negative", _STATEFUL, "handler"),
    PlantedViolation("debit_skips_otp", "a merchant debit succeeds with a wrong, unknown or used TRANSACTION_OTP",
                     "debit_needs_otp", _STATEFUL, "handler"),
)

PLANTED: Mapping[str, PlantedViolation] = MappingProxyType({item.name: item for item in _ALL})


def check_known(names: tuple[str, ...]) -> None:
    unknown = sorted(set(names) - set(PLANTED))
    if unknown:
        raise ValueError(f"unknown fault(s): {', '.join(unknown)}; known: {', '.join(sorted(PLANTED))}")
