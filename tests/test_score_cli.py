"""`claimbench score`: the gold scored against itself, and every invalid-input path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.gold import load_gold
from bench.schema import schema_errors

EN, FR = "xinhua-shenzhen-industries-2024.en", "xinhua-shenzhen-industries-2024.fr"
FIELDS = (
    "metric",
    "value",
    "value_high",
    "unit",
    "period",
    "yoy_change",
    "yoy_unit",
    "qualifier",
    "evidence",
)


def gold_lines(gold_dir: Path | None) -> list[str]:
    gold = load_gold(gold_dir)
    return [
        json.dumps(
            {"doc_id": d.doc_id, "claims": [{k: c.to_json()[k] for k in FIELDS} for c in d.claims]},
            ensure_ascii=False,
        )
        for d in gold.documents
    ]


@pytest.fixture
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for predictions and outputs outside the gold folder (seed_pair_dir is tmp_path)."""
    return tmp_path_factory.mktemp("work")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["score", *args])


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_bundled_gold_against_itself_prints_one_everywhere(tmp_path: Path) -> None:
    preds = write(tmp_path / "p.jsonl", gold_lines(None))
    out = tmp_path / "scores.json"
    r = invoke(str(preds), "--bootstrap", "20", "--out", str(out))
    assert r.exit_code == 0, r.output
    table = r.stdout.split("headline")[0]
    rows = [line for line in table.splitlines() if line.startswith("│")]
    assert len(rows) == 8  # 5 fields, 2 claim-level, metric soft
    numbers = [
        tok for line in rows for tok in line.replace("[", " ").replace("]", " ").split() if tok[0].isdigit()
    ]
    assert numbers and set(numbers) == {"1.000", "1.00-1.00"}
    assert "headline (macro-F1 over 5 fields x 2 languages): 1.000" in r.stdout
    assert "signature: claimbench:0.1.0|schema:1.0.0|gold:" in r.stdout
    j = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors("run-result", j) == []
    assert j["headline"]["value"] == 1.0 and j["invalid"]["invalid_lines"] == 0


