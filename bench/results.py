"""Scored runs: a run directory (run.json + predictions.jsonl, written by ``claimbench run``) re-scored
against the gold with one ScoreConfig. The I/O edge of the leaderboard, compare and report commands.

Rules:
- A path is a run directory when it holds run.json; otherwise every direct sub-directory holding run.json
  is a run (sorted by name). A path that is neither is a located error.
- A run is scored on the gold documents of its own selection (languages, splits, shard), exactly as
  ``claimbench evaluate`` scores it, so its signature names those documents.
- A run is stale when the texts changed under it: a selected document whose prediction record carries
  another ``doc_hash`` than the document has now, or no selected document with a record at all (a run
  over other documents). The leaderboard excludes a stale run, and compare and report refuse it, rather
  than score predictions made on other texts. A gold whose annotations changed but not its texts
  re-scores every run (their signatures name the new gold).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gold import GoldSet
from bench.jsonloc import InputError
from bench.runfiles import PREDICTIONS, RUN_JSON, Cost, read_run_json
from bench.score import Evaluation, ScoreConfig, ScoreReport

LANG_SEP = ","


@dataclass(frozen=True)
class RunInfo:
    """What a leaderboard shows of a run besides its scores (from run.json)."""

    path: str
    name: str
    version: str
    config: dict[str, Any]
    status: str
    run_gold: str
    total_s: float | None
    processed: int
    """Documents extracted over the run's invocations (run.json's cost; for runs written before it, by the
    last invocation): the docs/s base."""
    failed: int
    unsupported: int = 0
    """Documents in a language the runner does not support (scored as empty predictions)."""
    shard: str | None = None
    """``I/N`` for a run made with --shard (one block of the documents), else None."""

    @property
    def label(self) -> str:
        """The run directory's name with its folder's (``runs/baseline-<hash>-<inputs>``): tells apart runs
        of the same runner and settings kept in different folders."""
        path = Path(self.path)
        return f"{path.parent.name}/{path.name}" if path.parent.name else path.name

    @property
    def docs_per_s(self) -> float | None:
        """processed / total_s; None when the run took no measurable time or processed nothing."""
        if not self.total_s or self.processed <= 0:
            return None
        return self.processed / self.total_s

    @staticmethod
    def from_json(path: Path, data: dict[str, Any]) -> RunInfo:
        runner = data.get("runner") or {}
        docs = data.get("documents") or {}
        total_s = data.get("total_s")
        processed = int(docs.get("total", 0)) - int(docs.get("resumed", 0)) - int(docs.get("missing", 0))
        cost = Cost.from_json(data.get("cost"))
        if cost.extracted:
            total_s, processed = cost.seconds, cost.extracted
        return RunInfo(
            path=str(path),
            name=str(runner.get("name", "?")),
            version=str(runner.get("version", "?")),
            config=dict(runner.get("config") or {}),
            status=str(data.get("status", "?")),
            run_gold=str((data.get("gold") or {}).get("hash", "")),
            total_s=float(total_s) if isinstance(total_s, (int, float)) else None,
            processed=processed,
            failed=int(docs.get("failed", 0)),
            unsupported=int(docs.get("unsupported", 0)),
            shard=_shard_label(data),
        )


def _shard_label(data: dict[str, Any]) -> str | None:
    shard = (data.get("selection") or {}).get("shard")
    return f"{shard['index']}/{shard['count']}" if isinstance(shard, dict) else None


@dataclass(frozen=True)
class ScoredRun:
    run: RunInfo
    evaluation: Evaluation
    report: ScoreReport
    selection_gold: str
    """Hash of the gold documents of the run's selection now (``run.run_gold`` is the one it ran on)."""
    texts_changed: int = 0
    """Selected documents whose prediction record was made on another text (its doc_hash differs)."""
    documents_covered: int | None = None
    """Selected documents with a prediction record; None when unknown."""

    def stale_reason(self) -> str | None:
        """Why the run's predictions cannot be scored on this gold, or None (see the module docstring)."""
        n = len(self.evaluation.docs)
        if self.texts_changed:
            return (
                f"made on other texts: {self.texts_changed} of its {n} documents have changed since "
                "(their doc_hash differs): rerun it"
            )
        if self.documents_covered == 0:
            return f"made on other documents: none of the {n} gold documents it is scored on has a prediction"
        return None


