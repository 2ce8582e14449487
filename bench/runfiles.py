"""The files of a run directory: predictions.jsonl (one record per document), run.json (what ran, on what,
how it went) and run.log. One serializer for records, so a merged run is byte-equal to an unsharded one."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.jsonloc import InputError, iter_jsonl_values, parse_json, read_text
from bench.validate import prediction_problems

PREDICTIONS = "predictions.jsonl"
RUN_JSON = "run.json"
RUN_LOG = "run.log"
RUN_SCHEMA_VERSION = "1.0.0"


def record_line(rec: Mapping[str, Any]) -> str:
    """The canonical line of one prediction record (keys in the record's order, UTF-8, no NaN)."""
    return json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n"


@dataclass(frozen=True)
class Records:
    """Prediction records read back from a (possibly interrupted) run: the last line per doc_id wins."""

    by_doc: dict[str, dict[str, Any]]
    skipped_lines: tuple[int, ...]
    """Lines that did not parse or validate (a line cut short by a crash); their documents are redone."""


def read_records(path: Path) -> Records:
    """The records of a predictions file written by a run, tolerating broken lines (a crash cut short)."""
    by_doc: dict[str, dict[str, Any]] = {}
    skipped: list[int] = []
    if not path.exists():
        return Records(by_doc, ())
    for lineno, rec in iter_jsonl_values(path):
        if isinstance(rec, InputError) or not _looks_written_by_a_run(rec):  # cut short, or not a run's
            skipped.append(lineno)
            continue
        by_doc[rec["doc_id"]] = rec
    return Records(by_doc, tuple(skipped))


def _looks_written_by_a_run(rec: Any) -> bool:
    """The shape of a record the run loop wrote (its claims were checked before writing): a line that
    parses but lacks it was not written by a run and is redone."""
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("doc_id"), str)
        and bool(rec["doc_id"])
        and isinstance(rec.get("claims"), list)
        and (rec.get("error") is None or isinstance(rec["error"], str))
        and isinstance(rec.get("doc_hash"), str)
    )


def read_records_strict(path: Path) -> dict[str, dict[str, Any]]:
    """Records of a finished run's predictions file; InputError at the first bad or duplicate line."""
    by_doc: dict[str, dict[str, Any]] = {}
    for lineno, rec in iter_jsonl_values(path):
        if isinstance(rec, InputError):
            raise rec
        problems = prediction_problems(rec)
        if problems:
            ptr, msg = problems[0]
            raise InputError(path, msg, lineno, ptr)
        if rec["doc_id"] in by_doc:
            raise InputError(path, f"duplicate doc_id {rec['doc_id']!r}", lineno, "/doc_id")
        by_doc[rec["doc_id"]] = rec
    return by_doc


def write_sorted(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Rewrite path atomically with the records sorted by doc_id."""
    ordered = sorted(records, key=lambda r: str(r["doc_id"]))
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.writelines(record_line(r) for r in ordered)
    os.replace(tmp, path)


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write JSON atomically (pretty, UTF-8, trailing newline)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_run_json(run_dir: Path) -> dict[str, Any]:
    """run.json of a run directory; InputError when missing or not a run record."""
    path = run_dir / RUN_JSON
    if not path.exists():
        raise InputError(path, "no run.json: not a claimbench run directory")
    data = parse_json(path, read_text(path))
    if not isinstance(data, dict) or data.get("kind") != "claimbench.run":
        raise InputError(path, "not a claimbench run.json")
    return data


@dataclass(frozen=True)
class Cost:
    """What extracting cost over every invocation of a run that extracted documents (a rerun that only
    resumes adds nothing; --force starts over): run.json's ``cost``, the base of the leaderboard's time
    and documents/s."""

    extracted: int = 0
    seconds: float = 0.0
    invocations: int = 0

    def plus(self, extracted: int, seconds: float) -> Cost:
        """This cost and one more invocation's (none when it extracted nothing)."""
        if extracted == 0:
            return self
        return self + Cost(extracted, seconds, 1)

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.extracted + other.extracted,
            self.seconds + other.seconds,
            self.invocations + other.invocations,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "extracted": self.extracted,
            "seconds": round(self.seconds, 3),
            "invocations": self.invocations,
        }

    @staticmethod
    def from_json(data: Any) -> Cost:
        """A run.json ``cost``; nothing when it is absent, incomplete or unreadable."""
        try:
            return Cost(int(data["extracted"]), float(data["seconds"]), int(data["invocations"]))
        except (TypeError, KeyError, ValueError):
            return Cost()

    @staticmethod
    def previous(run_dir: Path) -> Cost:
        """The cost recorded in run_dir/run.json; nothing when there is none or it is unreadable."""
        try:
            return Cost.from_json(read_run_json(run_dir).get("cost"))
        except InputError:
            return Cost()


def latency_summary(latencies: Iterable[float]) -> dict[str, float | int | None]:
    """p50 and p95 (numpy's linear interpolation) of per-document latencies in seconds."""
    import numpy as np

    xs = np.asarray(list(latencies), dtype=float)
    if xs.size == 0:
        return {"n": 0, "p50": None, "p95": None}
    p50, p95 = np.percentile(xs, [50, 95])
    return {"n": int(xs.size), "p50": round(float(p50), 6), "p95": round(float(p95), 6)}
