"""The leaderboard: scored runs -> ranked rows with intervals and significance groups. Pure (no I/O).

Rules:
- Comparable runs: only runs whose score signatures are equal (same gold documents, languages, splits,
  scoring rules, normalizer, bootstrap) are ranked together. The signature shared by the most runs is the
  leaderboard's (ties: the one scoring more documents, then the signature string). Every other run is
  excluded, with the signature parts that differ (``lang:en vs lang:en+fr``). A run made on another gold
  version than the one it is scored on is excluded too.
- Order: headline score (macro-F1 over fields and languages) descending; ties by runner name, then run
  directory name, so the order never depends on the order runs were found.
- Significance groups: each system is tested against the system ranked just above it (paired bootstrap on
  the headline, bench.bootstrap.paired_test, with the score config's resamples and seed). When p >= alpha
  the difference is not significant and it shares that system's group; otherwise its group is its own
  position. So groups read like ranks: "1", "1", "3". With bootstrap off (0 resamples) nothing is tested
  and every system is its own group.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.results import RunInfo, ScoredRun
from bench.score import ROWS, ScoreReport
from bench.types import FIELDS, Lang

ALPHA = 0.05
LEADERBOARD_SCHEMA_VERSION = "1.0.0"
FIELD_ROWS: tuple[str, ...] = FIELDS
CLAIM_ROWS: tuple[str, ...] = ("claim_located", "claim_exact")


@dataclass(frozen=True)
class Cell:
    """A score with its bootstrap interval (None when intervals are off)."""

    value: float
    low: float | None = None
    high: float | None = None

    def to_json(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Row:
    position: int
    group: int
    p_above: float | None
    """Paired bootstrap p-value of the headline difference with the system above (None for the first)."""
    run: RunInfo
    name: str
    """The name shown: the runner's, or the run directory's when two ranked runs share a runner."""
    headline: Cell
    per_lang: Mapping[Lang, Mapping[str, Cell]]  # language -> row of ROWS -> F1
    macro: Mapping[str, Cell]  # row of ROWS -> mean F1 over languages
    consistency: Mapping[str, float | None]  # field -> agreement rate (None: nothing compared)
    consistency_all: float | None  # agreements / comparisons, pooled over the fields
    invalid_rate: float
    runner_errors: int

    def to_json(self) -> dict[str, Any]:
        r = self.run
        return {
            "position": self.position,
            "group": self.group,
            "p_vs_above": self.p_above,
            "name": self.name,
            "runner": r.name,
            "version": r.version,
            "run": r.label,
            "config": r.config,
            "status": r.status,
            "headline": self.headline.to_json(),
            "per_lang": {
                lang: {row: c.to_json() for row, c in cells.items()} for lang, cells in self.per_lang.items()
            },
            "macro": {row: c.to_json() for row, c in self.macro.items()},
            "consistency": dict(self.consistency),
            "consistency_all": self.consistency_all,
            "invalid_rate": self.invalid_rate,
            "runner_errors": self.runner_errors,
            "failed_documents": r.failed,
            "unsupported_documents": r.unsupported,
            "total_s": r.total_s,
            "docs_per_s": r.docs_per_s,
        }


@dataclass(frozen=True)
class Excluded:
    run: RunInfo
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "runner": self.run.name,
            "version": self.run.version,
            "run": self.run.label,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Leaderboard:
    signature: str
    signature_parts: Mapping[str, str]
    langs: tuple[Lang, ...]
    documents: int
    rows: tuple[Row, ...]
    excluded: tuple[Excluded, ...]
    alpha: float = ALPHA

    def run_notes(self) -> list[str]:
        """What a reader must know about ranked runs: incomplete runs, unsupported languages."""
        lines = []
        for r in self.rows:
            if r.run.status != "complete":
                lines.append(
                    f"{r.name}: the run is {r.run.status}; documents not done count as empty predictions"
                )
            if r.run.unsupported:
                lines.append(
                    f"{r.name}: {r.run.unsupported} documents in a language the runner does not support "
                    "(scored as empty predictions)"
                )
        return lines

    @property
    def gold(self) -> str:
        """The gold version (content hash of the ranked documents)."""
        return self.signature_parts.get("gold", "")

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": LEADERBOARD_SCHEMA_VERSION,
            "kind": "claimbench.leaderboard",
            "signature": self.signature,
            "signature_parts": dict(self.signature_parts),
            "gold": self.gold,
            "langs": list(self.langs),
            "documents": self.documents,
            "headline": "macro_f1_fields_langs",
            "significance": {
                "test": "paired bootstrap on the headline, vs the system above",
                "alpha": self.alpha,
            },
            "rows": [r.to_json() for r in self.rows],
            "excluded": [e.to_json() for e in self.excluded],
        }


def cell(report: ScoreReport, key: str, value: float) -> Cell:
    iv = report.intervals.get(key)
    return Cell(value) if iv is None else Cell(value, iv.low, iv.high)


def signature_difference(theirs: Mapping[str, str], ours: Mapping[str, str]) -> str:
    """The parts that differ, as ``key:theirs vs key:ours`` joined by "; " (in signature order)."""
    keys = list(ours) + [k for k in theirs if k not in ours]
    diffs = [
        f"{k}:{theirs.get(k, '-')} vs {k}:{ours.get(k, '-')}" for k in keys if theirs.get(k) != ours.get(k)
    ]
    return "; ".join(diffs)


def stale(s: ScoredRun) -> bool:
    """The run's predictions were made on other texts (see bench.results)."""
    return s.stale_reason() is not None


