"""Inter-annotator agreement: a second, independent annotation scored against the first with the
benchmark's own scorer, so agreement and system scores are on one scale. Beyond the five scored fields,
the unscored annotation (qualifier, tags, distractors) is compared on the claims the scorer aligned."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.gold import GoldSet
from bench.predictions import PredictionSet
from bench.score import Evaluation, ScoreConfig, ScoreReport, evaluate, summarize
from bench.types import Document, GoldClaim, PredictedClaim, Prediction


def as_predictions(docs: Iterable[Document]) -> list[Prediction]:
    """Gold claims restated as a runner's output (canonical values, the annotator's own metric)."""
    return [Prediction(d.doc_id, tuple(PredictedClaim.from_gold(c) for c in d.claims)) for d in docs]


@dataclass(frozen=True)
class Agreement:
    """The scored comparison, and the two annotations it was made from."""

    report: ScoreReport
    evaluation: Evaluation
    second: GoldSet

    def aligned(self) -> Iterator[tuple[GoldClaim, GoldClaim]]:
        """(first, second) claim pairs that the scorer aligned, in document and claim order."""
        ev = self.evaluation
        second = self.second.by_id()
        for d, doc in enumerate(ev.docs):
            other = second[doc.doc_id]
            for row in range(int(ev.gold.offsets[d]), int(ev.gold.offsets[d + 1])):
                p = int(ev.gold_match[row])
                if p >= 0:
                    yield doc.claims[ev.gold.claim_index[row]], other.claims[ev.pred.claim_index[p]]


def agreement(first: GoldSet, second: GoldSet, config: ScoreConfig | None = None) -> Agreement:
    """Score the second annotation (as predictions) against the first, on the documents both annotated.

    F1 is symmetric in the two annotations up to the metric rule (the second's metric is matched against
    the first's metric and aliases), so it reads as agreement."""
    shared = {d.doc_id for d in second.documents}
    common = tuple(d for d in first.documents if d.doc_id in shared)
    ev = evaluate(common, PredictionSet.of(as_predictions(second.documents)), config or ScoreConfig())
    return Agreement(summarize(ev), ev, second)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A & B| / |A | B|; two empty sets agree fully."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def agreement_figures(result: Agreement) -> dict[str, Any]:
    """The figures the README and the dataset card quote: per-field F1 per language and pooled, and the
    agreement on what is annotated but not scored (over aligned claims; distractors by exact span)."""
    report = result.report
    scores = report.to_json()
    fields = ("metric", "value", "unit", "period", "yoy_change", "claim_located", "claim_exact")
    pairs = list(result.aligned())
    first_spans = {
        (d.doc_id, x.evidence.start, x.evidence.end) for d in result.evaluation.docs for x in d.distractors
    }
    second_spans = {
        (d.doc_id, x.evidence.start, x.evidence.end) for d in result.second.documents for x in d.distractors
    }
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
        "aligned_claims": len(pairs),
        "qualifier_agreement": _mean([a.qualifier == b.qualifier for a, b in pairs]),
        "tags_identical": _mean([set(a.tags) == set(b.tags) for a, b in pairs]),
        "tags_jaccard": _mean([jaccard(a.tags, b.tags) for a, b in pairs]),
        "distractor_spans_jaccard": jaccard(map(str, first_spans), map(str, second_spans)),
    }


def _mean(xs: list[bool] | list[float]) -> float | None:
    return float(np.mean(xs)) if xs else None
