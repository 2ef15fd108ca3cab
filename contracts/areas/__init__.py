"""Contract-side areas: each area's model, checks and stateful rules in one folder."""

__all__: list[str] = []
