"""Concurrent calls streamed back in input order, for a runner's batch form.

Rule: ``stream_map(fn, items, workers)`` runs fn on the items, ``workers`` at a time, and yields fn's
results in the order of items, each as soon as it and every one before it are done (an exception fn
raised is raised there). Closing the iterator (the run loop does when it stops or on Ctrl-C), or an
exception while it waits (KeyboardInterrupt), cancels the items not yet started and returns at once:
calls already in flight finish in their threads unobserved. The threads are daemons, so neither the
caller nor the interpreter's exit waits for them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def stream_map(
    fn: Callable[[T], R], items: Sequence[T], workers: int, name: str = "claimbench-stream"
) -> Iterator[R]:
    """fn over items in daemon threads, results in input order as the module docstring says."""
    futures: list[Future[R]] = [Future() for _ in items]
    next_index = iter(range(len(items)))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            future = futures[i]
            if not future.set_running_or_notify_cancel():
                continue  # cancelled: the consumer is gone
            try:
                future.set_result(fn(items[i]))
            except BaseException as e:  # handed to the consumer, who decides
                future.set_exception(e)

    for k in range(min(max(workers, 1), len(items))):
        threading.Thread(target=work, name=f"{name}-{k}", daemon=True).start()
    try:
        for future in futures:
            yield future.result()
    finally:
        for future in futures:
            future.cancel()  # no-op for the finished and the running ones
