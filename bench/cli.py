"""The claimbench command line: a thin typer layer over functions that return data."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from bench import __version__

app = typer.Typer(
    name="claimbench",
    help="Benchmark harness for quantitative claim extraction from English and French news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimbench {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """claimbench: score claim extractors per field and per language."""


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear error line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_writable(*paths: Path | None) -> None:
    """Refuse, before any work is done, an output file that cannot be written: its folder is missing or
    not a folder, or the path is a folder."""
    for path in paths:
        if path is None:
            continue
        if path.is_dir():
            raise fail(f"{path}: is a folder, expected a file to write")
        parent = path.parent
        if not parent.is_dir():
            raise fail(
                f"{path}: folder {parent} does not exist"
                if not parent.exists()
                else f"{parent}: not a folder"
            )


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Around the writing of an output file: an OS refusal (permissions, full disk) is one error line."""
    try:
        yield
    except OSError as e:
        raise fail(f"{path}: cannot write: {e.strerror or e}") from None


def write_output(path: Path, text: str) -> None:
    with writing(path):
        path.write_text(text, encoding="utf-8")


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Gold files (*.json), prediction files (*.jsonl), or folders of them. Default: gold/."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: text or json.")] = "text",
    gold: Annotated[
        Path | None, typer.Option(help="Gold folder whose doc_ids prediction files must use.")
    ] = None,
) -> None:
    """Validate gold and prediction files: schema, then semantic rules. Reports every problem at once."""
    from bench.validate_cli import run_validate

    if fmt not in ("text", "json"):
        raise fail(f"--format must be text or json, not {fmt!r}")
    report = run_validate(paths or [], gold)
    if fmt == "json":
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        for p in report.problems:
            typer.echo(p.located(), err=p.severity == "error")
        typer.echo(report.summary())
    raise typer.Exit(1 if report.errors else 0)


@app.command("fill-offsets")
def fill_offsets_cmd(
    files: Annotated[list[Path], typer.Argument(help="Gold files to rewrite in place.")],
) -> None:
    """Annotation aid: set each evidence's offsets from its text (sole occurrence, or the one at start)."""
    from bench.annotate import dump_gold, fill_offsets
    from bench.jsonloc import InputError, parse_json, read_text

    bad = 0
    for path in files:
        try:
            doc = parse_json(path, read_text(path))
        except InputError as e:
            raise fail(e.located()) from None
        problems = fill_offsets(doc)
        for p in problems:
            typer.echo(f"{path}: {p}", err=True)
        bad += len(problems)
        path.write_text(dump_gold(doc), encoding="utf-8")
    raise typer.Exit(1 if bad else 0)


