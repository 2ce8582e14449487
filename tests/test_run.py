"""The run loop: records, resume, failures, --max-errors, Ctrl-C, workers, shards and merge."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import bench.execute as execute_module
from bench.execute import RunError
from bench.gold import GoldSet, document_hash
from bench.jsonloc import InputError
from bench.merge import merge_runs
from bench.run import RunnerIdentity, RunOptions, Selection, run
from bench.runfiles import read_records_strict
from bench.shard import Shard
from bench.validate import validate_predictions_file
from tests.dummy_runners import (
    BatchRunner,
    EnglishOnlyRunner,
    FailConfig,
    NumbersRunner,
    ThreadedNumbersRunner,
    make_doc,
    tiny_gold,
    zero_clock,
)

FIXED = RunOptions(clock=zero_clock)


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    NumbersRunner.calls.clear()


def lines(run_dir: Path) -> list[dict[str, Any]]:
    text = (run_dir / "predictions.jsonl").read_text(encoding="utf-8")
    return [json.loads(x) for x in text.splitlines()]


def run_json(run_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    return data


def test_one_valid_sorted_record_per_document(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    result = run(NumbersRunner(), gold, tmp_path, options=FIXED)
    recs = lines(tmp_path)
    assert [r["doc_id"] for r in recs] == ["p00.en", "p00.fr", "p01.en", "p01.fr"]
    assert recs[0] == {
        "doc_id": "p00.en",
        "claims": [
            {"metric": "output", "value": "5.2"},
            {"metric": "output", "value": "120"},
            {"metric": "output", "value": "2020"},
        ],
        "error": None,
        "doc_hash": document_hash(gold.documents[0]),
        "latency_s": 0.0,
    }
    assert recs[1]["claims"][0]["value"] == "5,2"
    _, problems = validate_predictions_file(tmp_path / "predictions.jsonl")
    assert problems == []
    assert (result.total, result.ok, result.failed, result.unsupported, result.missing) == (4, 4, 0, 0, 0)


def test_run_json_records_what_ran(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    run(NumbersRunner(FailConfig(fail_on=("p01.fr",))), gold, tmp_path, Selection(langs=("fr",)))
    meta = run_json(tmp_path)
    assert meta["schema_version"] == "1.0.0"
    assert meta["status"] == "complete"
    assert meta["runner"]["name"] == "numbers" and meta["runner"]["version"] == "1"
    assert meta["runner"]["config"] == {"fail_on": ["p01.fr"], "mode": "raise"}
    assert meta["gold"]["hash"] == gold.select(["fr"]).content_hash
    assert meta["signature_inputs"]["langs"] == "fr"
    assert meta["documents"] == {
        "total": 2,
        "ok": 1,
        "failed": 1,
        "unsupported": 0,
        "missing": 0,
        "resumed": 0,
    }
    assert meta["failures"] == [{"doc_id": "p01.fr", "error": "RuntimeError: cannot read p01.fr second line"}]
    assert meta["latency_s"]["n"] == 2 and meta["latency_s"]["p95"] >= meta["latency_s"]["p50"] >= 0
    assert meta["python"] and meta["platform"] and meta["started_at"] <= meta["finished_at"]


def test_rerun_resumes_and_force_redoes(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    run(NumbersRunner(), gold, tmp_path, options=FIXED)
    first = (tmp_path / "predictions.jsonl").read_bytes()
    NumbersRunner.calls.clear()
    result = run(NumbersRunner(), gold, tmp_path, options=FIXED)
    assert NumbersRunner.calls == [] and result.resumed == 4
    assert (tmp_path / "predictions.jsonl").read_bytes() == first
    run(NumbersRunner(), gold, tmp_path, options=RunOptions(force=True, clock=zero_clock))
    assert NumbersRunner.calls == ["p00.en", "p00.fr", "p01.en", "p01.fr"]
    assert (tmp_path / "predictions.jsonl").read_bytes() == first


def test_changed_document_is_redone(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    run(NumbersRunner(), gold, tmp_path)
    changed = GoldSet(
        tuple(make_doc("p01", "en", 1999) if d.doc_id == "p01.en" else d for d in gold.documents), "tiny"
    )
    NumbersRunner.calls.clear()
    run(NumbersRunner(), changed, tmp_path)
    assert NumbersRunner.calls == ["p01.en"]
    assert [c["value"] for c in lines(tmp_path)[2]["claims"]] == ["5.2", "120", "1999"]


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("raise", "RuntimeError: cannot read p00.fr second line"),
        ("nan", "invalid output: a number is NaN or infinite"),
        ("range", "invalid output: /claims/0/confidence: 2.0 is not valid here"),
        ("type", "invalid output: extract must return a list of PredictedClaim, not str"),
    ],
)
def test_a_failed_document_is_recorded_and_the_run_goes_on(tmp_path: Path, mode: str, error: str) -> None:
    result = run(NumbersRunner(FailConfig(("p00.fr",), mode)), tiny_gold(2), tmp_path)  # type: ignore[arg-type]
    recs = {r["doc_id"]: r for r in lines(tmp_path)}
    assert recs["p00.fr"]["claims"] == [] and recs["p00.fr"]["error"] == error
    assert result.status == "complete" and (result.ok, result.failed) == (3, 1)


def test_failed_documents_are_retried_on_resume(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    run(NumbersRunner(FailConfig(("p00.fr", "p01.en"))), gold, tmp_path)
    NumbersRunner.calls.clear()
    result = run(NumbersRunner(FailConfig(("p00.fr", "p01.en"))), gold, tmp_path)
    assert NumbersRunner.calls == ["p00.fr", "p01.en"] and result.failed == 2


def test_max_errors_stops_the_run_past_the_limit(tmp_path: Path) -> None:
    fails = FailConfig(("p01.en", "p02.en"))
    # order: p00.en p00.fr p01.en(fail 1) p01.fr p02.en(fail 2 > 1: stop)
    result = run(NumbersRunner(fails), tiny_gold(4), tmp_path, options=RunOptions(max_errors=1))
    assert result.status == "stopped"
    assert [r["doc_id"] for r in lines(tmp_path)] == ["p00.en", "p00.fr", "p01.en", "p01.fr", "p02.en"]
    assert (result.ok, result.failed, result.missing) == (3, 2, 3)
    assert run_json(tmp_path)["status"] == "stopped"
    within = run(NumbersRunner(fails), tiny_gold(4), tmp_path / "b", options=RunOptions(max_errors=2))
    assert within.status == "complete" and within.failed == 2


def test_unsupported_language_is_not_a_failure(tmp_path: Path) -> None:
    result = run(EnglishOnlyRunner(), tiny_gold(2), tmp_path)
    recs = {r["doc_id"]: r for r in lines(tmp_path)}
    assert recs["p00.fr"] == {
        "doc_id": "p00.fr",
        "claims": [],
        "error": None,
        "doc_hash": recs["p00.fr"]["doc_hash"],
    }
    assert (result.ok, result.failed, result.unsupported) == (2, 0, 2)
    assert NumbersRunner.calls == ["p00.en", "p01.en"]


def test_ctrl_c_loses_nothing_and_resume_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = tiny_gold(4)
    monkeypatch.setattr(NumbersRunner, "interrupt_on", "p01.fr")
    with pytest.raises(KeyboardInterrupt):
        run(NumbersRunner(), gold, tmp_path, options=FIXED)
    monkeypatch.setattr(NumbersRunner, "interrupt_on", None)
    done = [r["doc_id"] for r in lines(tmp_path)]
    assert done == ["p00.en", "p00.fr", "p01.en"]
    assert run_json(tmp_path)["status"] == "interrupted"
    NumbersRunner.calls.clear()
    run(NumbersRunner(), gold, tmp_path, options=FIXED)
    assert NumbersRunner.calls == ["p01.fr", "p02.en", "p02.fr", "p03.en", "p03.fr"]
    assert list(read_records_strict(tmp_path / "predictions.jsonl")) == [d.doc_id for d in gold.documents]
    fresh = tmp_path / "fresh"
    run(NumbersRunner(), gold, fresh, options=FIXED)
    assert (tmp_path / "predictions.jsonl").read_bytes() == (fresh / "predictions.jsonl").read_bytes()


def test_a_line_cut_short_by_a_crash_is_redone(tmp_path: Path) -> None:
    gold = tiny_gold(2)
    run(NumbersRunner(), gold, tmp_path, options=FIXED)
    path = tmp_path / "predictions.jsonl"
    full = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(full[:3]) + full[3][:20], encoding="utf-8")
    NumbersRunner.calls.clear()
    run(NumbersRunner(), gold, tmp_path, options=FIXED)
    assert NumbersRunner.calls == ["p01.fr"]
    assert path.read_text(encoding="utf-8").splitlines(keepends=True) == full


def test_a_run_directory_of_another_runner_is_refused(tmp_path: Path) -> None:
    run(NumbersRunner(), tiny_gold(1), tmp_path)
    with pytest.raises(RunError, match="holds a run of numbers 1"):
        run(NumbersRunner(FailConfig(("x",))), tiny_gold(1), tmp_path)


def test_run_directory_name_follows_the_config() -> None:
    a, b = RunnerIdentity.of(NumbersRunner()), RunnerIdentity.of(NumbersRunner(FailConfig(("x",))))
    assert a.dir_name().startswith("numbers-") and a.dir_name() != b.dir_name()
    assert a.dir_name() == RunnerIdentity.of(NumbersRunner()).dir_name()
    assert a.dir_name(Shard(1, 3)) == a.dir_name() + "-shard1of3"


@pytest.mark.parametrize(("runner", "workers"), [(ThreadedNumbersRunner(), 3), (NumbersRunner(), 2)])
def test_workers_give_the_same_file(tmp_path: Path, runner: NumbersRunner, workers: int) -> None:
    gold = tiny_gold(5)
    run(runner, gold, tmp_path / "one", options=FIXED)
    result = run(runner, gold, tmp_path / "many", options=RunOptions(workers=workers, clock=zero_clock))
    assert result.ok == 10
    assert (tmp_path / "one" / "predictions.jsonl").read_bytes() == (
        tmp_path / "many" / "predictions.jsonl"
    ).read_bytes()


def test_a_worker_process_that_dies_fails_its_documents_only(tmp_path: Path) -> None:
    gold = tiny_gold(5)
    result = run(
        NumbersRunner(FailConfig(("p02.en",), "exit")), gold, tmp_path, options=RunOptions(workers=2)
    )
    errors = {r["doc_id"]: r["error"] for r in lines(tmp_path)}
    assert errors["p02.en"].startswith("worker process died")
    assert set(errors) == {d.doc_id for d in gold.documents}
    assert 1 <= result.failed <= 4 and result.ok == 10 - result.failed


class _PoolBrokenAtFifthSubmit(ThreadPoolExecutor):
    """Stands in for ProcessPoolExecutor: the first pool breaks when the fifth document is submitted,
    as a real pool does when a worker dies between two completions."""

    pools = 0

    def __init__(self, workers: int, *, mp_context: Any, initializer: Any, initargs: Any) -> None:
        super().__init__(workers)
        execute_module._worker_runner, execute_module._worker_clock = initargs
        type(self).pools += 1
        self.first, self.submits = type(self).pools == 1, 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.submits += 1
        if self.first and self.submits == 5:
            raise BrokenProcessPool("a child process terminated abruptly")
        return super().submit(fn, *args, **kwargs)


def test_a_pool_that_breaks_between_completions_fails_only_the_documents_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(execute_module, "ProcessPoolExecutor", _PoolBrokenAtFifthSubmit)
    gold = tiny_gold(5)
    result = run(NumbersRunner(), gold, tmp_path, options=RunOptions(workers=2))
    errors = {r["doc_id"]: r["error"] for r in lines(tmp_path)}
    assert set(errors) == {d.doc_id for d in gold.documents}
    died = sorted(k for k, v in errors.items() if v is not None)
    # four in flight, one completed, the fifth never started: three fail, the fifth runs in the new pool
    assert len(died) == 3 and all(errors[k].startswith("worker process died") for k in died)
    assert errors["p02.en"] is None and result.failed == 3 and _PoolBrokenAtFifthSubmit.pools == 2


@pytest.mark.parametrize(
    ("n", "count", "sizes"),
    [(7, 3, [3, 2, 2]), (6, 3, [2, 2, 2]), (2, 4, [1, 1, 0, 0]), (0, 2, [0, 0]), (5, 1, [5])],
)
def test_shards_are_contiguous_and_balanced(n: int, count: int, sizes: list[int]) -> None:
    parts = [Shard(i, count).take(list(range(n))) for i in range(count)]
    assert [len(p) for p in parts] == sizes
    assert [x for p in parts for x in p] == list(range(n))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 60), count=st.integers(1, 8), data=st.data())
def test_shard_rule_is_datasets_split_dataset_by_node(n: int, count: int, data: st.DataObject) -> None:
    from datasets import Dataset
    from datasets.distributed import split_dataset_by_node

    assume(n >= count)  # datasets raises on an empty shard; that case is in the table above
    index = data.draw(st.integers(0, count - 1))
    ds = Dataset.from_dict({"i": list(range(n))})
    expected = split_dataset_by_node(ds, rank=index, world_size=count)["i"]
    assert Shard(index, count).take(list(range(n))) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [("3/3", "0-based"), ("a/b", "expected I/N"), ("0/0", "at least 1"), ("1", "expected I/N")],
)
def test_bad_shard_spec(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Shard.parse(spec)


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_merged_shards_equal_the_unsharded_run(tmp_path: Path, count: int) -> None:
    gold = tiny_gold(4)
    runner = NumbersRunner(FailConfig(("p02.fr",)))
    run(runner, gold, tmp_path / "all", options=FIXED)
    shards = [tmp_path / f"s{i}" for i in range(count)]
    for i, d in enumerate(shards):
        run(runner, gold, d, Selection(shard=Shard(i, count)), FIXED)
    merged = merge_runs(list(reversed(shards)), tmp_path / "merged")
    assert merged.documents == 8 and merged.status == "complete"
    assert (tmp_path / "merged" / "predictions.jsonl").read_bytes() == (
        tmp_path / "all" / "predictions.jsonl"
    ).read_bytes()
    meta, whole = run_json(tmp_path / "merged"), run_json(tmp_path / "all")
    assert meta["documents"] == whole["documents"] and meta["failures"] == whole["failures"]
    assert meta["signature_inputs"] == whole["signature_inputs"] and meta["selection"]["shard"] is None


def test_merge_refuses_incomplete_or_mixed_shards(tmp_path: Path) -> None:
    gold = tiny_gold(3)
    for i in range(3):
        run(NumbersRunner(), gold, tmp_path / f"s{i}", Selection(shard=Shard(i, 3)))
    run(NumbersRunner(FailConfig(("x",))), gold, tmp_path / "other", Selection(shard=Shard(2, 3)))
    run(NumbersRunner(), gold, tmp_path / "whole")
    s0, s1 = tmp_path / "s0", tmp_path / "s1"
    cases = [
        ([s0, s1], r"shard 2 missing \(of shards 0-2\)"),
        ([s0, s1, s1], "shard 1 is also in"),
        ([s0, s1, tmp_path / "other"], "its runner differs"),
        ([s0, tmp_path / "whole"], "not a shard run"),
        ([s0, tmp_path / "nothing"], "no run.json"),
    ]
    for dirs, message in cases:
        with pytest.raises(InputError, match=message):
            merge_runs(dirs, tmp_path / "merged")


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
    st.text(min_size=199, max_size=201),
    st.text(min_size=499, max_size=501),
    st.sampled_from(["exact", "approx", "range", "roughly"]),
    st.lists(st.integers(), max_size=1),
)


_CLAIM_FIELDS = (
    "metric",
    "value",
    "value_high",
    "unit",
    "period",
    "yoy_change",
    "yoy_unit",
    "qualifier",
    "align_id",
    "claim_id",
    "confidence",
)


@settings(max_examples=400, deadline=None)
@given(
    fields=st.dictionaries(st.sampled_from(_CLAIM_FIELDS), _ANY, max_size=4),
    evidence=st.one_of(st.none(), st.tuples(_ANY, _ANY, _ANY)),
)
@example(fields={}, evidence=(1, 0, ""))  # found by this test: evidence ending before it starts
def test_the_fast_output_check_implies_schema_validity(fields: dict[str, Any], evidence: Any) -> None:
    """plainly_valid is only a shortcut: whatever it accepts, the prediction schema accepts too."""
    from bench.outputs import plainly_valid
    from bench.types import Evidence, PredictedClaim
    from bench.validate import prediction_problems

    claim = PredictedClaim(**fields, evidence=Evidence(*evidence) if evidence else None)
    if plainly_valid(claim):
        rec = {"doc_id": "d", "claims": [claim.to_json()]}
        assert prediction_problems(rec) == []
        json.dumps(rec, allow_nan=False)


def test_a_runner_with_its_own_batch_form_gets_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BatchRunner, "batches", [])
    gold = tiny_gold(4)
    result = run(BatchRunner(FailConfig(("p01.en",))), gold, tmp_path / "batch", options=FIXED)
    assert BatchRunner.batches == [3, 3, 2]
    run(NumbersRunner(FailConfig(("p01.en",))), gold, tmp_path / "one", options=FIXED)
    assert (tmp_path / "batch" / "predictions.jsonl").read_bytes() == (
        tmp_path / "one" / "predictions.jsonl"
    ).read_bytes()
    assert (result.ok, result.failed) == (7, 1)
    assert run_json(tmp_path / "batch")["latency_kind"] == "batch-amortized"
    assert run_json(tmp_path / "one")["latency_kind"] == "per-document"


def test_a_failed_batch_fails_its_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BatchRunner, "batches", [])
    monkeypatch.setattr(BatchRunner, "broken_batch", True)
    result = run(BatchRunner(), tiny_gold(4), tmp_path, options=RunOptions(max_errors=4))
    assert result.status == "stopped" and BatchRunner.batches == [3, 3]
    assert {r["error"] for r in lines(tmp_path)} == {"ConnectionError: server down"}
    assert len(lines(tmp_path)) == 5  # the fifth failure is past --max-errors 4: the run stops there


def test_ctrl_c_in_a_worker_thread_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(NumbersRunner, "interrupt_on", "p02.en")
    with pytest.raises(KeyboardInterrupt):
        run(ThreadedNumbersRunner(), tiny_gold(4), tmp_path, options=RunOptions(workers=2))
    assert "p02.en" not in {r["doc_id"] for r in lines(tmp_path)}
    assert run_json(tmp_path)["status"] == "interrupted"


def test_secrets_never_reach_the_run_directory(tmp_path: Path) -> None:
    from tests.dummy_runners import SecretConfig, SecretRunner

    run(SecretRunner(SecretConfig(api_token="tok-SECRET-123")), tiny_gold(1), tmp_path)
    assert run_json(tmp_path)["runner"]["config"] == {"api_token": "***", "model": "m1"}
    for f in tmp_path.iterdir():
        assert "tok-SECRET-123" not in f.read_text(encoding="utf-8"), f.name
    same = RunnerIdentity.of(SecretRunner(SecretConfig(api_token="another")))
    assert (
        same.dir_name()
        == RunnerIdentity.of(SecretRunner(SecretConfig(api_token="tok-SECRET-123"))).dir_name()
    )
