"""`claimbench validate`: gather files, validate them, and summarize."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gold_sources import is_exported_dir
from bench.jsonloc import Problem
from bench.paths import bundled_gold
from bench.validate import validate_gold, validate_predictions_file


@dataclass(frozen=True)
class ValidationReport:
    gold_files: int
    prediction_files: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        infos = len(self.problems) - self.errors
        verdict = "FAILED" if self.errors else "OK"
        return (
            f"{verdict}: {self.gold_files} gold files, {self.prediction_files} prediction files, "
            f"{self.errors} errors, {infos} notes"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": not self.errors,
            "gold_files": self.gold_files,
            "prediction_files": self.prediction_files,
            "errors": self.errors,
            "problems": [p.to_json() for p in self.problems],
        }


def run_validate(paths: Sequence[Path], gold: Path | None = None) -> ValidationReport:
    """Validate the gold (*.json) and prediction (*.jsonl) files named or found under paths."""
    gold_paths: list[Path] = []
    pred_paths: list[Path] = []
    problems: list[Problem] = []
    exported = 0
    for path in paths or [bundled_gold()]:
        if path.is_dir() and is_exported_dir(path):
            exported += 1
            problems += _exported_problems(path)
        elif path.is_dir():
            golds, preds = sorted(path.rglob("*.json")), sorted(path.rglob("*.jsonl"))
            if not golds and not preds:
                problems.append(Problem(str(path), None, "", "no *.json gold or *.jsonl prediction files"))
            gold_paths += golds
            pred_paths += preds
        elif path.suffix == ".jsonl":
            pred_paths.append(path)
        elif path.exists() or path.suffix == ".json":
            gold_paths.append(path)
        else:
            problems.append(Problem(str(path), None, "", "no such file or folder"))
    _, found = validate_gold(gold_paths)
    problems += found
    known = None
    if gold is not None:
        from bench.gold import GoldError, load_gold

        try:
            known = frozenset(d.doc_id for d in load_gold(gold).documents)
        except GoldError as e:
            problems += e.problems
    for path in pred_paths:
        good, found = validate_predictions_file(path, known)
        problems += found
        if not good and not found:
            problems.append(Problem(str(path), None, "", "no prediction lines: the file is empty"))
    order = sorted(problems, key=lambda p: (p.path, p.line or 0, p.pointer, p.message))
    return ValidationReport(len(gold_paths) + exported, len(pred_paths), tuple(order))


def _exported_problems(path: Path) -> list[Problem]:
    """Every problem of a folder written by export-hf, loaded as `--gold` loads it."""
    from bench.gold import GoldError
    from bench.gold_sources import load_gold_from

    try:
        load_gold_from(path)
    except GoldError as e:
        return list(e.problems)
    return []
