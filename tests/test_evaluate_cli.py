"""claimbench evaluate / run / merge / runners through the CLI: the main job, and one test per user error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.gold import load_gold


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def perfect_predictions(gold_dir: Path, path: Path, langs: tuple[str, ...] = ("en", "fr")) -> Path:
    """The gold claims of the gold folder, written as predictions."""
    lines = []
    for doc in load_gold(gold_dir).documents:
        if doc.lang in langs:
            claims = [
                {
                    k: v
                    for k, v in c.to_json().items()
                    if k in ("metric", "value", "unit", "period", "yoy_change")
                }
                | {"yoy_unit": c.yoy_unit, "value_high": c.value_high, "evidence": c.evidence.to_json()}
                for c in doc.claims
            ]
            lines.append(json.dumps({"doc_id": doc.doc_id, "claims": claims}) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for outputs, apart from the gold folder (which is scanned for *.json)."""
    return tmp_path_factory.mktemp("out")


def records(run_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]


def test_evaluate_without_arguments_scores_the_baseline_on_the_bundled_gold(tmp_path: Path) -> None:
    result = invoke("evaluate", "--out", str(tmp_path), "--no-progress")
    assert result.exit_code == 0, result.output
    assert "headline (macro-F1 over 5 fields x 2 languages)" in result.output
    [run_dir] = tmp_path.iterdir()
    assert run_dir.name.startswith("baseline-")
    assert (run_dir / "scores.json").exists()
    assert json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["runner"]["name"] == "baseline"


def test_evaluate_a_perfect_predictions_file(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "perfect.jsonl")
    runs = out / "runs"
    result = invoke(
        "evaluate", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--out", str(runs)
    )
    assert result.exit_code == 0, result.output
    assert "headline (macro-F1 over 5 fields x 2 languages): 1.000" in result.output
    [run_dir] = runs.iterdir()
    scores = json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))
    assert scores["documents"] == 2


def test_run_resumes_and_reports_it(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "p.jsonl")
    args = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--out", str(out / "runs"))
    first = invoke(*args)
    assert first.exit_code == 0 and "2 documents: 2 ok, 0 failed, 0 unsupported" in first.output
    again = invoke(*args)
    assert again.exit_code == 0 and "2 ok, 0 failed, 0 unsupported, 2 resumed" in again.output


def test_a_run_over_other_documents_gets_its_own_directory(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "p.jsonl")
    args = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--no-progress")
    assert invoke(*args, "--out", str(out / "runs")).exit_code == 0
    assert invoke(*args, "--out", str(out / "runs"), "--lang", "en").exit_code == 0
    both, en = sorted((out / "runs").iterdir(), key=lambda d: len(records(d)), reverse=True)
    assert both.name.rsplit("-", 1)[0] == en.name.rsplit("-", 1)[0]  # same runner and settings
    assert [len(records(both)), len(records(en))] == [2, 1]
    assert json.loads((both / "run.json").read_text(encoding="utf-8"))["documents"]["total"] == 2


def test_the_cost_of_a_run_survives_a_rerun_that_only_resumes(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "p.jsonl")
    args = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--out", str(out / "r"))
    assert invoke(*args).exit_code == 0
    [run_dir] = (out / "r").iterdir()

    def cost() -> dict[str, Any]:
        data: dict[str, Any] = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["cost"]
        return data

    first = cost()
    assert first["extracted"] == 2 and first["invocations"] == 1 and first["seconds"] > 0
    assert invoke(*args).exit_code == 0
    assert cost() == first  # nothing extracted: the cost stays
    assert invoke(*args, "--force").exit_code == 0
    assert cost()["extracted"] == 2 and cost()["invocations"] == 1  # --force starts over


def test_past_max_errors_exits_1(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "en-only.jsonl", ("en",))
    base = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--no-progress")
    result = invoke(*base, "--out", str(out / "a"), "--max-errors", "0")
    assert result.exit_code == 1
    assert "xinhua-shenzhen-industries-2024.fr: LookupError" in result.output
    assert "error: stopped after more than 0 failed documents" in result.output
    assert invoke(*base, "--out", str(out / "b"), "--max-errors", "1").exit_code == 0
    assert invoke(*base, "--out", str(out / "c")).exit_code == 0


def test_shards_merged_through_the_cli_equal_the_whole_run(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "p.jsonl")
    base = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--no-progress")
    assert invoke(*base, "--out", str(out / "whole")).exit_code == 0
    for i in range(2):
        assert invoke(*base, "--out", str(out / "shards"), "--shard", f"{i}/2").exit_code == 0
    shard_dirs = sorted(str(p) for p in (out / "shards").iterdir())
    assert [Path(d).name.rsplit("-", 1)[1] for d in shard_dirs] == ["shard0of2", "shard1of2"]
    merged = invoke("merge", *shard_dirs, "--out", str(out / "merged"))
    assert merged.exit_code == 0 and "merged 2 shards, 2 documents" in merged.output
    [whole] = (out / "whole").iterdir()

    def strip(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "latency_s"} for r in recs]

    assert strip(records(out / "merged")) == strip(records(whole))


def test_merge_of_an_incomplete_set_is_one_line(out: Path, seed_pair_dir: Path) -> None:
    preds = perfect_predictions(seed_pair_dir, out / "p.jsonl")
    base = ("run", "file", "--set", f"path={preds}", "--gold", str(seed_pair_dir), "--no-progress")
    invoke(*base, "--out", str(out / "shards"), "--shard", "0/2")
    [only] = (out / "shards").iterdir()
    result = invoke("merge", str(only), "--out", str(out / "merged"))
    assert result.exit_code == 2
    assert result.output == f"error: {only}: shard 1 missing (of shards 0-1)\n"


def test_runners_lists_the_builtins() -> None:
    result = invoke("runners")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:] if line.strip()}
    assert {"baseline", "command", "file", "openai"} <= set(lines)
    assert "Predictions made elsewhere" in lines["file"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("run", "baselin"), "error: unknown runner 'baselin'; did you mean 'baseline'?"),
        (("evaluate", "fille"), "error: unknown runner 'fille'; did you mean 'file'?"),
        (("run", "baseline", "--set", "speed=9"), "error: runner 'baseline' has no setting 'speed'"),
        (("run", "command", "--set", "timeout_s=soon"), "error: --set timeout_s=soon: expected a number"),
        (("run", "command", "--set", "restarts"), "error: --set 'restarts': expected key=value"),
        (("run", "baseline", "--shard", "2/2"), "error: --shard '2/2': the index is 0-based"),
        (
            ("run", "baseline", "--lang", "de"),
            "error: --lang 'de': expected a comma-separated list of en, fr",
        ),
        (("run", "baseline", "--split", "train"), "error: --split 'train': the gold has splits"),
        (("run", "baseline", "--gold", "no/such/dir"), "error: no/such/dir: /: no such gold folder"),
        (("run", "baseline", "--workers", "0"), "error: --workers must be at least 1"),
        (("run", "baseline", "--max-errors", "-1"), "error: --max-errors must be at least 0"),
    ],
)
def test_user_errors_are_one_line_with_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    result = invoke(*args, "--out", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(message)
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
