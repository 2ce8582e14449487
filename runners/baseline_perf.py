"""Perf case ``baseline-throughput`` (registered in bench.perf through PLUGINS): documents per second of the
baseline runner on one core, on seed-sized articles. Target (runner issue): >= 200 documents/s."""

from __future__ import annotations

import time
from dataclasses import replace

from bench.gold import load_gold
from bench.perf import Figures, case
from bench.types import InputDocument
from runners.baseline import BaselineRunner

TARGET_DOCS_PER_S = 200.0


def baseline_throughput(n_docs: int = 2000, repeats: int = 3) -> Figures:
    """Extract n_docs documents (the bundled seed pair, EN and FR, repeated under distinct ids) in this one
    process; the median of repeats runs, after one warm-up document per language. Wall-clock rate (the
    target's measure) and CPU-time rate (what the rate would be on an unshared core) are both reported."""
    gold = load_gold(None)
    seeds = [d.input() for d in gold.documents if d.doc_id.startswith("xinhua-shenzhen-industries-2024.")]
    docs: list[InputDocument] = [
        replace(seeds[i % len(seeds)], doc_id=f"{seeds[i % len(seeds)].doc_id}#{i}") for i in range(n_docs)
    ]
    runner = BaselineRunner()
    for d in seeds:
        runner.extract(d)
    walls, cpus = [], []
    claims = 0
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        claims = sum(len(runner.extract(d)) for d in docs)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    best = sorted(walls)[len(walls) // 2]
    cpu = sorted(cpus)[len(cpus) // 2]
    rate = n_docs / best
    return {
        "documents": n_docs,
        "mean_chars_per_document": round(sum(len(d.text) for d in docs) / n_docs),
        "claims": claims,
        "seconds_median": round(best, 4),
        "documents_per_s": round(rate, 1),
        "cpu_seconds_median": round(cpu, 4),
        "documents_per_cpu_s": round(n_docs / cpu, 1) if cpu > 0 else None,
        "target_documents_per_s": TARGET_DOCS_PER_S,
        "ratio_to_target": round(rate / TARGET_DOCS_PER_S, 2),
    }


@case("baseline-throughput")
def _baseline_throughput() -> Figures:
    return baseline_throughput()
