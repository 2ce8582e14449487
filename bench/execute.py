"""How a run's documents are executed: one at a time, in batches (a runner's own ``extract_batch``), in
threads (I/O-bound runners) or in spawned processes (CPU-bound runners). Every strategy calls ``handle`` in
the calling thread with each document's Outcome as it completes, and stops starting documents once
``handle`` returns False."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Any

from bench.outputs import output_problem
from bench.types import InputDocument
from runners.base import BaseRunner, Runner

log = logging.getLogger("claimbench.run")
MAX_ERROR_CHARS = 500
DEFAULT_BATCH_SIZE = 64


class RunError(Exception):
    """The run cannot start or go on (the run directory belongs to another runner, the runner cannot be
    copied to worker processes)."""


@dataclass(frozen=True)
class Outcome:
    """One document's result as a runner produced it."""

    doc_id: str
    claims: tuple[dict[str, Any], ...]
    error: str | None
    latency_s: float


def extract_one(
    runner: Runner, doc: InputDocument, clock: Callable[[], float] = time.perf_counter
) -> Outcome:
    """Run the runner on one document; an exception or invalid output becomes the outcome's error.
    KeyboardInterrupt and SystemExit are not caught."""
    start = clock()
    try:
        claims = runner.extract(doc)
    except Exception as e:  # one document's failure is data, the run goes on
        return Outcome(doc.doc_id, (), one_line(f"{type(e).__name__}: {e}"), clock() - start)
    latency = clock() - start
    problem = output_problem(doc.doc_id, claims)
    if problem is not None:
        return Outcome(doc.doc_id, (), f"invalid output: {problem}", latency)
    return Outcome(doc.doc_id, tuple(c.to_json() for c in claims), None, latency)


def one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_ERROR_CHARS else flat[: MAX_ERROR_CHARS - 1] + "…"


def execute(
    runner: Runner,
    todo: Sequence[InputDocument],
    workers: int,
    clock: Callable[[], float],
    handle: Callable[[Outcome], bool],
) -> bool:
    """Run todo, calling handle (in this thread) on each outcome as it completes; False when handle
    stopped the run."""
    if workers <= 1 and has_own_batch(runner):
        return _run_batches(runner, todo, clock, handle)
    if workers <= 1 or len(todo) <= 1:
        return all(handle(extract_one(runner, doc, clock)) for doc in todo)
    if runner.io_bound:
        # no `with`: after Ctrl-C the main thread must not wait for documents still in flight
        pool = ThreadPoolExecutor(workers, thread_name_prefix="claimbench-run")
        return _pump(pool, partial(extract_one, runner, clock=clock), todo, workers, handle)
    return _run_processes(runner, todo, workers, clock, handle)


def has_own_batch(runner: Runner) -> bool:
    own = getattr(type(runner), "extract_batch", None)
    return callable(own) and own is not BaseRunner.extract_batch


def _run_batches(
    runner: Runner,
    todo: Sequence[InputDocument],
    clock: Callable[[], float],
    handle: Callable[[Outcome], bool],
) -> bool:
    """Chunks of batch_size documents through the runner's extract_batch, each result handed to handle as
    soon as extract_batch yields it (a list, or an iterator yielding in input order). The iterator is
    closed when handle says stop, on Ctrl-C and on any other exit. A document's latency_s is the time
    since the previous result of its chunk (or the chunk's start): together they make the chunk's time.
    When extract_batch raises, or gives too few results, the documents without a result fail with that
    error; an iterator's results beyond the chunk's size are not read."""
    size = max(int(getattr(runner, "batch_size", DEFAULT_BATCH_SIZE)), 1)
    batch = getattr(runner, "extract_batch")  # noqa: B009 (optional part of the protocol)
    return all(_run_chunk(batch, todo[i : i + size], clock, handle) for i in range(0, len(todo), size))


