"""The agreement study scores one annotation against another with the benchmark's own scorer."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from typer.testing import CliRunner

from bench.agreement import agreement, agreement_figures
from bench.cli import app
from bench.gold import GoldSet, load_gold
from bench.score import ScoreConfig

CONFIG = ScoreConfig(bootstrap=0)


def test_an_annotation_agrees_with_itself(seed_pair_dir: Path) -> None:
    gold = load_gold(seed_pair_dir)
    figures = agreement_figures(agreement(gold, gold, CONFIG))
    assert figures["pairs"] == 1
    assert all(v == 1.0 for row in figures["f1"].values() for v in row.values())


def test_disagreement_on_one_period_costs_exactly_that_field(seed_pair_dir: Path) -> None:
    gold = load_gold(seed_pair_dir)
    en = next(d for d in gold.documents if d.lang == "en")
    changed = dataclasses.replace(en.claims[0], period="2024")
    second = GoldSet(
        tuple(
            dataclasses.replace(d, claims=(changed, *d.claims[1:])) if d is en else d for d in gold.documents
        ),
        "second",
    )
    f1 = agreement_figures(agreement(gold, second, CONFIG))["f1"]
    # en gold has 3 non-null periods; one now wrong: TP 2, FP 1, FN 1 -> P = R = F1 = 2/3.
    # Claim exact: 3 of 4 pairs exact -> 0.75. Every other field, and fr, stay at 1.0.
    assert f1["period"]["en"] == 2 / 3
    assert f1["period"]["fr"] == 1.0
    assert f1["value"]["en"] == 1.0
    assert f1["claim_exact"]["en"] == 0.75


def test_agreement_cli_writes_figures(seed_pair_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "agreement.json"
    result = CliRunner().invoke(
        app, ["agreement", str(seed_pair_dir), "--first", str(seed_pair_dir), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["figures"]["f1"]["value"]["micro"] == 1.0


def test_agreement_cli_bad_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["agreement", str(tmp_path)])
    assert result.exit_code == 2
    assert "no gold files" in result.output
