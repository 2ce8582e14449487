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
    figures = agreement_figures(agreement(gold, second, CONFIG))
    f1 = figures["f1"]
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


def test_unscored_annotation_is_compared_on_aligned_claims(seed_pair_dir: Path) -> None:
    gold = load_gold(seed_pair_dir)
    en = next(d for d in gold.documents if d.lang == "en")
    # second annotator: claim 0 gets another qualifier and one tag fewer; one distractor dropped
    c0 = en.claims[0]
    changed = dataclasses.replace(c0, qualifier="approx", tags=c0.tags[1:])
    en2 = dataclasses.replace(en, claims=(changed, *en.claims[1:]), distractors=en.distractors[1:])
    second = GoldSet(tuple(en2 if d is en else d for d in gold.documents), "second")
    fig = agreement_figures(agreement(gold, second, CONFIG))
    assert fig["aligned_claims"] == 8
    assert fig["qualifier_agreement"] == 7 / 8
    assert fig["tags_identical"] == 7 / 8
    n = len(c0.tags)
    assert fig["tags_jaccard"] == (7 + (n - 1) / n) / 8
    total = sum(len(d.distractors) for d in gold.documents)
    assert fig["distractor_spans_jaccard"] == (total - 1) / total
