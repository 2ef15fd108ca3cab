"""KYC area: OTPs, minimum KYC and video KYC: handlers, pure rules, OTPs and VKYC business hours."""

__all__: list[str] = []