def find_runs(paths: Iterable[Path]) -> list[Path]:
    """Run directories named by ``paths`` (each a run directory or a folder of them), sorted, unique.
    InputError for a path that does not exist or holds no run."""
    found: set[Path] = set()
    for p in paths:
        if not p.exists():
            raise InputError(p, "no such run directory or folder")
        if (p / RUN_JSON).is_file():
            found.add(p)
            continue
        subs = sorted(d for d in p.iterdir() if d.is_dir() and (d / RUN_JSON).is_file()) if p.is_dir() else []
        if not subs:
            raise InputError(p, "not a run directory (no run.json) and holds no run directories")
        found.update(subs)
    return sorted(found, key=lambda d: (d.name, str(d)))


def _selection(data: dict[str, Any]) -> Any:
    from bench.run import Selection
    from bench.shard import Shard

    sel = data.get("selection") or {}
    shard = sel.get("shard")
    return Selection(
        tuple(sel["langs"]) if sel.get("langs") else None,
        tuple(sel["splits"]) if sel.get("splits") else None,
        Shard(int(shard["index"]), int(shard["count"])) if shard else None,
    )


def score_run_dir(run_dir: Path, gold: GoldSet, config: ScoreConfig) -> ScoredRun:
    """Score one run directory on its selection of ``gold``; InputError for a broken run directory."""
    from bench.predictions import PredictionSet, load_predictions
    from bench.run import select_documents
    from bench.score import evaluate, summarize

    data = read_run_json(run_dir)
    try:
        info = RunInfo.from_json(run_dir, data)
    except (AttributeError, TypeError, ValueError) as e:
        raise InputError(run_dir / RUN_JSON, f"unreadable run record ({e})") from None
    pred_path = run_dir / PREDICTIONS
    if not pred_path.is_file():
        raise InputError(pred_path, "no predictions.jsonl in the run directory")
    try:
        selection = _selection(data)
        chosen = select_documents(gold, selection)
    except (KeyError, TypeError, ValueError) as e:
        raise InputError(run_dir / RUN_JSON, f"unreadable selection ({e})", pointer="/selection") from None
    if not chosen.documents:
        raise InputError(run_dir / RUN_JSON, "its selection matches no gold document", pointer="/selection")
    preds = load_predictions(pred_path, frozenset(d.doc_id for d in gold.documents))
    keep = {d.doc_id for d in chosen.documents}
    selected = PredictionSet(
        {k: v for k, v in preds.by_doc.items() if k in keep}, preds.problems, preds.lines
    )
    ev = evaluate(chosen.documents, selected, config)
    now = gold.select(selection.langs, selection.splits).content_hash
    changed, covered = _text_check(selected.by_doc, chosen.documents)
    return ScoredRun(info, ev, summarize(ev), now, changed, covered)


def _text_check(predictions: Mapping[str, Any], documents: Sequence[Any]) -> tuple[int, int]:
    """(selected documents whose prediction has another doc_hash, selected documents with a prediction),
    from the predictions already read for scoring."""
    from bench.gold import document_hash

    changed = covered = 0
    for d in documents:
        pred = predictions.get(d.doc_id)
        if pred is None:
            continue
        covered += 1
        changed += pred.doc_hash != document_hash(d)
    return changed, covered


def score_runs(run_dirs: Sequence[Path], gold: GoldSet, config: ScoreConfig) -> list[ScoredRun]:
    return [score_run_dir(d, gold, config) for d in run_dirs]
