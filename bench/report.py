"""Error analysis of one run: error categories per language, the unit confusion matrix, the worst documents
and per-tag scores. Pure (a scored run in, an ErrorReport out); categories are bench.details' own.

Rules:
- Category counts: every category of every error-analysis record (a wrong value can be ``scale`` and a
  claim can be wrong on several fields, so a record may count in several categories).
- Unit confusion matrix (scikit-learn's confusion_matrix; rows = gold unit, columns = predicted unit after
  normalization, ``(none)`` for null): over aligned pairs where either side has a unit. A unit the
  scorer accepted (one of the gold claim's alternatives) counts on the diagonal, as the scores do.
- Worst documents: lowest mean F1 over the five fields, then lowest claim_exact F1, then doc_id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.results import RunInfo, ScoredRun
from bench.score import ROWS
from bench.types import FIELDS, Lang

CATEGORIES = (
    "scale",
    "sign",
    "value",
    "yoy",
    "unit",
    "period",
    "metric",
    "hallucinated",
    "missed",
    "spurious",
    "distractor",
)
"""Every category bench.details emits, in display order."""
NO_UNIT = "(none)"


@dataclass(frozen=True)
class WorstDoc:
    doc_id: str
    lang: str
    gold_claims: int
    predicted_claims: int
    fields_f1: float
    exact_f1: float
    categories: Mapping[str, int]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "gold_claims": self.gold_claims,
            "predicted_claims": self.predicted_claims,
            "fields_f1": self.fields_f1,
            "exact_f1": self.exact_f1,
            "categories": dict(self.categories),
        }


@dataclass(frozen=True)
class UnitConfusion:
    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]  # rows: gold, columns: predicted

    def confused(self) -> tuple[str, ...]:
        """Labels on a row or column with an off-diagonal count."""
        out: set[str] = set()
        for i, row in enumerate(self.matrix):
            for j, n in enumerate(row):
                if n and i != j:
                    out.update((self.labels[i], self.labels[j]))
        return tuple(x for x in self.labels if x in out)

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "matrix": [list(r) for r in self.matrix]}


@dataclass(frozen=True)
class ErrorReport:
    run: RunInfo
    signature: str
    langs: tuple[Lang, ...]
    categories: Mapping[str, Mapping[str, int]]  # language -> category -> count
    units: UnitConfusion
    worst: tuple[WorstDoc, ...]
    scored: ScoredRun

    def to_json(self) -> dict[str, Any]:
        from bench import SCHEMA_VERSION

        rep = self.scored.report
        full = rep.to_json()
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "claimbench.report",
            "signature": self.signature,
            "run": {"runner": self.run.name, "version": self.run.version, "run": self.run.label},
            "categories": {lang: dict(c) for lang, c in self.categories.items()},
            "unit_confusion": self.units.to_json(),
            "worst_documents": [w.to_json() for w in self.worst],
            "per_tag": full["per_tag"],
        }


def unit_confusion(pairs: Sequence[tuple[str, str]]) -> UnitConfusion:
    """Confusion matrix of (gold unit, predicted unit) pairs, labels sorted."""
    from sklearn.metrics import confusion_matrix

    labels = sorted({x for p in pairs for x in p})
    if not pairs:
        return UnitConfusion((), ())
    m = confusion_matrix([g for g, _ in pairs], [p for _, p in pairs], labels=labels)
    return UnitConfusion(tuple(labels), tuple(tuple(int(x) for x in row) for row in m))


def error_report(scored: ScoredRun, worst: int = 10) -> ErrorReport:
    """The error analysis of a scored run (see the module docstring)."""
    from bench.details import records

    rep = scored.report
    langs = tuple(rep.langs)
    cats: dict[str, dict[str, int]] = {lang: dict.fromkeys(CATEGORIES, 0) for lang in langs}
    per_doc: dict[str, dict[str, int]] = {}
    pairs: list[tuple[str, str]] = []
    for r in records(scored.evaluation):
        doc_cats = per_doc.setdefault(r["doc_id"], {})
        for c in r["categories"]:
            cats[r["lang"]][c] = cats[r["lang"]].get(c, 0) + 1
            doc_cats[c] = doc_cats.get(c, 0) + 1
        if r["kind"] == "aligned":
            g, p = r["gold"].get("unit"), r["normalized"].get("unit")
            if r["verdicts"]["unit"] == "correct":
                p = g  # an alternative's unit the scorer accepted
            if g is not None or p is not None:
                pairs.append((g or NO_UNIT, p or NO_UNIT))
    located, exact = ROWS.index("claim_located"), ROWS.index("claim_exact")
    docs = []
    for d in scored.evaluation.docs:
        counts = rep.per_document[d.doc_id]
        fields_f1 = sum(c.f1 for c in counts[: len(FIELDS)]) / len(FIELDS)
        loc = counts[located]
        docs.append(
            WorstDoc(
                d.doc_id,
                d.lang,
                loc.tp + loc.fn,
                loc.tp + loc.fp,
                fields_f1,
                counts[exact].f1,
                {c: n for c, n in sorted(per_doc.get(d.doc_id, {}).items(), key=lambda kv: (-kv[1], kv[0]))},
            )
        )
    docs.sort(key=lambda w: (w.fields_f1, w.exact_f1, w.doc_id))
    return ErrorReport(
        scored.run, str(rep.signature), langs, cats, unit_confusion(pairs), tuple(docs[:worst]), scored
    )
