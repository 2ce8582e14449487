"""What ``claimbench run`` and ``claimbench evaluate`` do between parsing options and printing: resolve the
runner and the gold, choose the run directory, run. Every user mistake becomes one UserError line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from bench.execute import RunError
from bench.gold import GoldError, GoldSet, inputs_key, load_gold
from bench.jsonloc import InputError
from bench.run import ProgressSink, RunnerIdentity, RunOptions, RunResult, Selection, run
from bench.shard import Shard
from bench.types import LANGS, Lang
from runners.base import Runner
from runners.config import ConfigError, parse_sets
from runners.registry import Registry, RegistryError


class UserError(Exception):
    """A mistake on the command line or in an input; str(e) is the one line to print."""


@dataclass(frozen=True)
class RunRequest:
    runner: str
    sets: tuple[str, ...] = ()
    langs: str | None = None
    splits: str | None = None
    gold: str | None = None
    out: Path = Path("runs")
    shard: str | None = None


@dataclass(frozen=True)
class PreparedRun:
    runner: Runner
    gold: GoldSet
    selection: Selection
    run_dir: Path


def parse_langs(text: str | None) -> tuple[Lang, ...] | None:
    """``"en,fr"`` -> ("en", "fr"); None or empty keeps every language."""
    if not text:
        return None
    langs = [x.strip() for x in text.split(",") if x.strip()]
    for x in langs:
        if x not in LANGS:
            raise UserError(f"--lang {x!r}: expected a comma-separated list of {', '.join(LANGS)}")
    return tuple(sorted(set(cast(list[Lang], langs)), key=LANGS.index))


def parse_splits(text: str | None, gold: GoldSet) -> tuple[str, ...] | None:
    if not text:
        return None
    splits = sorted({x.strip() for x in text.split(",") if x.strip()})
    known = sorted({d.split for d in gold.documents})
    for s in splits:
        if s not in known:
            raise UserError(f"--split {s!r}: the gold has splits {', '.join(known)}")
    return tuple(splits)


def prepare(req: RunRequest, registry: Registry | None = None) -> PreparedRun:
    """Build the runner, load the gold, and name the run directory
    ``<out>/<runner>-<confighash>-<inputskey>[-shard<I>of<N>]``: the same runner and settings over other
    documents (another language, split or gold) never resume or overwrite each other."""
    try:
        runner = (registry or Registry.from_entry_points()).create(req.runner, parse_sets(req.sets))
        gold = load_gold(req.gold)
        shard = Shard.parse(req.shard) if req.shard else None
    except (RegistryError, ConfigError, InputError, ValueError) as e:
        raise UserError(_one_line(e)) from None
    except GoldError as e:
        more = f" (and {len(e.problems) - 1} more gold problems)" if len(e.problems) > 1 else ""
        raise UserError(f"{e.problems[0].located()}{more}") from None
    selection = Selection(parse_langs(req.langs), parse_splits(req.splits, gold), shard)
    chosen = gold.select(selection.langs, selection.splits)
    if not chosen.documents:
        raise UserError("no gold document matches --lang/--split")
    run_dir = req.out / RunnerIdentity.of(runner).dir_name(shard, inputs_key(chosen.documents))
    return PreparedRun(runner, gold, selection, run_dir)


def check_options(options: RunOptions) -> None:
    if options.workers < 1:
        raise UserError("--workers must be at least 1")
    if options.max_errors is not None and options.max_errors < 0:
        raise UserError("--max-errors must be at least 0")


def execute(prepared: PreparedRun, options: RunOptions, progress: ProgressSink | None) -> RunResult:
    check_options(options)
    try:
        return run(prepared.runner, prepared.gold, prepared.run_dir, prepared.selection, options, progress)
    except (RunError, InputError) as e:
        raise UserError(_one_line(e)) from None


def summary_line(result: RunResult) -> str:
    parts = [f"{result.ok} ok", f"{result.failed} failed", f"{result.unsupported} unsupported"]
    if result.missing:
        parts.append(f"{result.missing} not done")
    if result.resumed:
        parts.append(f"{result.resumed} resumed")
    return f"{result.total} documents: {', '.join(parts)} -> {result.predictions}"


def failure_lines(result: RunResult, limit: int = 5) -> list[str]:
    lines = [f"  {doc_id}: {error}" for doc_id, error in result.failures[:limit]]
    if len(result.failures) > limit:
        lines.append(f"  ... and {len(result.failures) - limit} more in {result.run_dir / 'run.json'}")
    return lines


def _one_line(e: BaseException) -> str:
    text = e.located() if isinstance(e, InputError) else str(e)
    return " ".join(text.split())


def score_run(prepared: PreparedRun, result: RunResult) -> Any:
    """Score the run's predictions on the selected gold, as ``claimbench score`` would."""
    from bench.run import select_documents
    from bench.score import score
    from bench.score_cli import read_predictions

    chosen = select_documents(prepared.gold, prepared.selection)
    return score(chosen, read_predictions(result.predictions, prepared.gold, chosen))


def show_scores(result: RunResult, report: Any) -> Path:
    """Print the score table on stdout and save the report as scores.json in the run directory."""
    from bench.render import render_report
    from bench.runfiles import write_json

    render_report(report)
    path = result.run_dir / "scores.json"
    write_json(path, report.to_json())
    return path
