"""Perf case ``run-loop``: what the run loop itself costs per document (check, hash, write, flush, final
sort), measured with a runner that does no work and returns 10 claims, against calling it bare."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from bench.perf import Figures, case
from bench.types import InputDocument, PredictedClaim
from runners.base import BaseRunner

DOCUMENTS = 2000
CLAIM = PredictedClaim(metric="exports of goods", value="1,73 million", unit="vehicles", period="2023")


class _TenClaims(BaseRunner):
    name: ClassVar[str] = "ten-claims"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "perf: no work, 10 claims per document"

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        return [CLAIM] * 10


@case("run-loop")
def run_loop(documents: int = DOCUMENTS) -> Figures:
    from bench.gold import GoldSet, load_gold
    from bench.run import run

    seed = load_gold().documents[0]
    docs = tuple(replace(seed, doc_id=f"perf{i:05d}.en", pair_id=f"perf{i:05d}") for i in range(documents))
    gold, runner = GoldSet(docs, "perf"), _TenClaims()
    t0 = time.perf_counter()
    for d in docs:
        runner.extract(d.input())
    bare = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(prefix="claimbench-perf-") as tmp:
        t0 = time.perf_counter()
        result = run(runner, gold, Path(tmp) / "run")
        looped = time.perf_counter() - t0
    assert result.ok == documents
    return {
        "documents": documents,
        "claims_per_document": 10,
        "docs_per_s": round(documents / looped, 1),
        "loop_ms_per_doc": round(1000 * (looped - bare) / documents, 3),
    }
