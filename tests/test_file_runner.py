"""The file runner: serving a predictions file made elsewhere, refusing an invalid one with located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.run import RunnerIdentity, run
from runners.file import FileConfig, FileRunner, PredictionsFileError
from tests.dummy_runners import tiny_gold

CLAIM = {"metric": "output", "value": "5.2", "unit": "%"}


def write_lines(path: Path, *lines: object) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8"
    )
    return path


def test_serves_the_claims_of_the_file(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "p.jsonl",
        {"doc_id": "p00.en", "claims": [CLAIM]},
        {"doc_id": "p00.fr", "claims": [], "error": "timeout upstream"},
    )
    result = run(FileRunner(FileConfig(path)), tiny_gold(2), tmp_path / "run")
    lines = (tmp_path / "run" / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    recs = {r["doc_id"]: r for r in map(json.loads, lines)}
    assert recs["p00.en"]["claims"] == [CLAIM]
    assert recs["p00.fr"]["error"] == "RuntimeError: the file records an error: timeout upstream"
    assert recs["p01.en"]["error"] == f"LookupError: {path} has no prediction for p01.en"
    assert (result.ok, result.failed) == (1, 3)


def test_a_changed_file_is_a_different_run(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", {"doc_id": "p00.en", "claims": []})
    before = RunnerIdentity.of(FileRunner(FileConfig(path))).dir_name()
    write_lines(path, {"doc_id": "p00.en", "claims": [CLAIM]})
    assert RunnerIdentity.of(FileRunner(FileConfig(path))).dir_name() != before


@pytest.mark.parametrize(
    ("lines", "located"),
    [
        (['{"doc_id": "a", "claims": []}', "{not json"], ":2: /: invalid JSON"),
        ([{"doc_id": "a", "claims": [{"value": [1]}]}], ":1: /claims/0/value:"),
        ([{"doc_id": "a", "claims": [], "extra": 1}], ":1: /: unknown field: 'extra' was unexpected"),
        ([{"doc_id": "a", "claims": []}, {"doc_id": "a", "claims": []}], ":2: /doc_id: duplicate doc_id 'a'"),
    ],
)
def test_an_invalid_file_is_refused_with_located_problems(
    tmp_path: Path, lines: list[object], located: str
) -> None:
    path = write_lines(tmp_path / "bad.jsonl", *lines)
    with pytest.raises(PredictionsFileError) as err:
        FileRunner(FileConfig(path))
    assert f"{path}{located}" in str(err.value)


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        ([], "error: runner 'file': needs the predictions file: --set path=predictions.jsonl"),
        (["--set", "path=missing.jsonl"], "error: runner 'file': 1 problem: missing.jsonl: /: no such file"),
    ],
)
def test_cli_errors_are_one_line(sets: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", "file", *sets, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_cli_reports_the_first_located_problem(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", {"doc_id": "a", "claims": []}, "{oops")
    result = CliRunner().invoke(app, ["run", "file", "--set", f"path={path}", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: runner 'file': 1 problem: {path}:2: /: invalid JSON")
    assert len(result.output.strip().splitlines()) == 1
