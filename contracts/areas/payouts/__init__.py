"""IMPS fund transfers: the model's view of a wallet's transfers, their checks, and the machine's rules."""

__all__: list[str] = []
