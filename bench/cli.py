"""The claimbench command line: a thin typer layer over functions that return data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

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
        Path | None, typer.Option(help="Agreement figures (JSON). Default: gold/AGREEMENT.json if present.")
    ] = None,
    baseline: Annotated[Path | None, typer.Option(help="Baseline score report (JSON) for the card.")] = None,
) -> None:
    """Write the gold as a Hugging Face dataset (Parquet per config and split, README.md card); --push it."""
    import os

    from bench.export_hf import ExportError, export_hf, push_folder
    from bench.figures import FiguresError, card_figures
    from bench.gold import GoldError, load_gold

    if public and push is None:
        raise fail("--public only applies with --push REPO_ID")
    try:
        gold_set = load_gold(gold)
        figures = card_figures(agreement, baseline)
        result = export_hf(
            gold_set,
            out_dir,
            exclude_restricted=exclude_restricted,
            agreement=figures.agreement,
            baseline=figures.baseline,
            repo_id=push,
        )
    except GoldError as e:
        raise fail(str(e).replace("\n", " | ")) from None
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
