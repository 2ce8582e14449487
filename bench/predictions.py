"""Reading a predictions file for scoring: valid lines become Predictions, every invalid line is kept as a
located Problem (malformed JSON, schema violations, NaN/inf, unknown or duplicated doc_ids). A document
whose line is invalid, or that has no line at all, is scored as if the runner said nothing for it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gcpause import no_cycle_collection
from bench.jsonloc import Problem
from bench.types import Prediction
from bench.validate import validate_predictions_file


@dataclass(frozen=True)
class PredictionSet:
    """Predictions by doc_id, the problems of the lines that were refused, and the number of lines read."""

    by_doc: Mapping[str, Prediction]
    problems: tuple[Problem, ...] = ()
    lines: int = 0

    @property
    def invalid_lines(self) -> int:
        """Lines refused (a line with several problems counts once)."""
        return len({(p.path, p.line) for p in self.problems if p.severity == "error"})

    @staticmethod
    @no_cycle_collection()  # many acyclic records: see bench.gcpause
    def from_records(
        records: Iterable[Mapping[str, Any]], problems: tuple[Problem, ...] = (), lines: int | None = None
    ) -> PredictionSet:
        """Typed predictions of valid records with distinct doc_ids (lines defaults to their number)."""
        by_doc = {rec["doc_id"]: Prediction.from_json(rec) for rec in records}
        return PredictionSet(by_doc, problems, len(by_doc) if lines is None else lines)

    @staticmethod
    def of(predictions: PredictionSet | Mapping[str, Prediction] | Iterable[Prediction]) -> PredictionSet:
        """Accept the forms score() takes; ValueError if an iterable gives one document twice."""
        if isinstance(predictions, PredictionSet):
            return predictions
        if isinstance(predictions, Mapping):
            return PredictionSet(dict(predictions), (), len(predictions))
        by_doc: dict[str, Prediction] = {}
        for p in predictions:
            if p.doc_id in by_doc:
                raise ValueError(f"two predictions for document {p.doc_id!r}")
            by_doc[p.doc_id] = p
        return PredictionSet(by_doc, (), len(by_doc))


def load_predictions(path: Path, known_doc_ids: frozenset[str] | None = None) -> PredictionSet:
    """Read and validate a predictions JSONL file; never raises for bad content (see PredictionSet)."""
    good, problems = validate_predictions_file(path, known_doc_ids)
    lines = len(good) + len({p.line for p in problems})
    return PredictionSet.from_records((rec for _, rec in good), tuple(problems), lines)