@app.command("export-hf")
def export_hf_cmd(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the dataset repository into.")],
    gold: Annotated[
        str | None, typer.Option(help="Gold folder, exported folder or Hub dataset id. Default: gold/.")
    ] = None,
    push: Annotated[
        str | None, typer.Option("--push", metavar="REPO_ID", help="Upload to this Hub dataset (HF_TOKEN).")
    ] = None,
    public: Annotated[bool, typer.Option("--public", help="Create the Hub repository public.")] = False,
    exclude_restricted: Annotated[
        bool,
        typer.Option(
            "--exclude-restricted",
            help="Leave out pairs whose licence forbids redistribution (the card says so).",
        ),
    ] = False,
    agreement: Annotated[
        Path | None,
        typer.Option(help="Agreement scores (JSON). Default: annotation/agreement.json if present."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline score report (JSON) for the card. Default: measured now on the export."),
    ] = None,
) -> None:
    """Write the gold as a Hugging Face dataset (Parquet per config and split, README.md card); --push it."""
    import os

    from bench.export_hf import ExportError, export_hf, push_folder, split_by_license
    from bench.figures import FiguresError, card_figures, measured_baseline
    from bench.gold import GoldError, gold_hash, load_gold

    if public and push is None:
        raise fail("--public only applies with --push REPO_ID")
    if push is not None and not os.environ.get("HF_TOKEN"):
        raise fail("HF_TOKEN is not set; export a Hugging Face token with write access to push")
    try:
        gold_set = load_gold(gold)
        kept, _ = split_by_license(gold_set.documents, exclude_restricted)
        figures = card_figures(agreement, baseline, baseline_gold=gold_hash(kept))
        result = export_hf(
            gold_set,
            out_dir,
            exclude_restricted=exclude_restricted,
            agreement=figures.agreement,
            baseline=figures.baseline or (measured_baseline(kept) if kept else ()),
            repo_id=push,
        )
    except GoldError as e:
        first = e.problems[0].located()
        raise fail(
            first if len(e.problems) == 1 else f"{len(e.problems)} problems in the gold, first: {first}"
        ) from None
    except (ExportError, FiguresError) as e:
        raise fail(str(e)) from None
    typer.echo(result.summary())
    if push is not None:
        message = f"claimbench {result.content_hash}"
        try:
            url = push_folder(out_dir, push, public=public, token=os.environ.get("HF_TOKEN"), message=message)
        except ExportError as e:
            raise fail(str(e)) from None
        typer.echo(f"pushed to {url}")


# --- runners: run, evaluate, merge, list -------------------------------------------------------------------

_SET_HELP = "A runner setting, key=value (repeatable); see the runner's Config."
_LANG_HELP = "Languages to run, comma-separated (en,fr). Default: all."
_SPLIT_HELP = "Gold splits to run, comma-separated (test,dev). Default: all."
_GOLD_HELP = (
    "Gold folder or file, a folder written by export-hf, or a Hub dataset id. Default: the bundled gold/."
)
_OUT_HELP = "Parent folder of run directories (OUT/<runner>-<confighash>-<inputs>/); a rerun resumes."


@app.command("runners")
def runners_cmd() -> None:
    """List the installed runners: name, version, one-line description."""
    import sys

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from runners.registry import Registry, RegistryError

    try:
        infos = Registry.from_entry_points().describe()
    except RegistryError as e:
        raise fail(str(e)) from None
    table = Table("runner", "version", "description", box=None, pad_edge=False)
    for info in infos:
        text = info.description if info.status == "ok" else info.status
        table.add_row(escape(info.name), escape(info.version or "-"), escape(text))  # "[peers]" is no markup
    Console(width=None if sys.stdout.isatty() else 160).print(table)  # piped: do not wrap at 80


@app.command("run")
def run_cmd(
    runner: Annotated[str, typer.Argument(help="Runner name (see `claimbench runners`).")],
    sets: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=_LANG_HELP)] = None,
    split: Annotated[str | None, typer.Option("--split", help=_SPLIT_HELP)] = None,
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", help=_OUT_HELP)] = Path("runs"),
    workers: Annotated[int, typer.Option(help="Documents run concurrently (threads or processes).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Redo documents already done.")] = False,
    max_errors: Annotated[
        int | None, typer.Option("--max-errors", help="Stop and exit 1 once more documents failed.")
    ] = None,
    shard: Annotated[
        str | None, typer.Option("--shard", help="Run shard I of N (I/N, 0-based), contiguous by doc_id.")
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Run a runner over the gold documents: predictions.jsonl and run.json in its run directory."""
    from bench.run_cli import RunRequest, UserError, prepare

    try:
        prepared = prepare(RunRequest(runner, tuple(sets or ()), lang, split, gold, out, shard))
    except UserError as e:
        raise fail(str(e)) from None
    result = _execute_run(prepared, workers, force, max_errors, progress)
    raise typer.Exit(1 if result.status == "stopped" else 0)


class Terminated(KeyboardInterrupt):
    """SIGTERM (how SLURM, Kubernetes and kill stop a job), handled like Ctrl-C: the run writes what it
    has, stops its workers and programs, and exits 143."""


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    def on_sigterm(signum: int, frame: Any) -> None:
        raise Terminated()

    old = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _execute_run(prepared: Any, workers: int, force: bool, max_errors: int | None, progress: bool) -> Any:
    """Run with a progress bar; print the summary; turn Ctrl-C and user errors into one line."""
    from contextlib import nullcontext

    from bench.progress import RichProgress
    from bench.run import RunOptions
    from bench.run_cli import UserError, check_options, execute, failure_lines, summary_line

    options = RunOptions(workers=workers, force=force, max_errors=max_errors)
    bar = RichProgress(prepared.run_dir.name) if progress else None
    try:
        check_options(options)
        with bar or nullcontext(), _sigterm_interrupts():
            result = execute(prepared, options, bar)
    except UserError as e:
        raise fail(str(e)) from None
    except KeyboardInterrupt as e:
        what = "terminated" if isinstance(e, Terminated) else "interrupted"
        raise fail(
            f"{what}: finished documents are saved in {prepared.run_dir}; rerun the same command to resume",
            143 if isinstance(e, Terminated) else 130,
        ) from None
    typer.echo(summary_line(result), err=True)
    for line in failure_lines(result):
        typer.echo(line, err=True)
    if result.status == "stopped":
        typer.echo(f"error: stopped after more than {max_errors} failed documents", err=True)
    return result


@app.command("merge")
def merge_cmd(
    shard_dirs: Annotated[list[Path], typer.Argument(help="The run directories of every shard.")],
    out: Annotated[Path, typer.Option("--out", help="The merged run directory.")],
) -> None:
    """Join the run directories of `claimbench run --shard I/N` into one run directory."""
    from bench.jsonloc import InputError
    from bench.merge import merge_runs

    try:
        result = merge_runs(shard_dirs, out)
    except InputError as e:
        raise fail(e.located()) from None
    typer.echo(f"merged {result.shards} shards, {result.documents} documents -> {result.out}")


@app.command("evaluate")
def evaluate_cmd(
    runner: Annotated[
        str, typer.Argument(help="Runner name (default: the rule-based baseline).")
    ] = "baseline",
    sets: Annotated[list[str] | None, typer.Option("--set", help=_SET_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=_LANG_HELP)] = None,
    split: Annotated[str | None, typer.Option("--split", help=_SPLIT_HELP)] = None,
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    out: Annotated[Path, typer.Option("--out", help=_OUT_HELP)] = Path("runs"),
    workers: Annotated[int, typer.Option(help="Documents run concurrently (threads or processes).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Redo documents already done.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Run a runner (resuming its run directory), score it against the gold, and print the table."""
    from bench.run_cli import RunRequest, UserError, prepare, score_run, show_scores

    try:
        prepared = prepare(RunRequest(runner, tuple(sets or ()), lang, split, gold, out, None))
    except UserError as e:
        raise fail(str(e)) from None
    result = _execute_run(prepared, workers, force, None, progress)
    path = show_scores(result, score_run(prepared, result))
    typer.echo(f"scores -> {path}", err=True)


@app.command("score")
def score_cmd(
    predictions: Annotated[Path, typer.Argument(help="Predictions JSONL file, one line per document.")],
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Languages to score, comma-separated.")] = None,
    split: Annotated[
        str | None, typer.Option("--split", help="Gold splits to score, comma-separated.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the scores JSON here.")] = None,
    details: Annotated[
        Path | None, typer.Option("--details", help="Write error-analysis records (JSONL) here.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="No normalization: only canonical forms count.")
    ] = False,
    fail_on_invalid: Annotated[
        bool,
        typer.Option("--fail-on-invalid", help="Exit 1 without scoring if any prediction line is invalid."),
    ] = False,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples for the intervals (0: none).")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 12345,
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help="Baseline predictions file: paired bootstrap test of the headline."),
    ] = None,
) -> None:
    """Score a predictions file against the gold: table on stdout, scores JSON with --out."""
    from bench.details import write_details
    from bench.render import render_report
    from bench.score import ScoreConfig
    from bench.score_cli import ScoreError, ScoreRequest, compare_runs, comparison_json, run_score

    check_writable(out, details)

    try:
        config = ScoreConfig(strict=strict, bootstrap=bootstrap, seed=seed)
        req = ScoreRequest(predictions, gold, lang, split, config, fail_on_invalid)
        outcome = run_score(req)
        test, base_problems = compare_runs(req, outcome, compare) if compare is not None else (None, ())
    except ScoreError as e:
        raise fail(str(e), e.code) from None
    except ValueError as e:
        raise fail(str(e)) from None
    for p in outcome.problems[:20]:
        typer.echo(f"invalid: {p.located()}", err=True)
    if len(outcome.problems) > 20:
        typer.echo(f"invalid: ... and {len(outcome.problems) - 20} more (see --out)", err=True)
    render_report(outcome.report)
    scores = outcome.report.to_json()
    if base_problems:
        first = base_problems[0].located()
        typer.echo(
            f"warning: {len({p.line for p in base_problems})} invalid lines in the baseline {compare}, "
            "scored as empty; "
            f"first: {first}",
            err=True,
        )
    if test is not None and compare is not None:
        typer.echo(
            f"paired bootstrap against {compare}: headline {test.a:.3f} -> {test.b:.3f} "
            f"({test.difference:+.3f}), p = {test.p_value:.4f} ({test.resamples} resamples)"
        )
        scores["comparison"] = comparison_json(test, compare)
    if out is not None:
        write_output(out, json.dumps(scores, indent=2, ensure_ascii=False) + "\n")
        typer.echo(f"scores -> {out}", err=True)
    if details is not None:
        with writing(details):
            n = write_details(outcome.evaluation, details)
        typer.echo(f"{n} error-analysis records -> {details}", err=True)


