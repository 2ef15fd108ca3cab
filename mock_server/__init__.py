"""Spec-driven, stateful mock of Enkash's wallet partner APIs."""

from .app import create_app
from .config import MockConfig, load_config

__all__ = ["MockConfig", "create_app", "load_config"]
