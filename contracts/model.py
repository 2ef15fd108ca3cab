"""Reference model of wallet onboarding, written from openapi.yaml and the Enkash docs alone.

It predicts every answer of the stateful suite (HTTP status, response_code, kycStatus, vkycStatus)
from what it has seen. It never imports the mock: a model that reused the mock's rules would
test the mock against itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["Expect", "ModelOtp", "ModelWallet", "WalletModel"]

OK, BUSINESS_FAILURE = 0, 1
_PENDING_VKYC = ("LINK_GENERATED", "IN_PROGRESS")


@dataclass(frozen=True)
class Expect:
    """What the target must answer."""

    status: int = 200
    code: int | None = OK
    kyc: str | None = None
    vkyc: str | None = None
    why: str = ""

    def describe(self) -> str:
        parts = [f"HTTP {self.status}"] + ([f"response_code {self.code}"] if self.code is not None else [])
        parts += [f"kycStatus {self.kyc}"] if self.kyc else []
        parts += [f"vkycStatus {self.vkyc}"] if self.vkyc else []
        return ", ".join(parts) + (f" ({self.why})" if self.why else "")


@dataclass
class ModelOtp:
    reference: str
    wallet_id: str
    expires_at: float
    attempts: int = 0
    used: bool = False


@dataclass
class ModelWallet:
    wallet_id: str
    mobile: str
    holder: dict[str, Any]
    kyc: str = "PENDING"
    vkyc: str = "NOT_INITIATED"


@dataclass
class WalletModel:
    now: float
    otp_ttl: int = 300  # inferred: OTPs live 5 minutes
    max_attempts: int = 3  # inferred: three wrong tries burn an OTP
    vkyc_zone: str = "Asia/Kolkata"  # documented: 10 AM-6 PM on working days
    vkyc_opens: time = time(10, 0)
    vkyc_closes: time = time(18, 0)
    wallets: dict[str, ModelWallet] = field(default_factory=dict)
    mobiles: set[str] = field(default_factory=set)
    otps: dict[str, ModelOtp] = field(default_factory=dict)
    freed_mobiles: list[str] = field(default_factory=list)  # mobiles released by a holder's mobile change

    # --- wallets -----------------------------------------------------------------------------
    def create(self, mobile: str) -> Expect:
        if mobile in self.mobiles:
            return Expect(code=BUSINESS_FAILURE, why="a wallet already exists for this mobile")
        return Expect(kyc="PENDING", vkyc="NOT_INITIATED")

    def created(self, wallet_id: str, mobile: str, holder: dict[str, Any]) -> None:
        self.wallets[wallet_id] = ModelWallet(wallet_id, mobile, dict(holder))
        self.mobiles.add(mobile)

    def update(self, wallet_id: str, changes: dict[str, Any]) -> Expect:
        wallet = self.wallets[wallet_id]
        if wallet.kyc != "PENDING":
            return Expect(code=BUSINESS_FAILURE, why="holder details are locked after OTP verification")
        new_mobile = changes.get("mobile", wallet.mobile)
        if new_mobile != wallet.mobile:
            if new_mobile in self.mobiles:
                return Expect(code=BUSINESS_FAILURE, why="another wallet has this mobile")
            self.mobiles.discard(wallet.mobile)  # the old mobile is free for a new wallet
            self.freed_mobiles.append(wallet.mobile)
            self.mobiles.add(new_mobile)
            wallet.mobile = new_mobile
        wallet.holder.update(changes)
        return Expect(kyc=wallet.kyc)

    def take_freed_mobile(self) -> str:
        mobile = self.freed_mobiles.pop()
        if mobile in self.mobiles:  # taken again since (by a mobile change): not free after all
            return self.take_freed_mobile() if self.freed_mobiles else ""
        return mobile

    def details(self, wallet_id: str) -> Expect:
        wallet = self.wallets[wallet_id]
        return Expect(kyc=wallet.kyc, vkyc=wallet.vkyc)

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

    def advance(self, seconds: float) -> None:
        self.now += seconds
