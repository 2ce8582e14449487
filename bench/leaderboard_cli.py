"""What ``claimbench leaderboard``, ``compare`` and ``report`` do between parsing options and printing: load
the gold, find and score the runs (every user mistake becomes one BoardError line), and draw the compare
and report views as rich tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench.compare import ClaimDiff, Comparison
from bench.report import ErrorReport
from bench.results import ScoredRun
from bench.score import ScoreConfig


class BoardError(Exception):
    """A user mistake; str(e) is the one line to print."""


def load_scored(paths: Sequence[Path], gold: str | None, config: ScoreConfig) -> list[ScoredRun]:
    """Every run under ``paths`` scored on the gold (default: the bundled gold)."""
    from bench.gold import GoldError, load_gold
    from bench.jsonloc import InputError
    from bench.results import find_runs, score_runs

    try:
        gold_set = load_gold(gold)
    except GoldError as e:
        raise BoardError(f"{e.problems[0].located()} ({len(e.problems)} gold problems in all)") from None
    except (InputError, ValueError) as e:
        raise BoardError(e.located() if isinstance(e, InputError) else str(e)) from None
    try:
        return score_runs(find_runs(paths), gold_set, config)
    except InputError as e:
        raise BoardError(e.located()) from None


def load_one(path: Path, gold: str | None, config: ScoreConfig) -> ScoredRun:
    """A single run directory, scored."""
    from bench.runfiles import RUN_JSON

    if not (path / RUN_JSON).is_file():
        raise BoardError(f"{path}: not a run directory (no run.json)")
    scored = load_scored([path], gold, config)[0]
    reason = scored.stale_reason()
    if reason is not None:
        raise BoardError(f"{path}: {reason}")
    return scored


# ---- compare ----------------------------------------------------------------------------------------------


def _number(x: Any) -> str:
    """1.0 -> 1, 5600000000.0 -> 5600000000, 1.5 -> 1.5; strings (unnormalized predictions) as they are."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e18:
        return str(int(x))
    return str(x)


def _value(rec: Mapping[str, Any]) -> str:
    v, hi = rec.get("value"), rec.get("value_high")
    if v is None:
        return "-"
    return f"{_number(v)}-{_number(hi)}" if hi is not None else _number(v)


def claim_text(rec: Mapping[str, Any] | None) -> str:
    """One line for a gold or predicted claim: metric: value unit, period, yoy."""
    if not rec:
        return "(none)"
    yoy = rec.get("yoy_change")
    parts = [f"{rec.get('metric') or '-'}: {_value(rec)} {rec.get('unit') or ''}".rstrip()]
    parts.append(str(rec.get("period") or "-"))
    if yoy is not None:
        parts.append(f"yoy {_number(yoy)} {rec.get('yoy_unit') or ''}".rstrip())
    return ", ".join(parts)


def _side(rec: Mapping[str, Any]) -> str:
    if rec.get("kind") == "missed":
        return "missed"
    wrong = [f for f, v in rec["verdicts"].items() if v not in ("correct", "none")]
    cats = [c for c in rec.get("categories", []) if c not in wrong]
    text = claim_text(rec.get("prediction"))
    if not wrong:
        return text
    return f"{text}\n(wrong: {', '.join(wrong)}{'; ' + ', '.join(cats) if cats else ''})"


def _diff_table(title: str, diffs: Sequence[ClaimDiff], limit: int, a: str, b: str) -> Table:
    t = Table(title=f"{title}: {len(diffs)} claims", title_justify="left", show_lines=True)
    t.add_column("document")
    t.add_column("gold claim")
    t.add_column(a)
    t.add_column(b)
    for d in diffs[:limit]:
        t.add_row(Text(d.doc_id), Text(claim_text(d.gold)), Text(_side(d.a)), Text(_side(d.b)))
    if len(diffs) > limit:
        t.add_row(Text(f"... and {len(diffs) - limit} more (--limit)"), "", "", "")
    return t


def print_comparison(c: Comparison, console: Console, limit: int) -> None:
    a, b = f"A: {c.a.name} {c.a.version}", f"B: {c.b.name} {c.b.version}"
    console.print(a, markup=False, highlight=False)
    console.print(b, markup=False, highlight=False)
    t = Table(title="F1 of B minus A", title_justify="left")
    for h in ("statistic (F1)", "A", "B", "B - A", "p"):
        t.add_column(h, justify="left" if h.startswith("stat") else "right")
    for d in c.deltas:
        p = "-" if d.p_value is None else f"{d.p_value:.3f}" + (" *" if d.p_value < 0.05 else "")
        t.add_row(d.statistic, f"{d.a:.3f}", f"{d.b:.3f}", f"{d.difference:+.3f}", p)
    console.print(t)
    console.print("p: paired bootstrap over article pairs; * p < 0.05", highlight=False)
    console.print(_diff_table("right in A, wrong in B", c.a_only, limit, a, b))
    console.print(_diff_table("right in B, wrong in A", c.b_only, limit, a, b))
    console.print(f"signature: {c.signature}", soft_wrap=True, markup=False, highlight=False)


# ---- report -----------------------------------------------------------------------------------------------


def print_error_report(r: ErrorReport, console: Console) -> None:
    from bench.render import tag_table
    from bench.report import CATEGORIES

    console.print(f"run {r.run.label}: {r.run.name} {r.run.version}", markup=False, highlight=False)
    t = Table(title="errors per category", title_justify="left", min_width=40)
    t.add_column("category")
    for lang in r.langs:
        t.add_column(lang, justify="right")
    for cat in CATEGORIES:
        t.add_row(cat, *(str(r.categories[lang].get(cat, 0)) for lang in r.langs))
    console.print(t)
    console.print("(a claim can count in several categories)", highlight=False)
    labels = r.units.confused()
    if labels:
        idx = [r.units.labels.index(x) for x in labels]
        u = Table(
            title="unit confusion (rows: gold, columns: predicted; confused units only)", title_justify="left"
        )
        u.add_column("gold \\ pred")
        for x in labels:
            u.add_column(x, justify="right")
        for i, x in zip(idx, labels, strict=True):
            u.add_row(x, *(str(r.units.matrix[i][j]) or "" for j in idx))
        console.print(u)
    else:
        console.print("unit confusion: no aligned claim has a wrong unit", highlight=False)
    w = Table(title=f"worst {len(r.worst)} documents", title_justify="left")
    for h in ("document", "lang", "gold", "predicted", "fields F1", "exact F1", "errors"):
        w.add_column(h, justify="right" if h in ("gold", "predicted", "fields F1", "exact F1") else "left")
    for d in r.worst:
        errs = ", ".join(f"{c} {n}" for c, n in d.categories.items())
        w.add_row(
            Text(d.doc_id),
            d.lang,
            str(d.gold_claims),
            str(d.predicted_claims),
            f"{d.fields_f1:.3f}",
            f"{d.exact_f1:.3f}",
            Text(errs),
        )
    console.print(w)
    console.print(tag_table(r.scored.report))
    console.print(f"signature: {r.signature}", soft_wrap=True, markup=False, highlight=False)


def console_for_output() -> Console:
    """stdout, at least 120 columns wide when not a terminal (tables are read in logs)."""
    console = Console()
    if not console.is_terminal and console.width < 120:
        console = Console(width=160)
    return console
