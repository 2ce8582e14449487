"""Joining shard runs (``claimbench run --shard I/N``) into one run.

Rule: the shard directories must come from the same runner, version, config, gold and selection, with the
same N and every index 0..N-1 exactly once. The merged predictions.jsonl is the union of the shards'
records sorted by doc_id, written with the run loop's serializer, so it is byte-equal to the file of an
unsharded run (latency_s aside, which is measured)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.jsonloc import InputError
from bench.runfiles import (
    PREDICTIONS,
    RUN_JSON,
    Cost,
    latency_summary,
    read_records_strict,
    read_run_json,
    write_json,
    write_sorted,
)

_SAME = ("runner", "gold", "harness_version", "signature_inputs")
_COUNTS = ("total", "ok", "failed", "unsupported", "missing", "resumed")


@dataclass(frozen=True)
class MergeResult:
    out: Path
    shards: int
    documents: int
    status: str


def merge_runs(shard_dirs: Sequence[Path], out: Path) -> MergeResult:
    """Merge the shard run directories into out; InputError naming the offending directory otherwise."""
    if not shard_dirs:
        raise InputError(out, "no shard directories to merge")
    metas = [(d, read_run_json(d)) for d in shard_dirs]
    first_dir, first = metas[0]
    count = _shard(first_dir, first)["count"]
    seen: dict[int, Path] = {}
    for d, meta in metas:
        shard = _shard(d, meta)
        for key in _SAME:
            if meta.get(key) != first.get(key):
                raise InputError(
                    d / RUN_JSON, f"its {key} differs from that of {first_dir}: not the same run"
                )
        if {k: v for k, v in meta["selection"].items() if k != "shard"} != {
            k: v for k, v in first["selection"].items() if k != "shard"
        }:
            raise InputError(d / RUN_JSON, f"its selection differs from that of {first_dir}")
        if shard["count"] != count:
            raise InputError(d / RUN_JSON, f"is shard {shard['index']}/{shard['count']}, not one of {count}")
        if shard["index"] in seen:
            raise InputError(d / RUN_JSON, f"shard {shard['index']} is also in {seen[shard['index']]}")
        seen[shard["index"]] = d
    missing = sorted(set(range(count)) - set(seen))
    if missing:
        which = "shard " if len(missing) == 1 else "shards "
        raise InputError(
            first_dir, f"{which}{', '.join(map(str, missing))} missing (of shards 0-{count - 1})"
        )

    records: dict[str, dict[str, Any]] = {}
    for d, _ in metas:
        for doc_id, rec in read_records_strict(d / PREDICTIONS).items():
            if doc_id in records:
                raise InputError(d / PREDICTIONS, f"document {doc_id!r} is in two shards")
            records[doc_id] = rec
    out.mkdir(parents=True, exist_ok=True)
    write_sorted(out / PREDICTIONS, records.values())
    merged = _merged_meta([m for _, m in metas], records, shard_dirs)
    write_json(out / RUN_JSON, merged)
    return MergeResult(out, count, len(records), str(merged["status"]))


def _shard(d: Path, meta: dict[str, Any]) -> dict[str, Any]:
    shard = meta.get("selection", {}).get("shard")
    if not isinstance(shard, dict):
        raise InputError(d / RUN_JSON, "is not a shard run (it was not run with --shard)")
    return shard


def _merged_meta(
    metas: Sequence[dict[str, Any]], records: dict[str, dict[str, Any]], dirs: Sequence[Path]
) -> dict[str, Any]:
    """One run.json for the merged run: counts summed, failures joined, latency recomputed; total_s and the
    cost are summed over the shards (machine-seconds, so documents/s is the throughput of one shard's
    machine)."""
    first = metas[0]
    statuses = {m["status"] for m in metas}
    documents = {k: sum(int(m["documents"][k]) for m in metas) for k in _COUNTS}
    failures = sorted((f for m in metas for f in m["failures"]), key=lambda f: str(f["doc_id"]))
    latencies = [float(r["latency_s"]) for _, r in sorted(records.items()) if "latency_s" in r]
    return {
        **first,
        "status": "complete" if statuses == {"complete"} else sorted(statuses - {"complete"})[0],
        "selection": {**first["selection"], "shard": None},
        "started_at": min(m["started_at"] for m in metas),
        "finished_at": max(m["finished_at"] for m in metas),
        "total_s": round(sum(float(m["total_s"]) for m in metas), 3),
        "workers": sum(int(m["workers"]) for m in metas),
        "latency_s": latency_summary(latencies),
        "documents": documents,
        "failures": failures,
        "cost": sum((Cost.from_json(m.get("cost")) for m in metas), Cost()).to_json(),
        "merged_from": [str(d) for d in dirs],
    }
