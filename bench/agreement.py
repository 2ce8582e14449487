"""Inter-annotator agreement: a second, independent annotation scored against the first with the
benchmark's own scorer, so agreement and system scores are on one scale."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bench.gold import GoldSet
from bench.score import ScoreConfig, ScoreReport, score
from bench.types import Document, PredictedClaim, Prediction


def as_predictions(docs: Iterable[Document]) -> list[Prediction]:
    """Gold claims restated as a runner's output (canonical values, the annotator's own metric)."""
    return [
        Prediction(d.doc_id, tuple(PredictedClaim.from_json(c.to_json()) for c in d.claims)) for d in docs
    ]


def agreement(first: GoldSet, second: GoldSet, config: ScoreConfig | None = None) -> ScoreReport:
    """Score the second annotation (as predictions) against the first, on the documents both annotated.

    F1 is symmetric in the two annotations up to the metric rule (the second's metric is matched against
    the first's metric and aliases), so it reads as agreement."""
    shared = {d.doc_id for d in second.documents}
    common = GoldSet(tuple(d for d in first.documents if d.doc_id in shared), first.source)
    return score(common, as_predictions(second.documents), config or ScoreConfig())


def agreement_figures(report: ScoreReport) -> dict[str, Any]:
    """The figures the README and the dataset card quote: per-field F1 per language and pooled."""
    scores = report.to_json()
    fields = ("metric", "value", "unit", "period", "yoy_change", "claim_located", "claim_exact")
    return {
        "schema_version": scores["schema_version"],
        "signature": scores["signature"],
        "documents": report.documents,
        "pairs": report.documents // 2,
        "f1": {
            f: {
                **{lang: scores["per_lang"][lang][f]["f1"] for lang in report.langs},
                "micro": scores["micro"][f]["f1"],
            }
            for f in fields
        },
        "headline": scores["headline"]["value"],
    }
