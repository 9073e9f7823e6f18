"""A progress bar on stderr for long commands, only when stderr is a terminal (never in a pipe,
a log file or with --json's consumers reading stdout)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)


class Ticker:
    def __init__(self, progress: Progress, task) -> None:
        self._progress, self._task = progress, task

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._task, steps)


@contextmanager
def progress_bar(label: str, total: int | None = None, *, at_least: int = 2) -> Iterator[Ticker]:
    """A bar counting to ``total`` (a spinner and a count when the total is not known); shown
    when stderr is a terminal and the work is at least ``at_least`` steps (or unknown)."""
    console = Console(stderr=True)
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()] if total is not None else [
        SpinnerColumn(), TextColumn(label), TextColumn("{task.completed}"), TimeElapsedColumn()]
    shown = console.is_terminal and (total is None or total >= at_least)
    with Progress(*columns, console=console, transient=True, disable=not shown,
                  redirect_stdout=False, redirect_stderr=False) as progress:
        yield Ticker(progress, progress.add_task(label, total=total))
