"""The shared kernel every area uses: world (one transaction), ids, clock, seed, domain errors.

No Flask here and nothing test-only: only a transaction, a clock reading and the config.
"""

from .errors import DomainError
from .world import World

__all__ = ["DomainError", "World"]
