"""The signature string itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gold import load_gold
from bench.score import ScoreConfig, score
from bench.signature import fmt_number


@pytest.mark.parametrize(
    ("x", "s"),
    [(1e-6, "1e-6"), (1e-5, "1e-5"), (0.5, "0.5"), (0.25, "0.25"), (1000.0, "1000"), (1.5e-7, "1.5e-7")],
)
def test_fmt_number(x: float, s: str) -> None:
    assert fmt_number(x) == s


def test_default_signature(seed_pair_dir: Path) -> None:
    gold = load_gold(seed_pair_dir)
    r = score(gold, [], ScoreConfig())
    assert str(r.signature) == (
        f"claimbench:0.1.0|schema:1.0.0|gold:{gold.content_hash}|lang:en+fr|split:test|align:hungarian-min2|"
        "value:rtol1e-6|yoy:atol1e-6|metric:tokf1-0.5|norm:on-v4|boot:1000-12345"
    )
    assert len(gold.content_hash) == 12
    assert r.to_json()["signature"] == str(r.signature)
    assert r.to_json()["signature_parts"]["align"] == "hungarian-min2"


def test_signature_names_every_knob(seed_pair_dir: Path) -> None:
    gold = load_gold(seed_pair_dir).select(["fr"])
    cfg = ScoreConfig(
        min_agree=3, value_rtol=1e-4, yoy_atol=0.05, metric_threshold=0.6, strict=True, bootstrap=0, seed=1
    )
    sig = str(score(gold, [], cfg).signature)
    assert sig == (
        f"claimbench:0.1.0|schema:1.0.0|gold:{gold.content_hash}|lang:fr|split:test|align:hungarian-min3|"
        "value:rtol0.0001|yoy:atol0.05|metric:tokf1-0.6|norm:off|boot:off"
    )
    ninety = str(score(gold, [], ScoreConfig(bootstrap=50, seed=7, confidence=0.9)).signature)
    assert ninety.endswith("|boot:50-7-ci90")  # the intervals' level, when it is not the default 95%


def test_gold_hash_changes_with_the_gold(seed_pair_dir: Path) -> None:
    a = load_gold(seed_pair_dir)
    b = a.select(["en"])
    assert (
        score(a, [], ScoreConfig(bootstrap=0)).signature.gold
        != score(b, [], ScoreConfig(bootstrap=0)).signature.gold
    )


def test_bad_config_is_refused() -> None:
    for kw in (
        {"min_agree": 0},
        {"metric_threshold": 1.5},
        {"value_rtol": -1.0},
        {"bootstrap": -1},
        {"confidence": 1.0},
    ):
        with pytest.raises(ValueError):
            ScoreConfig(**kw)  # type: ignore[arg-type]
