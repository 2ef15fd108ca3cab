"""The HTTP edge: routing → security → validation → pipeline → responses, one module per stage."""

__all__: list[str] = []
