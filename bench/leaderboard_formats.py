"""A Leaderboard as text: a rich table, Markdown, CSV or JSON (the HTML page is bench.html).

Every format shows the same three views: the ranking (group, system, headline with its 95% interval,
claim-level F1, cross-lingual consistency, invalid predictions, run cost), then per language the F1 of
each field and of the claim-level measures with intervals; then the excluded runs and the signature.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from bench.leaderboard import CLAIM_ROWS, FIELD_ROWS, Cell, Leaderboard, Row

FORMATS = ("table", "md", "csv", "json", "html")
DETAIL_ROWS = (*FIELD_ROWS, *CLAIM_ROWS)


def fmt_cell(c: Cell) -> str:
    """``0.512 [0.45-0.57]``, or ``0.512`` without an interval."""
    if c.low is None or c.high is None:
        return f"{c.value:.3f}"
    return f"{c.value:.3f} [{c.low:.2f}-{c.high:.2f}]"


def fmt_opt(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def ranking_header() -> list[str]:
    return [
        "rank",
        "system",
        "version",
        "headline F1 [95% CI]",
        "claim located F1",
        "claim exact F1",
        "consistency",
        "invalid",
        "failed docs",
        "time (s)",
        "docs/s",
    ]


def ranking_cells(row: Row) -> list[str]:
    return [
        str(row.group),
        row.name,
        row.run.version,
        fmt_cell(row.headline),
        fmt_cell(row.macro["claim_located"]),
        fmt_cell(row.macro["claim_exact"]),
        fmt_opt(row.consistency_all),
        f"{row.invalid_rate:.1%}",
        str(row.run.failed),
        fmt_opt(row.run.total_s, ".1f"),
        fmt_opt(row.run.docs_per_s, ".1f"),
    ]


def lang_header() -> list[str]:
    return ["system", *DETAIL_ROWS]


def lang_cells(row: Row, lang: str) -> list[str]:
    cells = row.per_lang.get(lang)  # type: ignore[call-overload]
    return [row.name, *(fmt_cell(cells[r]) if cells else "-" for r in DETAIL_ROWS)]


def notes(board: Leaderboard) -> list[str]:
    lines = [
        "Rank = significance group: a system whose headline is not significantly different from the one "
        f"above (paired bootstrap, p >= {board.alpha:g}) shares its group. Headline = macro-F1 over the 5 "
        f"fields and {len(board.langs)} languages; claim-level F1 and intervals are macro over languages.",
    ]
    lines += board.run_notes()
    for e in board.excluded:
        lines.append(f"excluded: {e.run.name} {e.run.version} ({e.run.label}): {e.reason}")
    if not board.rows:
        lines.append("no run ranked: every run was excluded")
    lines.append(f"signature: {board.signature or '-'}")
    return lines


# ---- Markdown ---------------------------------------------------------------------------------------------


def _md_escape(s: str) -> str:
    """A string safe in one Markdown table cell: no pipes, no HTML, no line breaks."""
    flat = " ".join(s.split()) if any(c in s for c in "\r\n\t") else s
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1) -> list[str]:
    align = ["---" if i < right_from else "--:" for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in rows]
    return out


def to_markdown(board: Leaderboard) -> str:
    lines = [f"**Ranking** ({board.documents} documents, gold {board.gold})", ""]
    lines += _md_table(ranking_header(), [ranking_cells(r) for r in board.rows], right_from=3)
    for lang in board.langs:
        lines += ["", f"**F1 per field, {lang}** (95% CI)", ""]
        lines += _md_table(lang_header(), [lang_cells(r, lang) for r in board.rows])
    for n in notes(board):
        lines += ["", f"`{n}`" if n.startswith("signature") else _md_escape(n)]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


# ---- CSV and JSON -----------------------------------------------------------------------------------------


def _num(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def to_csv(board: Leaderboard) -> str:
    """One line per ranked run (then one per excluded run, with its reason), every score with its interval."""
    cols = ["rank", "position", "p_vs_above", "runner", "version", "run", "headline"]
    keys: list[tuple[str, Callable[[Row], Cell]]] = [("headline", lambda r: r.headline)]
    for lang in board.langs:
        for row in DETAIL_ROWS:
            keys.append((f"{lang}.{row}", lambda r, lang=lang, row=row: r.per_lang[lang][row]))  # type: ignore[misc]
    for row in CLAIM_ROWS:
        keys.append((f"macro.{row}", lambda r, row=row: r.macro[row]))  # type: ignore[misc]
    header = cols[:-1]
    for name, _ in keys:
        header += [name, f"{name}_low", f"{name}_high"]
    header += ["consistency", "invalid_rate", "runner_errors", "total_s", "docs_per_s", "excluded_reason"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in board.rows:
        line = [str(r.group), str(r.position), _num(r.p_above), r.run.name, r.run.version, r.run.label]
        for _, get in keys:
            c = get(r)
            line += [_num(c.value), _num(c.low), _num(c.high)]
        line += [
            _num(r.consistency_all),
            _num(r.invalid_rate),
            str(r.runner_errors),
            _num(r.run.total_s),
            _num(r.run.docs_per_s),
            "",
        ]
        w.writerow(line)
    for e in board.excluded:
        blank = [""] * (len(header) - 6 - 1)
        w.writerow(["", "", "", e.run.name, e.run.version, e.run.label, *blank, e.reason])
    return buf.getvalue()


def to_json_text(board: Leaderboard) -> str:
    return json.dumps(board.to_json(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


# ---- rich -------------------------------------------------------------------------------------------------


def render_table(board: Leaderboard) -> list[object]:
    """Rich renderables: the ranking, one table per language, then the notes (plain text, no markup)."""
    from rich.table import Table
    from rich.text import Text

    out: list[object] = []
    t = Table(title=f"claimbench leaderboard ({board.documents} documents)", title_justify="left")
    for i, h in enumerate(ranking_header()):
        t.add_column(h, justify="left" if i < 3 else "right", no_wrap=True)
    for r in board.rows:
        t.add_row(*(Text(c) for c in ranking_cells(r)))
    out.append(t)
    for lang in board.langs:
        lt = Table(title=f"F1 per field, {lang} (95% CI)", title_justify="left")
        for i, h in enumerate(lang_header()):
            lt.add_column(h, justify="left" if i == 0 else "right", no_wrap=True)
        for r in board.rows:
            lt.add_row(*(Text(c) for c in lang_cells(r, lang)))
        out.append(lt)
    out += [Text(n) for n in notes(board)]
    return out


def render(board: Leaderboard, fmt: str) -> str:
    """The leaderboard in one of FORMATS, as a string (``table`` is rendered 160 columns wide)."""
    if fmt == "md":
        return to_markdown(board)
    if fmt == "csv":
        return to_csv(board)
    if fmt == "json":
        return to_json_text(board)
    if fmt == "html":
        from bench.html import to_html

        return to_html(board)
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        console = Console(width=160, record=True, file=io.StringIO(), color_system=None)
        for part in render_table(board):
            console.print(part, soft_wrap=not isinstance(part, Table))
        return console.export_text()
    raise ValueError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
