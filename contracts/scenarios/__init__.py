"""QA scenarios: a readable YAML format, replay against the mock or UAT, HAR import, recording, diff."""

from .loader import Scenario, ScenarioError, load_file, load_text
from .runner import run_scenario

__all__ = ["Scenario", "ScenarioError", "load_file", "load_text", "run_scenario"]