@app.command("perf")
def perf_cmd(
    cases: Annotated[
        list[str] | None, typer.Argument(help="Cases to run (default: all). See --list.")
    ] = None,
    list_cases: Annotated[bool, typer.Option("--list", help="List the cases and exit.")] = False,
) -> None:
    """Performance figures as JSON (synthetic data; see bench/perf.py)."""
    from bench.perf import case_names, run_cases

    if list_cases:
        for name in case_names():
            typer.echo(name)
        return
    try:
        figures = run_cases(cases or None)
    except KeyError as e:
        raise fail(str(e.args[0])) from None
    typer.echo(json.dumps(figures, indent=2))


@app.command("agreement")
def agreement_cmd(
    second: Annotated[
        Path, typer.Argument(help="Folder of the second, independent annotation (gold files).")
    ],
    first: Annotated[
        Path | None, typer.Option("--first", help="The first annotation. Default: gold/.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write the figures and the full scores here (JSON).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Compare the canonical forms as written (no normalization).")
    ] = False,
) -> None:
    """Inter-annotator agreement: score a second annotation against the first with the benchmark's scorer."""
    from bench.agreement import agreement, agreement_figures
    from bench.gold import GoldError, load_gold
    from bench.render import render_report

    check_writable(out)
    try:
        a, b = load_gold(first), load_gold(second)
    except GoldError as e:
        raise fail(str(e)) from None
    from bench.score import ScoreConfig

    result = agreement(a, b, ScoreConfig(strict=strict))
    render_report(result.report, details=False)
    fig = agreement_figures(result)
    typer.echo(
        f"unscored fields, over {fig['aligned_claims']} aligned claims: "
        f"qualifier {fig['qualifier_agreement']:.3f}, "
        f"identical tag sets {fig['tags_identical']:.3f}, tag Jaccard {fig['tags_jaccard']:.3f}; "
        f"distractor spans Jaccard {fig['distractor_spans_jaccard']:.3f}"
    )
    if out is not None:
        figures = {"figures": fig, "scores": result.report.to_json()}
        write_output(out, json.dumps(figures, indent=2, sort_keys=True) + "\n")


