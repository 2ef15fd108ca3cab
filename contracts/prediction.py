"""What a reference model predicts for one call (`Expect`: status, response_code, KYC states, why), and
the model's clock (`ModelClock`).

The shared vocabulary of every area's model part (`contracts/areas/*/model.py`), apart from
`contracts.model` (which composes those parts) so that the parts can use it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BUSINESS_FAILURE", "OK", "Expect", "ModelClock"]

OK, BUSINESS_FAILURE = 0, 1


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
class ModelClock:
    now: float = field(kw_only=True)  # the target's clock as the model has it

    def advance(self, seconds: float) -> None:
        self.now += seconds
