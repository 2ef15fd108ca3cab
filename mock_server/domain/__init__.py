"""Pure simulation of Enkash's rules: no Flask here, only a transaction, a clock reading and the config."""

from .errors import DomainError
from .world import World

__all__ = ["DomainError", "World"]
