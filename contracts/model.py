"""Reference model of wallet onboarding, written from openapi.yaml and the Enkash docs alone.

It predicts every answer of the stateful suite (HTTP status, response_code, kycStatus, vkycStatus)
from what it has seen. It never imports the mock: a model that reused the mock's rules would
test the mock against itself.

Each area keeps its part (`contracts/areas/<area>/model.py`); the clock and the vocabulary they share are
in `contracts/prediction.py`; this module composes them into the one `WalletModel` the state machine asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .areas.kyc.model import KycModel, ModelOtp
from .areas.wallets.model import ModelWallet, WalletsModel
from .prediction import BUSINESS_FAILURE, OK, Expect, ModelClock

__all__ = ["BUSINESS_FAILURE", "OK", "Expect", "ModelClock", "ModelOtp", "ModelWallet", "WalletModel"]


@dataclass
class WalletModel(
    KycModel,
    WalletsModel,
    ModelClock,
):
    """Every area's part of the model (one line an area), on the shared clock."""
