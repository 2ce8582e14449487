"""Every kind of gold and prediction mistake is caught, located as file:line: /pointer: message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bench.cli import app
from bench.jsonloc import InputError, iter_jsonl_lines, pointer_lines
from bench.validate import validate_predictions_file
from bench.validate_cli import run_validate
from tests.conftest import ROOT

runner = CliRunner()
EN = "xinhua-shenzhen-industries-2024.en.json"
FR = "xinhua-shenzhen-industries-2024.fr.json"


def edit(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    path = folder / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def messages(folder: Path) -> list[str]:
    return [p.located() for p in run_validate([folder]).problems if p.severity == "error"]


def test_bundled_gold_is_valid() -> None:
    report = run_validate([ROOT / "gold"])
    assert report.errors == 0, [p.located() for p in report.problems]
    assert report.gold_files >= 2


def test_seed_copy_is_valid(seed_pair_dir: Path) -> None:
    assert messages(seed_pair_dir) == []


def _set(pointer: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = pointer.strip("/").split("/")
        node: Any = doc
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


@pytest.mark.parametrize(
    ("name", "pointer", "value", "expected_pointer", "expected_text"),
    [
        (EN, "/claims/0/evidence/start", 10, "/claims/0/evidence/text", "but text[10:"),
        (EN, "/claims/0/evidence/end", 10**6, "/claims/0/evidence", "outside the text"),
        (EN, "/claims/1/period", "2024-Q5", "/claims/1/period", "is not valid here"),
        (EN, "/claims/1/period", "2023-02-30", "/claims/1/period", "day is out of range"),
        (EN, "/claims/1/period", "2025/2024", "/claims/1/period", "ends before it starts"),
        (EN, "/claims/1/period", "2025", "/claims/1/period", "tag it 'forecast'"),
        (EN, "/claims/0/value", "1.73 million", "/claims/0/value", "is not valid here"),
        (EN, "/claims/0/bogus", 1, "/claims/0", "unknown field: 'bogus'"),
        (EN, "/claims/0/unit", "vehicles", "/claims/0/unit", "is not valid here"),
        (EN, "/claims/1/claim_id", "c1", "/claims/1/claim_id", "duplicate claim_id 'c1'"),
        (EN, "/claims/1/align_id", "nev-output-2023", "/claims/1/align_id", "used twice in one document"),
        (EN, "/claims/0/yoy_unit", None, "/claims/0/yoy_unit", "exactly when yoy_change"),
        (EN, "/claims/0/value_high", 1, "/claims/0/value_high", "no greater than it"),
        (EN, "/lang", "de", "/lang", "is not one of: en, fr"),
        (EN, "/doc_id", "other.en", "/doc_id", "must be <pair_id>.<lang>"),
        (FR, "/claims/0/value", 1740000, "/claims/0/value", "disagrees with 1730000"),
        (FR, "/claims/2/period", "2024-Q2", "/claims/2/period", "disagrees with '2024-H1'"),
        (FR, "/published", "2024-10-31", "/published", "differs from the en document"),
    ],
)
def test_each_mistake_is_located(
    seed_pair_dir: Path, name: str, pointer: str, value: Any, expected_pointer: str, expected_text: str
) -> None:
    path = edit(seed_pair_dir, name, _set(pointer, value))
    found = [m for m in messages(seed_pair_dir) if f": {expected_pointer}: " in m]
    assert found, messages(seed_pair_dir)
    assert any(expected_text in m for m in found), found
    line = pointer_lines(path.read_text(encoding="utf-8")).get(expected_pointer)
    assert line is not None
    assert any(m.startswith(f"{path}:{line}: ") for m in found), found


def test_missing_language(seed_pair_dir: Path) -> None:
    (seed_pair_dir / FR).unlink()
    assert any("has no fr document" in m for m in messages(seed_pair_dir))


def test_claim_in_one_language_is_a_note_not_an_error(seed_pair_dir: Path) -> None:
    edit(seed_pair_dir, FR, lambda d: d["claims"].pop())
    report = run_validate([seed_pair_dir])
    assert report.errors == 0
    assert any("has no fr counterpart" in p.message and p.severity == "info" for p in report.problems)


@pytest.mark.parametrize(("token", "shown"), [("NaN", "NaN"), ("-Infinity", "-Infinity"), ("1e999", "1e999")])
def test_a_non_finite_number_is_located_at_its_line_and_field(
    seed_pair_dir: Path, token: str, shown: str
) -> None:
    path = seed_pair_dir / EN
    text = path.read_text(encoding="utf-8").replace('"value": 1730000', f'"value": {token}', 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if token in s)
    assert line > 1
    assert messages(seed_pair_dir) == [
        f"{path}:{line}: /claims/0/value: {shown} is not a valid JSON number (numbers must be finite)"
    ]


def test_a_key_given_twice_is_located(seed_pair_dir: Path) -> None:
    path = seed_pair_dir / EN
    text = path.read_text(encoding="utf-8").replace('"value": 1730000', '"value": 1730000, "value": 1', 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"value": 1730000' in s)
    assert messages(seed_pair_dir) == [
        f"{path}:{line}: /claims/0/value: key 'value' given twice in one object"
    ]


def test_deep_nesting_is_one_located_line_not_a_traceback(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    preds = tmp_path / "deep.jsonl"
    preds.write_text(
        '{"doc_id": "x", "claims": []}\n' + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"
    )
    assert messages(deep) == [f"{deep}:1: /: invalid JSON: nested too deeply"]
    assert messages(preds) == [f"{preds}:2: /: invalid JSON: nested too deeply"]


def test_a_schema_error_hides_no_other_problem_of_the_file_or_its_pair(seed_pair_dir: Path) -> None:
    def spoil(d: dict[str, Any]) -> None:
        d["claims"][0]["colour"] = "red"
        d["claims"][1]["evidence"]["start"] += 1

    edit(seed_pair_dir, EN, spoil)
    msgs = messages(seed_pair_dir)
    assert any("/claims/0: unknown field: 'colour' was unexpected" in m for m in msgs), msgs
    assert any("/claims/1/evidence/text: is" in m for m in msgs), msgs
    assert not any("has no en document" in m for m in msgs), msgs


def test_an_unreadable_file_does_not_make_its_partner_look_alone(seed_pair_dir: Path) -> None:
    (seed_pair_dir / EN).write_text("{not json", encoding="utf-8")
    msgs = messages(seed_pair_dir)
    assert len(msgs) == 1 and msgs[0].startswith(f"{seed_pair_dir / EN}:1: /: invalid JSON"), msgs


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b'{"doc_id": ', "invalid JSON"),
        (b'{"a": 1}\n\xff\xfe', "not valid UTF-8"),
        (b"[1, 2]", "is not of type 'object'"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "x.en.json"
    path.write_bytes(content)
    msgs = messages(tmp_path)
    assert len([m for m in msgs if m.startswith(str(path))]) >= 1
    assert any(expected in m for m in msgs), msgs


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.en.json"
    with path.open("wb") as f:
        f.truncate(2**30)  # sparse: 1 GiB on paper, nothing on disk
    msgs = messages(tmp_path)
    assert msgs == [f"{path}: /: file is 1024 MiB, larger than the 64 MiB limit"]


def test_missing_file_cli(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_cli_ok_and_json_format(seed_pair_dir: Path) -> None:
    ok = runner.invoke(app, ["validate", str(seed_pair_dir)])
    assert ok.exit_code == 0, ok.output
    assert "OK: 2 gold files" in ok.output
    edit(seed_pair_dir, EN, _set("/claims/0/evidence/start", 3))
    edit(seed_pair_dir, FR, _set("/claims/0/bogus", True))
    bad = runner.invoke(app, ["validate", "--format", "json", str(seed_pair_dir)])
    assert bad.exit_code == 1
    report = json.loads(bad.stdout)
    assert report["ok"] is False
    assert report["errors"] == len([p for p in report["problems"] if p["severity"] == "error"]) >= 2
    assert {p["pointer"] for p in report["problems"]} >= {"/claims/0/evidence/text", "/claims/0"}


def test_cli_bad_format_option(seed_pair_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(seed_pair_dir)])
    assert result.exit_code == 2
    assert "--format must be text or json" in result.output


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_nothing_to_check_is_an_error_not_ok(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    report = run_validate([tmp_path / "folder", tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"])
    assert [p.located() for p in report.problems] == [
        f"{tmp_path / 'blank.jsonl'}: /: no prediction lines: the file is empty",
        f"{tmp_path / 'empty.jsonl'}: /: no prediction lines: the file is empty",
        f"{tmp_path / 'folder'}: /: no *.json gold or *.jsonl prediction files",
    ]


def test_a_bad_line_never_hides_the_lines_after_it(tmp_path: Path) -> None:
    line = '{"doc_id": "xinhua-shenzhen-industries-2024.%s", "claims": []}\n'
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        (line % "en").encode() + b'{"doc_id": "caf\xe9", "claims": []}\n' + (line % "fr").encode()
    )
    good, problems = validate_predictions_file(path)
    assert [n for n, _ in good] == [1, 3]
    assert [p.located() for p in problems] == [f"{path}:2: /: not valid UTF-8 (offset 15 in the line)"]


def test_an_overlong_line_is_skipped_without_being_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    ok = '{"doc_id": "a", "claims": []}\n'
    path.write_text(ok + "[" + " " * 5000 + "]\n" + ok.replace('"a"', '"b"'), encoding="utf-8")
    lines = list(iter_jsonl_lines(path, max_line_bytes=1000))
    assert [n for n, _ in lines] == [1, 2, 3]
    assert (
        isinstance(lines[1][1], InputError)
        and lines[1][1].located() == f"{path}:2: line longer than 1000 bytes"
    )
    assert lines[2][1] == ok.replace('"a"', '"b"').rstrip("\n")  # lines come without their line break


def test_prediction_evidence_ending_before_it_starts_is_located(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    claims = [
        {"value": 1, "evidence": {"start": 5, "end": 9}},
        {"value": 2, "evidence": {"start": 5, "end": 2}},
    ]
    path.write_text(json.dumps({"doc_id": "x", "claims": claims}) + "\n", encoding="utf-8")
    assert [p.located() for p in validate_predictions_file(path)[1]] == [
        f"{path}:1: /claims/1/evidence/end: 2 is before start 5"
    ]


def test_a_line_cut_short_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"doc_id": "x", "claims": []}\n{"doc_id": "y", "claims": [\n{"doc_id": "z"]}\n', "utf-8")
    assert [p.located() for p in validate_predictions_file(path)[1]] == [
        f"{path}:2: /: invalid JSON: Expecting value (column 28) (the text ends early: cut short?)",
        f"{path}:3: /: invalid JSON: Expecting ',' delimiter (column 15)",
    ]


def test_a_line_cut_inside_a_string_says_so(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"doc_id": "x", "claims": [{"metric": "net prof\n', "utf-8")
    [problem] = validate_predictions_file(path)[1]
    assert problem.located().endswith("(the text ends early: cut short?)")


def test_prediction_file_errors_are_located(tmp_path: Path) -> None:
    good = {"doc_id": "xinhua-shenzhen-industries-2024.en", "claims": [{"value": "1,73 million"}]}
    path = _write_lines(
        tmp_path / "preds.jsonl",
        [
            json.dumps(good),
            "{not json",
            json.dumps({"doc_id": "x", "claims": [{"value": 1, "vaule": 2}]}),
            json.dumps({"doc_id": "y", "claims": "none"}),
            '{"doc_id": "z", "claims": [{"value": NaN}]}',
            json.dumps(good),
            json.dumps({"doc_id": "unknown.fr", "claims": []}),
        ],
    )
    report = run_validate([path], ROOT / "gold")
    got = [(p.line, p.pointer) for p in report.problems]
    assert (2, "") in got
    assert (3, "/claims/0") in got
    assert (4, "/claims") in got
    assert (5, "/claims/0/value") in got  # NaN, located at its field
    assert (6, "/doc_id") in got  # duplicate document
    assert (7, "/doc_id") in got  # unknown doc_id
    assert 1 not in [line for line, _ in got]
    assert any("unknown field: 'vaule'" in p.message for p in report.problems)
    assert any("unknown doc_id 'unknown.fr'" in p.message for p in report.problems)
