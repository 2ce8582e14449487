"""The run loop: a runner over a selection of gold documents, into a run directory.

Rules:
- predictions.jsonl gets one record per document (doc_id, claims, error, doc_hash, latency_s), appended and
  flushed as each document finishes, so a crash or Ctrl-C loses at most the documents in flight; at the end
  (also after Ctrl-C) the file is rewritten sorted by doc_id, keeping the last record of each document.
- Resume: a document whose record has the same doc_hash and no error is skipped; failed ones are retried;
  ``force`` redoes everything selected. Records of documents outside the selection are kept.
- A document whose extraction raises or returns invalid output is recorded with its error and the run goes
  on; once more than ``max_errors`` documents have failed, no new document starts (status "stopped").
- A document in a language the runner does not support gets empty claims and counts as unsupported.
- ``workers > 1`` runs documents concurrently: threads for I/O-bound runners, spawned processes for
  CPU-bound ones. Records are written in completion order; the final sort makes the file independent of it.
- With one worker, a runner with its own ``extract_batch`` (one that gains from batching, like the openai
  runner's concurrent requests) gets chunks of ``batch_size`` documents (class attribute, default 64); each
  result is written as soon as the batch yields it, and its latency_s is the time since the previous result
  of its chunk (together: the chunk's time).
"""

from __future__ import annotations

import datetime as dt
import logging
import platform
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from bench import __version__
from bench.execute import Outcome, RunError, execute, has_own_batch
from bench.gold import GoldSet, document_hash
from bench.runfiles import (
    PREDICTIONS,
    RUN_JSON,
    RUN_LOG,
    RUN_SCHEMA_VERSION,
    Cost,
    latency_summary,
    read_records,
    read_run_json,
    record_line,
    write_json,
    write_sorted,
)
from bench.shard import Shard
from bench.types import InputDocument, Lang
from runners.base import Runner
from runners.config import config_hash, config_json

log = logging.getLogger("claimbench.run")
Status = Literal["complete", "stopped", "interrupted"]


class ProgressSink(Protocol):
    """Receives progress events; bench.progress.RichProgress draws them."""

    def start(self, total: int, done: int) -> None: ...

    def advance(self, failed: bool) -> None: ...


@dataclass(frozen=True)
class Selection:
    """Which gold documents run: languages and splits (None = all), then an optional shard."""

    langs: tuple[Lang, ...] | None = None
    splits: tuple[str, ...] | None = None
    shard: Shard | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "langs": list(self.langs) if self.langs else None,
            "splits": list(self.splits) if self.splits else None,
            "shard": self.shard.to_json() if self.shard else None,
        }


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    force: bool = False
    max_errors: int | None = None
    """None: never stop for failures."""
    clock: Callable[[], float] = time.perf_counter
    """Measures latency_s; tests inject a fixed clock to compare files byte for byte."""


@dataclass(frozen=True)
class RunnerIdentity:
    """What names a run: the runner, its version, its config (secrets redacted) and extra signature inputs
    (e.g. a prompt's hash) from the runner's optional ``signature_inputs()``."""

    name: str
    version: str
    config: Mapping[str, Any]
    config_hash: str
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, runner: Runner) -> RunnerIdentity:
        config = getattr(runner, "config", None)
        hook = getattr(runner, "signature_inputs", None)
        extra = {str(k): str(v) for k, v in (hook() if callable(hook) else {}).items()}
        cfg = config_json(config) if config is not None else {}
        return cls(
            runner.name, runner.version, cfg, config_hash(runner.name, runner.version, config, extra), extra
        )

    def dir_name(self, shard: Shard | None = None, inputs: str | None = None) -> str:
        """``<runner>-<confighash>``, then ``-<inputs key>`` of the selected documents (bench.gold.inputs_key)
        when given, then ``-shard<I>of<N>`` for a shard."""
        parts = [
            self.name,
            self.config_hash,
            *([inputs] if inputs else []),
            *([shard.label()] if shard else []),
        ]
        return "-".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "config": dict(self.config),
            "config_hash": self.config_hash,
            "signature_inputs": dict(self.extra),
        }


