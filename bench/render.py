"""Rendering a ScoreReport for people: rich tables (fields x languages with intervals, per subset, per
tag), the headline and the signature under them. Stable API for the run/evaluate commands:
``render_report(report, console)`` prints everything; ``main_table`` etc. return the tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from bench.counts import Counts
from bench.score import ROWS, ScoreReport
from bench.types import Lang

MIN_WIDTH = 120


def _cell(value: float, interval: tuple[float, float] | None = None) -> str:
    if interval is None:
        return f"{value:.3f}"
    return f"{value:.3f} [{interval[0]:.2f}-{interval[1]:.2f}]"


def _maybe(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main_table(report: ScoreReport) -> Table:
    """Rows: the five fields and the two claim-level measures; columns: F1 per language, micro, macro,
    each with its bootstrap interval when there is one."""
    t = Table(title=f"claimbench F1 ({report.documents} documents)", title_justify="left")
    t.add_column("row")
    cols: list[str] = [*report.langs, "micro", "macro"]
    for c in cols:
        t.add_column(c, justify="right", no_wrap=True)
    micro = report.micro()
    for i, row in enumerate(ROWS):
        cells = []
        for c in cols:
            if c == "micro":
                v = micro[i].f1
            elif c == "macro":
                v = report.macro(row)
            else:
                v = report.counts[c][i].f1  # type: ignore[index]
            iv = report.intervals.get(f"{c}.{row}")
            cells.append(_cell(v, None if iv is None else (iv.low, iv.high)))
        t.add_row(row, *cells, end_section=row == "yoy_change")
    soft = [_maybe(report.metric_soft[lang]) for lang in report.langs]
    t.add_row("metric soft (mean token F1)", *soft, "", "")
    return t


def _lang_cells(by: Mapping[Lang, Sequence[Counts]], langs: Sequence[Lang], row: int) -> list[str]:
    return [f"{by[lang][row].f1:.3f}" if lang in by else "-" for lang in langs]


def subset_table(report: ScoreReport) -> Table:
    """Per subset (news, challenge): macro-F1 over the fields, and claim-exact F1, per language."""
    t = Table(title="per subset", title_justify="left")
    t.add_column("subset")
    for lang in report.langs:
        t.add_column(f"{lang} fields F1", justify="right")
        t.add_column(f"{lang} exact F1", justify="right")
    exact = ROWS.index("claim_exact")
    for subset, by in sorted(report.per_subset.items()):
        cells = []
        for lang in report.langs:
            if lang in by:
                fields = sum(c.f1 for c in by[lang][:5]) / 5
                cells += [f"{fields:.3f}", f"{by[lang][exact].f1:.3f}"]
            else:
                cells += ["-", "-"]
        t.add_row(subset, *cells)
    return t


def tag_table(report: ScoreReport) -> Table:
    """Per tag (phenomenon), per language: gold claims, and the recall of located claims, values and
    periods (a prediction cannot be attributed to a tag, so there is no precision per tag; "-" where the
    tagged claims have nothing to find)."""
    t = Table(
        title="per tag (recall over the gold claims with the tag; no precision per tag)", title_justify="left"
    )
    t.add_column("tag", no_wrap=True)
    rows = {name: ROWS.index(name) for name in ("claim_located", "value", "period")}
    for lang in report.langs:
        t.add_column(f"{lang} claims", justify="right")
        for name in ("located", "value", "period"):
            t.add_column(f"{lang} {name}", justify="right")
    for tag, by in sorted(report.per_tag.items()):
        cells = []
        for lang in report.langs:
            if lang not in by:
                cells += ["-"] * 4
                continue
            counts = [by[lang][i] for i in rows.values()]
            cells.append(str(counts[0].tp + counts[0].fn))
            cells += ["-" if c.found_share is None else f"{c.found_share:.3f}" for c in counts]
        t.add_row(tag, *cells)
    return t


def summary_text(report: ScoreReport) -> Text:
    """Headline, consistency and invalid predictions."""
    inv = report.invalid
    hl = report.intervals.get("headline")
    lines = [
        f"headline (macro-F1 over 5 fields x {len(report.langs)} languages): "
        + _cell(report.headline, None if hl is None else (hl.low, hl.high)),
        f"cross-lingual consistency (EN/FR agreement over {_facts(report)} facts): "
        + "\n  "
        + ", ".join(f"{f} {_maybe(c.rate)}" for f, c in report.consistency.items()),
        f"invalid prediction lines: {inv.invalid_lines}/{inv.lines} ({inv.invalid_rate:.1%}); "
        f"unreadable claims: {inv.unreadable_claims}/{inv.predicted_claims}; runner errors: "
        f"{inv.runner_errors}; documents without prediction: {inv.documents_without_prediction}",
    ]
    return Text("\n".join(lines))


def _facts(report: ScoreReport) -> int:
    return max((c.total for c in report.consistency.values()), default=0)


def signature_line(report: ScoreReport) -> str:
    return f"signature: {report.signature}"


def render(report: ScoreReport, *, details: bool = True) -> RenderableType:
    """The tables as one renderable: main table, summary, then (details) per subset and per tag."""
    parts: list[RenderableType] = [main_table(report), summary_text(report)]
    if details:
        parts += [subset_table(report), tag_table(report)]
    return Group(*parts)


def render_report(report: ScoreReport, console: Console | None = None, *, details: bool = True) -> None:
    """Print the report (stable API). Without a console: stdout, at least 120 columns wide when it is
    not a terminal (tables are read in logs and CI output, where 80 columns would wrap them)."""
    if console is None:
        console = Console()
        if not console.is_terminal and console.width < MIN_WIDTH:
            console = Console(width=MIN_WIDTH)
    console.print(main_table(report))
    console.print(summary_text(report))
    _print_signature(console, report)
    if details:
        console.print(subset_table(report))
        console.print(tag_table(report))
        _print_signature(console, report)


def _print_signature(console: Console, report: ScoreReport) -> None:
    """The signature on one line, never wrapped or cropped (it is copied and compared as a whole)."""
    console.print(signature_line(report), soft_wrap=True, markup=False, highlight=False)
