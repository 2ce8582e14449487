"""A rich progress bar for the run loop: done/total, rate, ETA and failures."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)


class RichProgress:
    """Implements bench.run.ProgressSink; use as a context manager around the run."""

    def __init__(self, label: str, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._label = label
        self._task: TaskID | None = None
        self._failed = 0
        self._new = 0

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def start(self, total: int, done: int) -> None:
        self._task = self._progress.add_task(
            escape(self._label), total=total, completed=done, failed=0, rate=""
        )

    def advance(self, failed: bool) -> None:
        if self._task is None:
            return
        self._failed += failed
        self._new += 1
        elapsed = self._progress.tasks[0].elapsed or 0.0
        rate = f"{self._new / elapsed:.1f} doc/s" if elapsed > 0 else ""
        self._progress.update(self._task, advance=1, failed=self._failed, rate=rate)
