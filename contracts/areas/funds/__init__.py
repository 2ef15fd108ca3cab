"""The money area of the contract suite: an exact ledger model, its checks and its stateful rules."""

__all__: list[str] = []