@dataclass(frozen=True)
class RunResult:
    run_dir: Path
    status: Status
    total: int
    ok: int
    failed: int
    unsupported: int
    missing: int
    """Selected documents with no record (the run was stopped or interrupted)."""
    resumed: int
    failures: tuple[tuple[str, str], ...]
    """(doc_id, error) of the failed documents, sorted."""

    @property
    def predictions(self) -> Path:
        return self.run_dir / PREDICTIONS


def select_documents(gold: GoldSet, selection: Selection) -> GoldSet:
    """The gold documents of the selection, shard included, in doc_id order."""
    chosen = gold.select(selection.langs, selection.splits)
    if selection.shard is None:
        return chosen
    return GoldSet(tuple(selection.shard.take(chosen.documents)), chosen.source)


def run(
    runner: Runner,
    gold: GoldSet,
    run_dir: Path,
    selection: Selection = Selection(),
    options: RunOptions = RunOptions(),
    progress: ProgressSink | None = None,
) -> RunResult:
    """Run runner over the selected gold documents into run_dir (created), resuming what is there."""
    identity = RunnerIdentity.of(runner)
    run_dir.mkdir(parents=True, exist_ok=True)
    _check_same_runner(run_dir, identity)
    cost = Cost() if options.force else Cost.previous(run_dir)
    docs = select_documents(gold, selection).documents
    pred_path = run_dir / PREDICTIONS
    existing = read_records(pred_path).by_doc
    started = _now()
    t0 = time.perf_counter()

    hashes: dict[str, str] = {}
    todo: list[InputDocument] = []
    unsupported_records: list[dict[str, Any]] = []
    resumed = 0
    for doc in docs:
        h = hashes[doc.doc_id] = document_hash(doc)
        old = existing.get(doc.doc_id)
        if doc.lang not in runner.languages:
            rec: dict[str, Any] = {"doc_id": doc.doc_id, "claims": [], "error": None, "doc_hash": h}
            if old != rec:
                unsupported_records.append(rec)
        elif not options.force and old is not None and old.get("doc_hash") == h and old.get("error") is None:
            resumed += 1
        else:
            todo.append(doc.input())

    status: Status = "complete"
    failed_now = extracted_now = 0
    batched = options.workers <= 1 and has_own_batch(runner)
    with _run_log(run_dir), pred_path.open("a", encoding="utf-8", newline="\n") as out:
        if out.tell() > 0 and not _ends_with_newline(pred_path):
            out.write("\n")  # end a line cut short by a crash, so the next record starts cleanly

        def write(rec: Mapping[str, Any]) -> None:
            out.write(record_line(rec))
            out.flush()

        for rec in unsupported_records:
            write(rec)
        if progress is not None:
            progress.start(len(docs), len(docs) - len(todo))
        log.info("run %s: %d documents, %d to do", run_dir.name, len(docs), len(todo))

        def handle(o: Outcome) -> bool:
            nonlocal failed_now, extracted_now
            extracted_now += 1
            line: dict[str, Any] = {"doc_id": o.doc_id, "claims": list(o.claims), "error": o.error}
            line["doc_hash"] = hashes[o.doc_id]
            line["latency_s"] = round(max(o.latency_s, 0.0), 6)
            write(line)
            if o.error is not None:
                failed_now += 1
                log.warning("%s failed: %s", o.doc_id, o.error)
            if progress is not None:
                progress.advance(o.error is not None)
            return options.max_errors is None or failed_now <= options.max_errors

        try:
            if not execute(runner, todo, options.workers, options.clock, handle):
                status = "stopped"
        except BaseException:  # Ctrl-C, or a bug: what was written stays, run.json says so
            status = "interrupted"
            raise
        finally:
            _close(runner)
            out.close()  # before the file is replaced by its sorted version
            records = read_records(pred_path).by_doc
            write_sorted(pred_path, records.values())
            result = _result(run_dir, status, docs, hashes, records, runner.languages, resumed)
            elapsed = time.perf_counter() - t0
            write_json(
                run_dir / RUN_JSON,
                _run_json(identity, gold, selection, options, result, records, started, elapsed)
                | {
                    "latency_kind": "batch-amortized" if batched else "per-document",
                    "cost": cost.plus(extracted_now, elapsed).to_json(),
                },
            )
    return result


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, 2)
        return f.read(1) == b"\n"