def test_invalid_lines_are_reported_and_scored_as_empty(seed_pair_dir: Path, work: Path) -> None:
    good_en, good_fr = gold_lines(seed_pair_dir)
    bad = [
        good_en,
        "{not json",
        json.dumps({"doc_id": "unknown.en", "claims": []}),
        good_en,  # the same document again
        good_fr.replace('"value": 1730000.0', '"value": NaN', 1),
        json.dumps({"doc_id": FR, "claims": [{"value": [1]}]}),
    ]
    preds = write(work / "p.jsonl", bad)
    out = work / "s.json"
    r = invoke(str(preds), "--gold", str(seed_pair_dir), "--bootstrap", "0", "--out", str(out))
    assert r.exit_code == 0, r.output
    for line in (2, 3, 4, 5, 6):
        assert f"invalid: {preds}:{line}:" in r.stderr
    assert "unknown doc_id" in r.stderr and "duplicate doc_id" in r.stderr and "NaN" in r.stderr
    j = json.loads(out.read_text(encoding="utf-8"))
    assert j["invalid"]["lines"] == 6 and j["invalid"]["invalid_lines"] == 5
    assert j["invalid"]["invalid_rate"] == pytest.approx(5 / 6)
    assert j["invalid"]["documents_without_prediction"] == 1  # fr: every line for it was invalid
    assert j["per_lang"]["en"]["value"]["f1"] == 1.0
    assert j["per_lang"]["fr"]["value"] == {
        "tp": 0,
        "fp": 0,
        "fn": 4,
        "precision": 1.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert [p["line"] for p in j["invalid"]["problems"]] == [2, 3, 4, 5, 6]


def test_fail_on_invalid(seed_pair_dir: Path, work: Path) -> None:
    preds = write(work / "p.jsonl", [gold_lines(seed_pair_dir)[0], "{not json"])
    r = invoke(str(preds), "--gold", str(seed_pair_dir), "--fail-on-invalid")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: 1 invalid prediction lines (--fail-on-invalid); first: ")
    assert f"{preds}:2:" in r.stderr and "Traceback" not in r.output


def test_non_utf8_line(seed_pair_dir: Path, work: Path) -> None:
    preds = work / "p.jsonl"
    preds.write_bytes(gold_lines(seed_pair_dir)[0].encode() + b"\n" + b'{"doc_id": "\xff"}\n')
    r = invoke(str(preds), "--gold", str(seed_pair_dir), "--bootstrap", "0")
    assert r.exit_code == 0
    assert f"invalid: {preds}:2:" in r.stderr and "UTF-8" in r.stderr


def test_empty_file_means_every_document_missed(seed_pair_dir: Path, work: Path) -> None:
    preds = work / "p.jsonl"
    preds.write_text("\n", encoding="utf-8")
    out = work / "s.json"
    r = invoke(str(preds), "--gold", str(seed_pair_dir), "--bootstrap", "0", "--out", str(out))
    assert r.exit_code == 0, r.output
    j = json.loads(out.read_text(encoding="utf-8"))
    assert j["invalid"]["documents_without_prediction"] == 2 and j["headline"]["value"] == 0.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "missing.jsonl: no such file"),
        (["."], "is a directory"),
        (["p.jsonl", "--lang", "de"], "--lang 'de'"),
        (["p.jsonl", "--split", "nope"], "--split 'nope': the gold has splits test"),
        (["p.jsonl", "--bootstrap", "-1"], "bootstrap must be >= 0"),
        (["p.jsonl", "--out", "no/such/s.json"], "no/such/s.json: folder no/such does not exist"),
        (["p.jsonl", "--details", "no/d.jsonl"], "no/d.jsonl: folder no does not exist"),
        (["p.jsonl", "--out", "."], ".: is a folder, expected a file to write"),
    ],
)
def test_user_errors_are_one_line(
    seed_pair_dir: Path, work: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(work)
    write(work / "p.jsonl", gold_lines(seed_pair_dir))
    r = invoke(*args, "--gold", str(seed_pair_dir))
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stdout == ""


def test_bad_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text("{", encoding="utf-8")
    write(tmp_path / "p.jsonl", ['{"doc_id": "a", "claims": []}'])
    r = invoke(str(tmp_path / "p.jsonl"), "--gold", str(tmp_path / "gold"))
    assert r.exit_code == 2 and r.stderr.startswith("error: ") and "x.json" in r.stderr


def test_details_lang_and_strict(seed_pair_dir: Path, work: Path) -> None:
    en, fr = gold_lines(seed_pair_dir)
    fr = fr.replace('"value": 1730000.0', '"value": "1,73 million"', 1)
    preds = write(work / "p.jsonl", [en, fr])
    details, out = work / "d.jsonl", work / "s.json"
    r = invoke(
        str(preds), "--gold", str(seed_pair_dir), "--lang", "fr", "--details", str(details), "--out", str(out)
    )
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert (
        len(recs) == 4 and {r["lang"] for r in recs} == {"fr"} and all(r["kind"] == "aligned" for r in recs)
    )
    j = json.loads(out.read_text(encoding="utf-8"))
    assert j["langs"] == ["fr"] and j["signature_parts"]["lang"] == "fr" and j["headline"]["value"] == 1.0
    r = invoke(str(preds), "--gold", str(seed_pair_dir), "--lang", "fr", "--strict", "--out", str(out))
    j = json.loads(out.read_text(encoding="utf-8"))
    assert j["signature_parts"]["norm"] == "off" and j["per_lang"]["fr"]["value"]["tp"] == 3


def test_perf_lists_cases() -> None:
    r = CliRunner().invoke(app, ["perf", "--list"])
    assert r.exit_code == 0 and "score-10k" in r.stdout and "score-100k" in r.stdout
    # the plugin cases of the runners and the run loop are listed too
    for name in ("baseline-throughput", "openai-throughput", "run-loop"):
        assert name in r.stdout.split()
    r = CliRunner().invoke(app, ["perf", "score-10"])
    assert r.exit_code == 2 and "did you mean 'score-10k'" in r.stderr


def test_compare_runs_a_paired_test(seed_pair_dir: Path, work: Path) -> None:
    good = write(work / "good.jsonl", gold_lines(seed_pair_dir))
    empty = write(work / "empty.jsonl", [])
    out = work / "s.json"
    r = invoke(
        str(good),
        "--gold",
        str(seed_pair_dir),
        "--compare",
        str(empty),
        "--bootstrap",
        "100",
        "--out",
        str(out),
    )
    assert r.exit_code == 0, r.output
    assert f"paired bootstrap against {empty}: headline 0.000 -> 1.000 (+1.000), p = " in r.stdout
    j = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors("run-result", j) == []
    # one article pair: every resample draws it, so every difference is the observed 1.0; shifted to mean
    # zero they are all 0 < 1: no resample is as extreme, p = 1 / (100 + 1)
    assert j["comparison"]["difference"] == 1.0 and j["comparison"]["p_value"] == pytest.approx(1 / 101)
    r = invoke(str(good), "--gold", str(seed_pair_dir), "--compare", str(work / "nope.jsonl"))
    assert r.exit_code == 2 and "nope.jsonl: no such file" in r.stderr
    broken = write(work / "broken.jsonl", ["{not json", '{"doc_id": 3}'])
    r = invoke(str(good), "--gold", str(seed_pair_dir), "--compare", str(broken), "--bootstrap", "10")
    assert r.exit_code == 0 and "paired bootstrap against" in r.stdout
    warning = f"warning: 2 invalid lines in the baseline {broken}, scored as empty; first: {broken}:1:"
    assert warning in r.stderr


def test_missing_file_with_fail_on_invalid_is_a_usage_error(seed_pair_dir: Path, work: Path) -> None:
    r = invoke(str(work / "missing.jsonl"), "--gold", str(seed_pair_dir), "--fail-on-invalid")
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_perf_module_sees_plugin_cases() -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "bench.perf", "nope"], capture_output=True, text=True)
    assert r.returncode == 2
    assert "baseline-throughput" in r.stderr and "run-loop" in r.stderr