def reference_signature(scored: Sequence[ScoredRun]) -> str | None:
    """The signature ranked: shared by the most runs (ties: more documents, then the string)."""
    usable = [s for s in scored if not stale(s)]
    if not usable:
        return None
    count = Counter(str(s.report.signature) for s in usable)
    docs = {str(s.report.signature): s.report.documents for s in usable}
    return min(count, key=lambda sig: (-count[sig], -docs[sig], sig))


def row_cells(report: ScoreReport) -> tuple[dict[Lang, dict[str, Cell]], dict[str, Cell]]:
    """F1 cells per language and row, and macro F1 cells per row."""
    per_lang = {
        lang: {row: cell(report, f"{lang}.{row}", report.counts[lang][i].f1) for i, row in enumerate(ROWS)}
        for lang in report.langs
    }
    macro = {row: cell(report, f"macro.{row}", report.macro(row)) for row in ROWS}
    return per_lang, macro


def _row(s: ScoredRun, position: int, group: int, p: float | None, name: str) -> Row:
    rep = s.report
    per_lang, macro = row_cells(rep)
    cons = {f: c.rate for f, c in rep.consistency.items()}
    total = sum(c.total for c in rep.consistency.values())
    agree = sum(c.agree for c in rep.consistency.values())
    return Row(
        position=position,
        group=group,
        p_above=p,
        run=s.run,
        name=name,
        headline=cell(rep, "headline", rep.headline),
        per_lang=per_lang,
        macro=macro,
        consistency=cons,
        consistency_all=agree / total if total else None,
        invalid_rate=rep.invalid.invalid_rate,
        runner_errors=rep.invalid.runner_errors,
    )


def groups(p_values: Sequence[float | None], alpha: float = ALPHA) -> list[int]:
    """Significance groups from each system's p-value against the one above (None: not tested)."""
    out: list[int] = []
    for i, p in enumerate(p_values):
        same = i > 0 and p is not None and p >= alpha
        out.append(out[-1] if same else i + 1)
    return out


def build(scored: Sequence[ScoredRun], alpha: float = ALPHA) -> Leaderboard:
    """Rank the comparable runs and list the others as excluded (see the module docstring)."""
    from bench.bootstrap import paired_test

    ref = reference_signature(scored)
    ranked: list[ScoredRun] = []
    excluded: list[Excluded] = []
    ref_parts: dict[str, str] = {}
    for s in scored:
        if str(s.report.signature) == ref:
            ref_parts = s.report.signature.parts()
    for s in scored:
        reason = s.stale_reason()
        if reason is not None:
            excluded.append(Excluded(s.run, reason))
        elif str(s.report.signature) != ref:
            reason = signature_difference(s.report.signature.parts(), ref_parts)
            if s.run.shard is not None:
                reason += f" (shard {s.run.shard} of the documents: join the shards with claimbench merge)"
            excluded.append(Excluded(s.run, reason))
        else:
            ranked.append(s)
    ranked.sort(key=lambda s: (-s.report.headline, s.run.name, s.run.label))
    p_values: list[float | None] = [None]
    for above, this in itertools.pairwise(ranked):
        cfg = this.report.config
        if cfg.bootstrap:
            t = paired_test(above.evaluation, this.evaluation, "headline", n=cfg.bootstrap, seed=cfg.seed)
            p_values.append(t.p_value)
        else:
            p_values.append(None)
    p_values = p_values[: len(ranked)]
    gs = groups(p_values, alpha)
    same = Counter(s.run.name for s in ranked)
    names = [s.run.name if same[s.run.name] == 1 else s.run.label for s in ranked]
    rows = tuple(
        _row(s, i + 1, g, p, n)
        for i, (s, g, p, n) in enumerate(zip(ranked, gs, p_values, names, strict=True))
    )
    first = ranked[0].report if ranked else None
    return Leaderboard(
        signature=ref or "",
        signature_parts=ref_parts,
        langs=first.langs if first else (),
        documents=first.documents if first else 0,
        rows=rows,
        excluded=tuple(sorted(excluded, key=lambda e: (e.run.name, e.run.label))),
        alpha=alpha,
    )
