"""The gateway area of the contract suite: wallet-to-wallet transfers and Add Money orders (model, checks, rules)."""

__all__: list[str] = []
