"""Wallets area: create, update and read wallets (handlers.py) and their pure rules (rules.py)."""

__all__: list[str] = []
