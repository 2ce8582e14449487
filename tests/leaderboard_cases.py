"""Constructed cases for the leaderboard tests: a small gold subset, prediction sets derived from the gold
(perfect, and deterministically weakened), and ScoredRuns made from them without any run directory."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bench.gold import GoldSet, load_gold
from bench.predictions import PredictionSet
from bench.results import RunInfo, ScoredRun
from bench.score import ScoreConfig, evaluate, summarize
from bench.types import Document, GoldClaim, PredictedClaim, Prediction
from tests.conftest import ROOT

PAIRS = 12
"""Article pairs in the small gold (enough pairs for the bootstrap to separate systems)."""


def small_gold() -> GoldSet:
    """The first PAIRS article pairs of the bundled gold (sorted by pair_id), both languages."""
    gold = load_gold(None)
    pairs = sorted({d.pair_id for d in gold.documents})[:PAIRS]
    return GoldSet(tuple(d for d in gold.documents if d.pair_id in pairs), gold.source)


def write_small_gold(dest: Path) -> Path:
    """Copy the small gold's files into dest/<split>/ and return dest."""
    keep = {d.pair_id for d in small_gold().documents}
    for path in sorted((ROOT / "gold").rglob("*.json")):
        if path.name.split(".")[0] in keep:
            target = dest / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def as_prediction(c: GoldClaim) -> PredictedClaim:
    return PredictedClaim(
        metric=c.metric,
        value=c.value,
        value_high=c.value_high,
        unit=c.unit,
        period=c.period,
        yoy_change=c.yoy_change,
        yoy_unit=c.yoy_unit,
        evidence=c.evidence,
    )


def perfect(docs: Sequence[Document]) -> list[Prediction]:
    return [Prediction(d.doc_id, tuple(as_prediction(c) for c in d.claims)) for d in docs]


def weakened(preds: Sequence[Prediction], keep_every: int = 2) -> list[Prediction]:
    """Keep every ``keep_every``-th claim of each document (the first one included), values of the
    kept claims doubled on every third document: deterministic and much worse."""
    out = []
    for i, p in enumerate(preds):
        claims = list(p.claims[::keep_every])
        if i % 3 == 0:
            claims = [
                replace(c, value=c.value * 2 if isinstance(c.value, float) else c.value) for c in claims
            ]
        out.append(Prediction(p.doc_id, tuple(claims)))
    return out


def run_info(name: str, docs_per_s: float = 1.0, processed: int = 10, version: str = "1") -> RunInfo:
    return RunInfo(
        path=f"/runs/{name}-0000",
        name=name,
        version=version,
        config={},
        status="complete",
        run_gold="",
        total_s=processed / docs_per_s,
        processed=processed,
        failed=0,
    )


def scored(
    info: RunInfo, gold: GoldSet, preds: Sequence[Prediction], config: ScoreConfig | None = None
) -> ScoredRun:
    ev = evaluate(gold.documents, PredictionSet.of(list(preds)), config or ScoreConfig())
    return ScoredRun(info, ev, summarize(ev), gold.content_hash)