# --- leaderboard, compare, report ---------------------------------------------------------------------------

_RUNS_HELP = "Run directories (run.json + predictions.jsonl), or folders of them. Default: runs/."


def _board_config(bootstrap: int, seed: int) -> Any:
    from bench.score import ScoreConfig

    try:
        return ScoreConfig(bootstrap=bootstrap, seed=seed)
    except ValueError as e:
        raise fail(str(e)) from None


@app.command("leaderboard")
def leaderboard_cmd(
    runs_dirs: Annotated[list[Path] | None, typer.Argument(help=_RUNS_HELP)] = None,
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, md, csv, json or html.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples (intervals, tests).")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 12345,
) -> None:
    """Rank runs scored with one signature: F1 per language and field with 95% CIs, significance groups."""
    from bench.leaderboard import build
    from bench.leaderboard_cli import BoardError, load_scored
    from bench.leaderboard_formats import FORMATS, render

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    config = _board_config(bootstrap, seed)
    check_writable(out)
    try:
        board = build(load_scored(runs_dirs or [Path("runs")], gold, config))
    except BoardError as e:
        raise fail(str(e)) from None
    text = render(board, fmt)
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_output(out, text)
        ranked, excluded = len(board.rows), len(board.excluded)
        typer.echo(f"leaderboard ({ranked} ranked, {excluded} excluded) -> {out}", err=True)


@app.command("compare")
def compare_cmd(
    run_a: Annotated[Path, typer.Argument(help="Run directory A.")],
    run_b: Annotated[Path, typer.Argument(help="Run directory B.")],
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    limit: Annotated[int, typer.Option(help="Claims shown per direction.")] = 20,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples for the paired tests.")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 12345,
) -> None:
    """Per-field and per-language deltas (B - A) with paired bootstrap p-values, and the claims where the two
    runs differ (right in A and wrong in B, and the reverse), side by side."""
    from bench.compare import compare
    from bench.leaderboard_cli import BoardError, console_for_output, load_one, print_comparison

    if fmt not in ("table", "json"):
        raise fail(f"--format must be table or json, not {fmt!r}")
    if limit < 0:
        raise fail(f"--limit must be at least 0, not {limit}")
    config = _board_config(bootstrap, seed)
    try:
        comparison = compare(load_one(run_a, gold, config), load_one(run_b, gold, config))
    except (BoardError, ValueError) as e:
        raise fail(str(e)) from None
    if fmt == "json":
        typer.echo(json.dumps(comparison.to_json(), indent=2, ensure_ascii=False))
    else:
        print_comparison(comparison, console_for_output(), limit)


@app.command("report")
def report_cmd(
    run: Annotated[Path, typer.Argument(help="Run directory.")],
    gold: Annotated[str | None, typer.Option("--gold", help=_GOLD_HELP)] = None,
    worst: Annotated[int, typer.Option(help="Worst documents shown.")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Error analysis of one run: error categories per language, unit confusion matrix, worst documents,
    per-tag scores."""
    from bench.leaderboard_cli import BoardError, console_for_output, load_one, print_error_report
    from bench.report import error_report

    if fmt not in ("table", "json"):
        raise fail(f"--format must be table or json, not {fmt!r}")
    if worst < 0:
        raise fail(f"--worst must be at least 0, not {worst}")
    try:
        report = error_report(load_one(run, gold, _board_config(1000, 12345)), worst)
    except BoardError as e:
        raise fail(str(e)) from None
    if fmt == "json":
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print_error_report(report, console_for_output())
