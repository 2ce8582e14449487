"""Concurrent calls streamed back in input order, for a runner's batch form.

Rule: ``stream_map(fn, items, workers, ahead)`` runs fn on the items, ``workers`` at a time, and yields fn's
results in the order of items, each as soon as it and every one before it are done (an exception fn
raised is raised there). At most ``ahead`` items (default 4 x workers) are started beyond the last one
handed back, so a slow item holds back at most that many finished ones (what a crash could lose, and what
memory holds), and a result is forgotten once handed back. Closing the iterator (the run loop does when it
stops or on Ctrl-C), or an exception while it waits (KeyboardInterrupt), cancels the items not yet started
and returns at once: calls already in flight finish in their threads unobserved. The threads are daemons,
so neither the caller nor the interpreter's exit waits for them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_POLL_S = 0.1
"""How often a worker waiting for room ahead checks that the consumer is still there."""


def stream_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    name: str = "claimbench-stream",
    ahead: int | None = None,
) -> Iterator[R]:
    """fn over items in daemon threads, results in input order as the module docstring says."""
    workers = max(workers, 1)
    futures: list[Future[R] | None] = [Future() for _ in items]
    room = threading.Semaphore(max(ahead if ahead is not None else 4 * workers, workers))
    stopped = threading.Event()
    next_index = iter(range(len(items)))
    lock = threading.Lock()

    def work() -> None:
        while True:
            while not room.acquire(timeout=_POLL_S):
                if stopped.is_set():
                    return
            if stopped.is_set():
                return
            with lock:
                i = next(next_index, None)
            future = futures[i] if i is not None else None
            if future is None:
                return
            if not future.set_running_or_notify_cancel():
                continue  # cancelled: the consumer is gone
            try:
                future.set_result(fn(items[i]))  # type: ignore[index]
            except BaseException as e:  # handed to the consumer, who decides
                future.set_exception(e)

    for k in range(min(workers, len(items))):
        threading.Thread(target=work, name=f"{name}-{k}", daemon=True).start()
    try:
        for i in range(len(futures)):
            future = futures[i]
            assert future is not None
            result = future.result()
            futures[i] = None  # handed back: forget it
            room.release()
            yield result
    finally:
        stopped.set()
        for f in futures:
            if f is not None:
                f.cancel()  # no-op for the finished and the running ones
