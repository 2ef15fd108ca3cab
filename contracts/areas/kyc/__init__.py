"""The kyc area of the contract suite: its part of the reference model, its checks and its stateful rules."""

__all__: list[str] = []
