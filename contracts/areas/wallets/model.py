"""The wallets' part of the reference model: wallets, their holders and the mobiles they hold.

Written from openapi.yaml and the Enkash docs alone (never the mock). A part of `WalletModel`
(contracts/model.py), which gives it the clock; the KYC part reads and moves `ModelWallet.kyc`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...prediction import BUSINESS_FAILURE, Expect

__all__ = ["ModelWallet", "WalletsModel"]


@dataclass
class ModelWallet:
    wallet_id: str
    mobile: str
    holder: dict[str, Any]
    kyc: str = "PENDING"
    vkyc: str = "NOT_INITIATED"


@dataclass
class WalletsModel:
    wallets: dict[str, ModelWallet] = field(default_factory=dict)
    mobiles: set[str] = field(default_factory=set)
    freed_mobiles: list[str] = field(default_factory=list)  # mobiles released by a holder's mobile change

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
