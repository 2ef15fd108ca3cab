"""The KYC part of the reference model: OTPs and minimum KYC, video KYC and its hours.

Written from openapi.yaml and the Enkash docs alone (never the mock). A part of `WalletModel`
(contracts/model.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from ...prediction import BUSINESS_FAILURE, Expect, ModelClock
from ..wallets.model import WalletsModel

__all__ = ["KycModel", "ModelOtp"]

_PENDING_VKYC = ("LINK_GENERATED", "IN_PROGRESS")


@dataclass
class ModelOtp:
    reference: str
    wallet_id: str
    expires_at: float
    attempts: int = 0
    used: bool = False


@dataclass
class KycModel(WalletsModel, ModelClock):
    """KYC is done on the wallets part's wallets (`ModelWallet.kyc`, `.vkyc`), against the clock."""

    otp_ttl: int = 300  # inferred: OTPs live 5 minutes
    max_attempts: int = 3  # inferred: three wrong tries burn an OTP
    vkyc_zone: str = "Asia/Kolkata"  # documented: 10 AM-6 PM on working days
    vkyc_opens: time = time(10, 0)
    vkyc_closes: time = time(18, 0)
    otps: dict[str, ModelOtp] = field(default_factory=dict)

    # --- OTP and minimum KYC ----------------------------------------------------------------------
    def otp_issued(self, reference: str, wallet_id: str) -> None:
        self.otps[reference] = ModelOtp(reference, wallet_id, self.now + self.otp_ttl)

    def verify(self, reference: str, right: bool) -> Expect:
        """Minimum KYC with this OTP: the right value, or a wrong one."""
        otp = self.otps[reference]
        wallet = self.wallets[otp.wallet_id]
        if otp.used:  # named as such before anything else, whatever the wallet's KYC
            return Expect(code=BUSINESS_FAILURE, why="OTP already used")
        if wallet.kyc != "PENDING":
            return Expect(code=BUSINESS_FAILURE, why="minimum KYC already done")
        refusal = self._otp_refusal(otp)
        if refusal:
            return Expect(code=BUSINESS_FAILURE, why=refusal)
        if not right:
            otp.attempts += 1
            return Expect(code=BUSINESS_FAILURE, why="wrong OTP")
        otp.used, wallet.kyc = True, "MIN_KYC"
        return Expect(kyc="MIN_KYC")

    def _otp_refusal(self, otp: ModelOtp) -> str:
        if otp.used:
            return "OTP already used"
        if otp.attempts >= self.max_attempts:
            return "OTP attempts exceeded"
        if self.now >= otp.expires_at:
            return "OTP expired"
        return ""

    # --- video KYC --------------------------------------------------------------------------------
    def vkyc_open(self) -> bool:
        local = datetime.fromtimestamp(self.now, ZoneInfo(self.vkyc_zone))
        return local.weekday() < 5 and self.vkyc_opens <= local.time() < self.vkyc_closes

    def vkyc_link(self, wallet_id: str) -> Expect:
        wallet = self.wallets[wallet_id]
        if wallet.kyc == "FULL_KYC":
            return Expect(code=BUSINESS_FAILURE, why="already full KYC")
        if not self.vkyc_open():
            return Expect(code=BUSINESS_FAILURE, why="outside VKYC hours")
        if wallet.kyc != "MIN_KYC":  # documented order: minimum KYC, then video KYC
            return Expect(code=BUSINESS_FAILURE, why="minimum KYC first")
        wallet.vkyc = "LINK_GENERATED"
        return Expect(vkyc="LINK_GENERATED")

    def vkyc_pending(self, wallet_id: str) -> bool:
        return self.wallets[wallet_id].vkyc in _PENDING_VKYC

    def vkyc_decided(self, wallet_id: str, outcome: str) -> Expect:
        wallet = self.wallets[wallet_id]
        wallet.vkyc = outcome
        if outcome == "APPROVED":
            wallet.kyc = "FULL_KYC"
        return Expect(kyc=wallet.kyc, vkyc=wallet.vkyc)
