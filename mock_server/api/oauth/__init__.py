"""OAuth area: the token endpoint (password and refresh grants) and the accounts it checks."""

__all__: list[str] = []
