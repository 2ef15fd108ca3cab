"""Step-by-step replay output: colours and a progress bar on a terminal, plain lines in CI logs.

Off a terminal nothing but plain text is written: no ANSI codes, no carriage-return spinners.
On a terminal, NO_COLOR (https://no-color.org: set and not empty) keeps the layout but drops colour.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO
from urllib.parse import urlsplit

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .results import ScenarioResult, StepResult

__all__ = ["Reporter"]

_LABEL = {"passed": "PASS", "failed": "FAIL", "error": "ERROR", "skipped": "SKIP"}
_STYLE = {"passed": "green", "failed": "red", "error": "red", "skipped": "yellow"}


class Reporter:
    """Prints each step as it finishes; `total_steps` sizes the progress bar (terminal only)."""

    def __init__(self, stream: TextIO | None = None, *, verbose: bool = False, total_steps: int = 0):
        stream = stream or sys.stdout
        self.tty = stream.isatty()
        no_color = not self.tty or bool(os.environ.get("NO_COLOR"))
        self.console = Console(file=stream, force_terminal=self.tty, no_color=no_color, highlight=False,
                               soft_wrap=True, emoji=False)
        self.verbose = verbose
        self.progress = self._progress(total_steps) if self.tty and total_steps else None

    def _progress(self, total: int) -> Progress:
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=self.console, transient=True)
        self.task = progress.add_task("replaying", total=total)
        progress.start()
        return progress

    def _line(self, text: str, style: str | None = None) -> None:
        if self.tty:
            self.console.print(text, style=style, markup=False)
        else:
            self.console.file.write(text + "\n")
            self.console.file.flush()

    def scenario_started(self, name: str, source: str, target: str) -> None:
        self._line(f"scenario: {name}  ({source} -> {target})", "bold")

    def step(self, step: StepResult) -> None:
        where = f"{step.method} {urlsplit(step.url).path}" if step.method else ""
        status = str(step.status) if step.status is not None else "-"
        line = f"  {_LABEL[step.outcome]:5} {step.index:>2} {step.name}  {where}  {status}  {step.elapsed_ms:.0f} ms"
        self._line(line, _STYLE[step.outcome])
        if step.message:
            self._line(f"        {step.message}")
        for check in step.checks if self.verbose else step.failures:
            mark = "ok  " if check.ok else "FAIL"
            self._line(f"        {mark} {check.where}: expected {check.expected}, got {check.actual}")
        for violation in step.violations:
            self._line(f"        violation {violation}")
        if step.response:
            self._line(f"        response: {step.response}")
        if self.progress:
            self.progress.advance(self.task)

    def scenario_finished(self, result: ScenarioResult) -> None:
        if result.skipped:
            self._line(f"SKIPPED {result.name}: {result.skipped}", "yellow")
            return
        elapsed = sum(step.elapsed_ms for step in result.steps)
        self._line(f"{result.outcome.upper()} {result.name} ({len(result.steps)} steps, {elapsed:.0f} ms)",
                   _STYLE[result.outcome])

    def summary(self, results: list[ScenarioResult]) -> None:
        if self.progress:
            self.progress.stop()
        counts = {kind: sum(r.outcome == kind for r in results) for kind in ("passed", "failed", "skipped")}
        self._line(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped "
                   f"of {len(results)} scenario(s)", "bold")