def _check_same_runner(run_dir: Path, identity: RunnerIdentity) -> None:
    if not (run_dir / RUN_JSON).exists():
        return
    old = read_run_json(run_dir)["runner"]
    mine = identity.to_json()
    for key in ("name", "version", "config_hash"):
        if old.get(key) != mine[key]:
            raise RunError(
                f"{run_dir} holds a run of {old.get('name')} {old.get('version')} "
                f"(config {old.get('config_hash')}), not {mine['name']} {mine['version']} "
                f"(config {mine['config_hash']}): choose another output directory"
            )


def _close(runner: Runner) -> None:
    close = getattr(runner, "close", None)
    if callable(close):
        try:
            close()
        except Exception as e:  # closing must not hide the run's own outcome
            log.warning("closing runner %s: %s", runner.name, e)


@contextmanager
def _run_log(run_dir: Path) -> Iterator[None]:
    """Send claimbench's log (failures, a command's stderr) to run_dir/run.log for the run."""
    handler = logging.FileHandler(run_dir / RUN_LOG, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("claimbench")
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def _result(
    run_dir: Path,
    status: Status,
    docs: Sequence[Any],
    hashes: Mapping[str, str],
    records: Mapping[str, Mapping[str, Any]],
    languages: frozenset[Lang],
    resumed: int,
) -> RunResult:
    ok = failed = unsupported = missing = 0
    failures = []
    for d in docs:
        rec = records.get(d.doc_id)
        if d.lang not in languages:
            unsupported += 1
        elif rec is None or rec.get("doc_hash") != hashes[d.doc_id]:
            missing += 1
        elif rec.get("error") is not None:
            failed += 1
            failures.append((d.doc_id, str(rec["error"])))
        else:
            ok += 1
    return RunResult(
        run_dir, status, len(docs), ok, failed, unsupported, missing, resumed, tuple(sorted(failures))
    )


def _run_json(
    identity: RunnerIdentity,
    gold: GoldSet,
    selection: Selection,
    options: RunOptions,
    result: RunResult,
    records: Mapping[str, Mapping[str, Any]],
    started: str,
    total_s: float,
) -> dict[str, Any]:
    chosen = gold.select(selection.langs, selection.splits)
    gold_hash = chosen.content_hash  # a property that hashes every document: once
    selected = {d.doc_id for d in select_documents(gold, selection).documents}
    latencies = [
        float(r["latency_s"]) for k, r in sorted(records.items()) if k in selected and "latency_s" in r
    ]
    signature_inputs = {
        "runner": identity.name,
        "runner_version": identity.version,
        "config_hash": identity.config_hash,
        "gold_hash": gold_hash,
        "harness_version": __version__,
        "langs": ",".join(selection.langs or ()) or "all",
        "splits": ",".join(selection.splits or ()) or "all",
        **identity.extra,
    }
    return {
        "schema_version": RUN_SCHEMA_VERSION,
        "kind": "claimbench.run",
        "status": result.status,
        "runner": identity.to_json(),
        "harness_version": __version__,
        "gold": {"source": gold.source, "hash": gold_hash, "documents": len(chosen.documents)},
        "selection": selection.to_json(),
        "signature_inputs": signature_inputs,
        "started_at": started,
        "finished_at": _now(),
        "total_s": round(total_s, 3),
        "workers": options.workers,
        "latency_s": latency_summary(latencies),
        "documents": {
            "total": result.total,
            "ok": result.ok,
            "failed": result.failed,
            "unsupported": result.unsupported,
            "missing": result.missing,
            "resumed": result.resumed,
        },
        "failures": [{"doc_id": d, "error": e} for d, e in result.failures],
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
