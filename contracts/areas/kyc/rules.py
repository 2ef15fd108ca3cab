"""KYC rules of the stateful suite: OTPs (right, wrong, reused, expired), minimum KYC, the clock, video KYC.

A mixin of the wallet state machine (`MachineBase`, contracts/suites/machine.py); the model's KYC part is
contracts/areas/kyc/model.py, the checks contracts/areas/kyc/checks.py. It also holds every answer that
shows a kycStatus to the last one seen for that wallet (`kyc_never_regresses`).
"""

from __future__ import annotations

import time

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, precondition, rule

from ...client import Reply
from ...model import Expect
from ...suites.machine import WALLETS, MachineBase
from .checks import kyc_never_regresses, otp_is_single_use

__all__ = ["KYC_OPERATIONS", "KYC_RULES", "KycRules"]

OTPS = Bundle("otps")  # (wallet, otpReferenceId) of every OTP generated
# rule -> what it needs (see contracts/suites/rules.py): "otp" the OTP value, "admin" the mock's admin API
KYC_RULES = {
    "generate_otp": "", "verify_right": "otp", "verify_wrong": "", "verify_reused": "otp", "verify_expired": "admin",
    "vkyc_link": "", "move_clock": "admin", "vkyc_decision": "admin",
}
# rule -> the operation its report line names
KYC_OPERATIONS = {
    "generate_otp": "generateOtp", "verify_right": "minKyc", "verify_wrong": "minKyc", "verify_reused": "minKyc",
    "verify_expired": "minKyc", "vkyc_link": "getVkycLink", "move_clock": "getVkycLink",
    "vkyc_decision": "getVkycStatus",
}


class KycRules(MachineBase):
    def _watch_answer(self, name: str, reply: Reply, what: str) -> None:
        """Every answer that shows a wallet's kycStatus is held to the latest one seen for it."""
        super()._watch_answer(name, reply, what)
        wallet, kyc = reply.field("enKashCardId"), reply.field("kycStatus")
        if not wallet or not kyc:
            return
        seen: dict[str, str] = self.__dict__.setdefault("seen_kyc", {})  # per machine run
        problem = kyc_never_regresses(seen.get(wallet), kyc)
        if problem:
            self._fail(name, kyc_never_regresses, problem, what)
        seen[wallet] = kyc

    def _otp_value(self, wallet_id: str, reference: str) -> str:
        if self.env.fixed_otp:
            return self.env.fixed_otp
        for item in self.client.admin_otps(wallet_id):
            if item.get("otpReferenceId") == reference:
                return str(item["otp"])
        raise LookupError(f"the mock lists no OTP {reference} for {wallet_id}")

    # --- OTP and minimum KYC -------------------------------------------------------------------------
    @rule(target=OTPS, wallet=WALLETS)
    def generate_otp(self, wallet: str) -> tuple[str, str]:
        self._count("generate_otp", f"generate OTP for {wallet}")
        reply = self.client.generate_otp(wallet)
        self._expect("generate_otp", Expect(), reply, "generate OTP")
        reference = reply.field("otpReferenceId")
        self.model.otp_issued(reference, wallet)
        self.env.steps[-1] += f" -> {reference}"
        return wallet, reference

    def _verify(self, name: str, otp: tuple[str, str], right: bool, label: str) -> Reply:
        wallet, reference = otp
        value = self._otp_value(wallet, reference) if right else self._wrong_otp(wallet, reference)
        self._count(name, f"min-kyc {wallet} with {label} OTP of {reference}")
        already_used = self.model.otps[reference].used
        expected = self.model.verify(reference, right)
        reply = self.client.min_kyc(wallet, reference, value)
        problem = otp_is_single_use(reply.status, reply.body) if already_used and right else None
        if problem:
            self._fail(name, otp_is_single_use, problem, f"{label} OTP, already used")
        self._expect(name, expected, reply, f"{label} OTP")
        return reply

    def _wrong_otp(self, wallet: str, reference: str) -> str:
        known = self.env.fixed_otp or (self._otp_value(wallet, reference) if self.env.admin else "000000")
        return f"{(int(known) + 1) % 1_000_000:06d}"

    @precondition(lambda self: self.env.allowed("verify_right"))
    @rule(otp=OTPS)
    def verify_right(self, otp: tuple[str, str]) -> None:
        self._verify("verify_right", otp, True, "the right")

    @rule(otp=OTPS)
    def verify_wrong(self, otp: tuple[str, str]) -> None:
        self._verify("verify_wrong", otp, False, "a wrong")

    @precondition(lambda self: self.env.allowed("verify_reused"))
    @rule(otp=OTPS)
    def verify_reused(self, otp: tuple[str, str]) -> None:
        first = self._verify("verify_reused", otp, True, "the right")
        if first.code != 0:
            return  # already used, burned or expired: the model agreed, nothing to reuse
        wallet, reference = otp
        self._count("verify_reused", f"min-kyc {wallet} again with the same OTP of {reference}")
        expected = self.model.verify(reference, True)
        second = self.client.min_kyc(wallet, reference, self._otp_value(wallet, reference))
        problem = otp_is_single_use(second.status, second.body)
        if problem:
            self._fail("verify_reused", otp_is_single_use, problem, "reused OTP")
        self._expect("verify_reused", expected, second, "reused OTP")

    @precondition(lambda self: self.env.allowed("verify_expired"))
    @rule(otp=OTPS)
    def verify_expired(self, otp: tuple[str, str]) -> None:
        self.env.steps.append(f"{len(self.env.steps) + 1}. verify_expired: advance the clock past the OTP's life")
        self.client.advance_clock(self.model.otp_ttl + 1)
        self.model.advance(self.model.otp_ttl + 1)
        self._verify("verify_expired", otp, True, "an expired")

    # --- clock and video KYC --------------------------------------------------------------------------
    @precondition(lambda self: self.env.allowed("move_clock"))
    @rule(wallet=WALLETS, seconds=st.sampled_from([61, 301, 4 * 3600, 9 * 3600, 86400]))
    def move_clock(self, wallet: str, seconds: int) -> None:  # `wallet` only paces the rule
        self._count("move_clock", f"advance the clock {seconds}s")
        self.client.advance_clock(seconds)
        self.model.advance(seconds)

    @rule(wallet=WALLETS)
    def vkyc_link(self, wallet: str) -> None:
        if not self.env.admin:
            self.model.now = time.time()
        self._count("vkyc_link", f"VKYC link for {wallet} (open: {self.model.vkyc_open()})")
        expected = self.model.vkyc_link(wallet)
        self._expect("vkyc_link", expected, self.client.vkyc_link(wallet), "VKYC link")

    @precondition(lambda self: self.env.allowed("vkyc_decision"))
    @rule(wallet=WALLETS, outcome=st.sampled_from(["APPROVED", "REJECTED"]))
    def vkyc_decision(self, wallet: str, outcome: str) -> None:
        if not self.model.vkyc_pending(wallet):
            return
        self._count("vkyc_decision", f"VKYC {outcome} for {wallet}, then read its VKYC status")
        self.client.vkyc_decision(wallet, outcome, None if outcome == "APPROVED" else "blurred video")
        expected = self.model.vkyc_decided(wallet, outcome)
        self._expect("vkyc_decision", expected, self.client.vkyc_status(wallet), "VKYC status after decision")

