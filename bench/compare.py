"""Two runs side by side: score deltas with paired bootstrap p-values, and the gold claims one got right and
the other did not. Pure (scored runs in, a Comparison out).

Rules:
- Both runs must have the same score signature (same gold documents and rules); ValueError otherwise,
  naming the parts that differ.
- Statistics: F1 of every field and claim-level measure per language, their macro over languages, and the
  headline; each tested with bench.bootstrap.paired_test (the score config's resamples and seed).
- A gold claim is *right* in a run when it is aligned and every field is right (correct, or null on both
  sides): the claim_exact rule. The claims listed are those right in exactly one of the two runs, in
  document then claim order, with both runs' error-analysis records (bench.details).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bench.leaderboard import signature_difference
from bench.results import RunInfo, ScoredRun
from bench.score import ROWS

RIGHT_VERDICTS = frozenset({"correct", "none"})


@dataclass(frozen=True)
class Delta:
    statistic: str
    a: float
    b: float
    p_value: float | None

    @property
    def difference(self) -> float:
        return self.b - self.a

    def to_json(self) -> dict[str, Any]:
        return {
            "statistic": self.statistic,
            "a": self.a,
            "b": self.b,
            "delta": self.difference,
            "p": self.p_value,
        }


@dataclass(frozen=True)
class ClaimDiff:
    """One gold claim right in one run and not in the other, with both runs' records."""

    doc_id: str
    lang: str
    gold_index: int
    gold: Mapping[str, Any]
    a: Mapping[str, Any]
    b: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "gold_index": self.gold_index,
            "gold": dict(self.gold),
            "a": dict(self.a),
            "b": dict(self.b),
        }


@dataclass(frozen=True)
class Comparison:
    a: RunInfo
    b: RunInfo
    signature: str
    deltas: tuple[Delta, ...]
    a_only: tuple[ClaimDiff, ...]
    """Right in A, wrong in B."""
    b_only: tuple[ClaimDiff, ...]
    """Right in B, wrong in A."""

    def to_json(self) -> dict[str, Any]:
        from bench import SCHEMA_VERSION

        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "claimbench.compare",
            "signature": self.signature,
            "a": {"runner": self.a.name, "version": self.a.version, "run": self.a.label},
            "b": {"runner": self.b.name, "version": self.b.version, "run": self.b.label},
            "deltas": [d.to_json() for d in self.deltas],
            "right_in_a_only": [c.to_json() for c in self.a_only],
            "right_in_b_only": [c.to_json() for c in self.b_only],
        }


def statistics_of(langs: tuple[str, ...]) -> list[str]:
    """The compared statistics, in display order."""
    return (
        [f"{lang}.{row}" for lang in langs for row in ROWS] + [f"macro.{row}" for row in ROWS] + ["headline"]
    )


def is_right(record: Mapping[str, Any]) -> bool:
    """The claim_exact rule on an error-analysis record of a gold claim."""
    return record.get("kind") == "aligned" and all(v in RIGHT_VERDICTS for v in record["verdicts"].values())


def gold_records(run: ScoredRun) -> Iterator[dict[str, Any]]:
    from bench.details import records

    return (r for r in records(run.evaluation) if r["kind"] != "spurious")


def compare(a: ScoredRun, b: ScoredRun) -> Comparison:
    """Compare run B with run A (see the module docstring)."""
    from bench.bootstrap import paired_test

    sa, sb = a.report.signature, b.report.signature
    if str(sa) != str(sb):
        raise ValueError(f"the runs are not comparable: {signature_difference(sb.parts(), sa.parts())}")
    cfg = a.report.config
    deltas = []
    for name in statistics_of(a.report.langs):
        if cfg.bootstrap:
            t = paired_test(a.evaluation, b.evaluation, name, n=cfg.bootstrap, seed=cfg.seed)
            deltas.append(Delta(name, t.a, t.b, t.p_value))
        else:
            t = paired_test(a.evaluation, b.evaluation, name, n=0, seed=cfg.seed)
            deltas.append(Delta(name, t.a, t.b, None))
    a_only: list[ClaimDiff] = []
    b_only: list[ClaimDiff] = []
    for ra, rb in zip(gold_records(a), gold_records(b), strict=True):
        ok_a, ok_b = is_right(ra), is_right(rb)
        if ok_a == ok_b:
            continue
        diff = ClaimDiff(ra["doc_id"], ra["lang"], ra["gold_index"], ra["gold"], ra, rb)
        (a_only if ok_a else b_only).append(diff)
    return Comparison(a.run, b.run, str(sa), tuple(deltas), tuple(a_only), tuple(b_only))
