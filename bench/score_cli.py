"""What ``claimbench score`` does between parsing options and printing: load and select the gold, read the
predictions (invalid lines become located problems, never a crash), score, write the outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.bootstrap import PairedTest, paired_test
from bench.gold import GoldError, GoldSet, load_gold
from bench.jsonloc import InputError, Problem
from bench.predictions import PredictionSet, load_predictions
from bench.score import Evaluation, ScoreConfig, ScoreReport, evaluate, summarize


class ScoreError(Exception):
    """A user mistake that stops scoring; str(e) is the one line to print, ``code`` the exit status."""

    code = 2


class InvalidPredictions(ScoreError):
    """--fail-on-invalid and some prediction line was refused."""

    code = 1


@dataclass(frozen=True)
class ScoreRequest:
    predictions: Path
    gold: str | None = None
    langs: str | None = None
    splits: str | None = None
    config: ScoreConfig = ScoreConfig()  # noqa: RUF009 (frozen, immutable)
    fail_on_invalid: bool = False


@dataclass(frozen=True)
class ScoreOutcome:
    report: ScoreReport
    evaluation: Evaluation
    problems: tuple[Problem, ...]


def select_gold(req: ScoreRequest) -> tuple[GoldSet, GoldSet]:
    """(all gold, the selected documents); ScoreError for bad gold or options."""
    from bench.run_cli import UserError, parse_langs, parse_splits

    try:
        gold = load_gold(req.gold)
    except GoldError as e:
        raise ScoreError(f"{e.problems[0].located()} ({len(e.problems)} gold problems in all)") from None
    except InputError as e:
        raise ScoreError(e.located()) from None
    try:
        chosen = gold.select(parse_langs(req.langs), parse_splits(req.splits, gold))
    except UserError as e:
        raise ScoreError(str(e)) from None
    if not chosen.documents:
        raise ScoreError("no gold documents match --lang/--split")
    return gold, chosen


def read_predictions(path: Path, gold: GoldSet, chosen: GoldSet) -> PredictionSet:
    """Predictions of the chosen documents; lines for other gold documents are out of scope, not
    invalid. ScoreError if the file itself cannot be read."""
    if not path.exists():
        raise ScoreError(f"{path}: no such file")
    if path.is_dir():
        raise ScoreError(f"{path}: is a directory, expected a predictions JSONL file")
    preds = load_predictions(path, frozenset(d.doc_id for d in gold.documents))
    fatal = [p for p in preds.problems if p.line is None]
    if fatal:
        raise ScoreError(fatal[0].located())
    keep = {d.doc_id for d in chosen.documents}
    return PredictionSet({k: v for k, v in preds.by_doc.items() if k in keep}, preds.problems, preds.lines)


def run_score(req: ScoreRequest) -> ScoreOutcome:
    """Score a predictions file; with fail_on_invalid, any invalid line is an InvalidPredictions."""
    gold, chosen = select_gold(req)
    preds = read_predictions(req.predictions, gold, chosen)
    if req.fail_on_invalid and preds.problems:
        first = preds.problems[0].located()
        raise InvalidPredictions(
            f"{preds.invalid_lines} invalid prediction lines (--fail-on-invalid); first: {first}"
        )
    ev = evaluate(chosen.documents, preds, req.config)
    return ScoreOutcome(summarize(ev), ev, preds.problems)


def compare_runs(
    req: ScoreRequest, outcome: ScoreOutcome, baseline: Path
) -> tuple[PairedTest, tuple[Problem, ...]]:
    """Paired bootstrap test of the scored predictions against a baseline predictions file on the same
    gold selection and configuration (headline statistic), and the baseline's invalid lines (they score as
    empty: the caller says so)."""
    gold, chosen = select_gold(ScoreRequest(baseline, req.gold, req.langs, req.splits, req.config))
    preds = read_predictions(baseline, gold, chosen)
    base = evaluate(chosen.documents, preds, req.config)
    n = req.config.bootstrap or 1000
    return paired_test(base, outcome.evaluation, "headline", n=n, seed=req.config.seed), preds.problems


def comparison_json(test: PairedTest, baseline: Path) -> dict[str, object]:
    return {
        "baseline": str(baseline),
        "statistic": test.statistic,
        "baseline_value": test.a,
        "value": test.b,
        "difference": test.difference,
        "p_value": test.p_value,
        "resamples": test.resamples,
        "seed": test.seed,
    }