def _run_chunk(
    batch: Callable[[Sequence[InputDocument]], Iterable[Any]],
    chunk: Sequence[InputDocument],
    clock: Callable[[], float],
    handle: Callable[[Outcome], bool],
) -> bool:
    last = clock()
    source: Iterator[Any] = iter(())
    broken: Exception | None = None  # once set, the chunk's remaining documents fail with it
    try:
        try:
            given = batch(chunk)
            if isinstance(given, Sized) and len(given) != len(chunk):
                raise ValueError(f"extract_batch returned {len(given)} results for {len(chunk)} documents")
            source = iter(given)
        except Exception as e:  # the whole chunk failed
            broken = e
        for n, doc in enumerate(chunk):
            res: Any = broken
            if broken is None:
                try:
                    res = next(source)
                except StopIteration:
                    res = broken = ValueError(
                        f"extract_batch returned {n} results for {len(chunk)} documents"
                    )
                except Exception as e:  # the batch broke here: this and the remaining documents fail
                    res = broken = e
            now = clock()
            if not handle(_batch_outcome(doc, res, now - last)):
                return False
            last = now
        return True
    finally:
        close = getattr(source, "close", None)
        if callable(close):
            close()  # a generator cancels what it has not done yet


def _batch_outcome(doc: InputDocument, res: Any, latency: float) -> Outcome:
    if isinstance(res, BaseException):
        return Outcome(doc.doc_id, (), one_line(f"{type(res).__name__}: {res}"), latency)
    problem = output_problem(doc.doc_id, res)
    claims = () if problem else tuple(c.to_json() for c in res)
    return Outcome(doc.doc_id, claims, f"invalid output: {problem}" if problem else None, latency)


class _PoolDied(Exception):
    """A worker process died; carries the documents that were in flight."""

    def __init__(self, in_flight: list[InputDocument], cause: BaseException) -> None:
        super().__init__(str(cause))
        self.in_flight = in_flight


def _pump(
    pool: Executor,
    call: Callable[[InputDocument], Outcome],
    todo: Sequence[InputDocument],
    workers: int,
    handle: Callable[[Outcome], bool],
) -> bool:
    """Keep 2*workers documents in flight; stop scheduling when handle says so. On any exit, the
    documents not yet started are cancelled."""
    queue = iter(todo)
    pending: dict[Future[Outcome], InputDocument] = {}

    def submit(docs: list[InputDocument]) -> None:
        for doc in docs:
            try:
                pending[pool.submit(call, doc)] = doc
            except BrokenProcessPool as e:  # a worker died between two completions; doc never started
                raise _PoolDied(sorted(pending.values(), key=lambda d: d.doc_id), e) from None

    try:
        submit(_take(queue, 2 * workers))
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: pending[f].doc_id):
                doc = pending.pop(fut)
                exc = fut.exception()
                if exc is not None:
                    if isinstance(exc, BrokenProcessPool):
                        raise _PoolDied(sorted([doc, *pending.values()], key=lambda d: d.doc_id), exc)
                    if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit in a worker thread
                        raise exc
                    outcome = Outcome(doc.doc_id, (), one_line(f"{type(exc).__name__}: {exc}"), 0.0)
                else:
                    outcome = fut.result()
                if not handle(outcome):
                    return False
                submit(_take(queue, 1))
        return True
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


def _take(it: Iterator[InputDocument], n: int) -> list[InputDocument]:
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


_worker_runner: Runner | None = None
_worker_clock: Callable[[], float] = time.perf_counter


def _worker_init(runner: Runner, clock: Callable[[], float]) -> None:
    global _worker_runner, _worker_clock
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker_runner, _worker_clock = runner, clock


def _worker_extract(doc: InputDocument) -> Outcome:
    assert _worker_runner is not None
    return extract_one(_worker_runner, doc, _worker_clock)


def _run_processes(
    runner: Runner,
    todo: Sequence[InputDocument],
    workers: int,
    clock: Callable[[], float],
    handle: Callable[[Outcome], bool],
) -> bool:
    """CPU-bound runners in spawned processes, each holding a copy of the runner. A worker that dies fails
    the documents in flight; a new pool takes the rest."""
    import multiprocessing
    import pickle

    try:
        pickle.dumps((runner, clock))
    except Exception as e:
        raise RunError(
            f"runner {runner.name!r} cannot be copied to worker processes ({e}): use --workers 1"
        ) from None
    remaining = list(todo)
    done_ids: set[str] = set()

    def tracked(o: Outcome) -> bool:
        done_ids.add(o.doc_id)
        return handle(o)

    while remaining:
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
            initargs=(runner, clock),
        )
        try:
            return _pump(pool, _worker_extract, remaining, workers, tracked)
        except _PoolDied as e:
            log.warning("a worker process died; restarting the pool")
            for d in e.in_flight:
                if not tracked(Outcome(d.doc_id, (), one_line(f"worker process died: {e}"), 0.0)):
                    return False
            remaining = [d for d in remaining if d.doc_id not in done_ids]
    return True
