"""The run loop's batch path (a runner's own extract_batch, one worker) streams: each result is written as
soon as extract_batch yields it, and the iterator is closed when the run stops or on Ctrl-C."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bench.execute import Outcome, execute
from bench.run import RunOptions, run
from bench.types import InputDocument, PredictedClaim
from runners.base import BaseRunner
from tests.dummy_runners import numbers, tiny_gold, zero_clock


class StreamingRunner(BaseRunner):
    """extract_batch is a generator: before yielding each result it notes how many predictions were
    already written to ``watch``; a document whose id is in ``fail`` gets an exception."""

    name: ClassVar[str] = "streaming"
    version: ClassVar[str] = "1"
    io_bound: ClassVar[bool] = True
    batch_size: ClassVar[int] = 10  # tiny_gold(4) is 8 documents: one chunk

    def __init__(self, watch: Path, fail: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.watch, self.fail = watch, fail
        self.written_before: list[int] = []
        self.produced: list[str] = []
        self.closed = False

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        return numbers(document)

    def extract_batch(
        self, documents: Sequence[InputDocument]
    ) -> Iterator[list[PredictedClaim] | BaseException]:
        try:
            for doc in documents:
                text = self.watch.read_text(encoding="utf-8") if self.watch.exists() else ""
                self.written_before.append(text.count("\n"))
                self.produced.append(doc.doc_id)
                yield RuntimeError("boom") if doc.doc_id in self.fail else self.extract(doc)
        finally:
            self.closed = True


def records(run_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]


def test_each_document_is_written_before_the_chunk_goes_on(tmp_path: Path) -> None:
    runner = StreamingRunner(tmp_path / "predictions.jsonl")
    result = run(runner, tiny_gold(4), tmp_path, options=RunOptions(clock=zero_clock))
    assert result.ok == 8
    assert runner.written_before == [0, 1, 2, 3, 4, 5, 6, 7]  # one chunk of 8, each written as it came


def test_a_stopped_run_closes_the_batch_and_asks_for_nothing_more(tmp_path: Path) -> None:
    runner = StreamingRunner(tmp_path / "predictions.jsonl", fail=frozenset({"p01.en"}))
    result = run(runner, tiny_gold(4), tmp_path, options=RunOptions(max_errors=0, clock=zero_clock))
    assert result.status == "stopped"
    assert runner.produced == ["p00.en", "p00.fr", "p01.en"]  # p01.en's failure is past --max-errors 0
    assert runner.closed
    assert [r["doc_id"] for r in records(tmp_path)] == ["p00.en", "p00.fr", "p01.en"]


class Interrupting:
    """A progress sink that raises KeyboardInterrupt at the given advance (as Ctrl-C would there)."""

    def __init__(self, at: int) -> None:
        self.at, self.seen = at, 0

    def start(self, total: int, done: int) -> None:
        pass

    def advance(self, failed: bool) -> None:
        self.seen += 1
        if self.seen == self.at:
            raise KeyboardInterrupt


def test_ctrl_c_mid_chunk_keeps_the_finished_documents_and_closes_the_batch(tmp_path: Path) -> None:
    runner = StreamingRunner(tmp_path / "predictions.jsonl")
    with pytest.raises(KeyboardInterrupt):
        run(runner, tiny_gold(4), tmp_path, options=RunOptions(clock=zero_clock), progress=Interrupting(3))
    assert runner.closed and len(runner.produced) == 3
    assert [r["doc_id"] for r in records(tmp_path)] == ["p00.en", "p00.fr", "p01.en"]


class ListRunner(StreamingRunner):
    """Returns a list, as a batch form may: all results at once."""

    result_count: ClassVar[int | None] = None

    def extract_batch(self, documents: Sequence[InputDocument]) -> list[list[PredictedClaim] | BaseException]:
        out: list[list[PredictedClaim] | BaseException] = [numbers(d) for d in documents]
        return out[: self.result_count]


def _outcomes(runner: BaseRunner, n_pairs: int = 2) -> list[Outcome]:
    got: list[Outcome] = []
    todo = [d.input() for d in tiny_gold(n_pairs).documents]
    assert execute(runner, todo, 1, zero_clock, lambda o: got.append(o) is None)
    return got


def test_a_list_is_still_accepted(tmp_path: Path) -> None:
    got = _outcomes(ListRunner(tmp_path / "x"))
    assert [(o.doc_id, o.error) for o in got] == [
        (f"p0{i}.{lang}", None) for i in (0, 1) for lang in ("en", "fr")
    ]


def test_a_list_of_the_wrong_length_fails_its_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ListRunner, "result_count", 3)
    got = _outcomes(ListRunner(tmp_path / "x"))
    assert {o.error for o in got} == {"ValueError: extract_batch returned 3 results for 4 documents"}


def test_an_iterator_that_ends_early_fails_the_documents_left(tmp_path: Path) -> None:
    class Short(StreamingRunner):
        def extract_batch(self, documents: Sequence[InputDocument]) -> Iterator[list[PredictedClaim]]:
            yield from (numbers(d) for d in documents[:3])

    got = _outcomes(Short(tmp_path / "x"))
    assert [o.error for o in got] == [
        None,
        None,
        None,
        "ValueError: extract_batch returned 3 results for 4 documents",
    ]


def test_an_iterator_that_raises_fails_this_and_the_documents_left(tmp_path: Path) -> None:
    class Breaks(StreamingRunner):
        def extract_batch(self, documents: Sequence[InputDocument]) -> Iterator[list[PredictedClaim]]:
            yield numbers(documents[0])
            raise ConnectionError("server down")

    got = _outcomes(Breaks(tmp_path / "x"))
    assert [o.error for o in got] == [None, *["ConnectionError: server down"] * 3]


def test_latency_is_the_time_since_the_previous_result(tmp_path: Path) -> None:
    ticks = iter([10.0, 11.0, 11.5, 14.0, 14.25])  # chunk start, then one tick per result

    got: list[Outcome] = []
    todo = [d.input() for d in tiny_gold(2).documents]
    execute(StreamingRunner(tmp_path / "x"), todo, 1, lambda: next(ticks), lambda o: got.append(o) is None)
    assert [o.latency_s for o in got] == [1.0, 0.5, 2.5, 0.25]  # sums to the chunk's 4.25 s
