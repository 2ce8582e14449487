"""The leaderboard as one self-contained static HTML page: no CDN, no network, opens from disk.

What it holds: the ranking table (sortable: click a column header; numbers sort best first, then the
order flips), language and field filters (hide columns and chart groups), one bar chart per language of
F1 per field with the 95% interval as whiskers (inline SVG), the excluded runs with their reasons, the
signature and the gold version. The leaderboard JSON is embedded too (``<script type=application/json
id=leaderboard-data>``) for anyone who wants the numbers.

Escaping rule: every string that comes from a run or a prediction goes through ``html.escape`` (quotes
included) before it reaches the page; the embedded JSON escapes ``<``, ``>`` and ``&`` as ``\\u003c`` etc.,
so neither ``</script>`` nor ``<!--`` can appear inside the script element. A runner named
``<script>alert(1)</script>`` shows as that text.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from bench.leaderboard import CLAIM_ROWS, FIELD_ROWS, Cell, Leaderboard, Row

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#555555")
"""Okabe-Ito colours (colour-blind safe), cycled over the systems."""
ROW_LABELS = {
    "metric": "metric",
    "value": "value",
    "unit": "unit",
    "period": "period",
    "yoy_change": "yoy",
    "claim_located": "located",
    "claim_exact": "exact",
}
DETAIL_ROWS = (*FIELD_ROWS, *CLAIM_ROWS)


def e(x: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape(str(x), quote=True)


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no "</", no "<!--", no raw non-ASCII line separators."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _num(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def _score_td(c: Cell, attrs: str = "") -> str:
    ci = "" if c.low is None or c.high is None else f'<span class="ci">[{c.low:.2f}-{c.high:.2f}]</span>'
    return f'<td class="num"{attrs} data-sort="{_num(c.value)}">{c.value:.3f}{ci}</td>'


def _plain_td(text: str, sort: str, cls: str = "num") -> str:
    return f'<td class="{cls}" data-sort="{e(sort)}">{e(text)}</td>'


def _header(board: Leaderboard) -> str:
    cells = [
        '<th data-type="num" data-dir="asc" title="significance group">rank</th>',
        '<th data-type="text">system</th>',
        '<th data-type="num" title="macro-F1 over fields and languages">headline F1</th>',
        '<th data-type="num" title="cross-lingual consistency, pooled over fields">consistency</th>',
        '<th data-type="num" data-dir="asc" title="invalid prediction lines">invalid</th>',
        '<th data-type="num" data-dir="asc">time (s)</th>',
        '<th data-type="num">docs/s</th>',
    ]
    for lang in board.langs:
        for row in DETAIL_ROWS:
            group = "claim" if row in CLAIM_ROWS else row
            cells.append(
                f'<th data-type="num" data-lang="{e(lang)}" data-field="{e(group)}">'
                f"{e(lang)} {e(ROW_LABELS[row])}</th>"
            )
    return "<tr>" + "".join(cells) + "</tr>"


def _body_row(board: Leaderboard, r: Row) -> str:
    run = r.run
    p = "" if r.p_above is None else f" (p = {r.p_above:.3f} vs above)"
    cells = [
        f'<td class="num" data-sort="{r.position}" title="position {r.position}{e(p)}">{r.group}</td>',
        f'<td class="system" data-sort="{e(r.name)}"><span class="name">{e(r.name)}</span> '
        f'<span class="version">{e(run.version)}</span><div class="run">{e(run.label)}</div></td>',
        _score_td(r.headline),
        _plain_td("-" if r.consistency_all is None else f"{r.consistency_all:.3f}", _num(r.consistency_all)),
        _plain_td(f"{r.invalid_rate:.1%}", _num(r.invalid_rate)),
        _plain_td("-" if run.total_s is None else f"{run.total_s:.1f}", _num(run.total_s)),
        _plain_td("-" if run.docs_per_s is None else f"{run.docs_per_s:.1f}", _num(run.docs_per_s)),
    ]
    for lang in board.langs:
        for row in DETAIL_ROWS:
            group = "claim" if row in CLAIM_ROWS else row
            attrs = f' data-lang="{e(lang)}" data-field="{e(group)}"'
            cells.append(_score_td(r.per_lang[lang][row], attrs))
    return f'<tr data-run="{e(run.label)}">' + "".join(cells) + "</tr>"


def _filters(board: Leaderboard) -> str:
    langs = "".join(
        f'<label><input type="checkbox" class="f-lang" value="{e(x)}" checked> {e(x)}</label>'
        for x in board.langs
    )
    groups = [*FIELD_ROWS, "claim"]
    labels = {**ROW_LABELS, "claim": "claim level (located, exact)"}
    fields = "".join(
        f'<label><input type="checkbox" class="f-field" value="{e(x)}" checked> {e(labels[x])}</label>'
        for x in groups
    )
    return f'<div id="filters"><span>Languages:</span>{langs}<span>Fields:</span>{fields}</div>'


def chart_svg(board: Leaderboard, lang: str) -> str:
    """Grouped bars: one group per field (and claim-level measure), one bar per system, CI whiskers."""
    n = max(1, len(board.rows))
    bar, gap, left, top, height = 14, 18, 40, 12, 180
    group_w = max(n * bar + gap, 64)
    width = left + len(DETAIL_ROWS) * group_w + 10
    total_h = top + height + 40

    def y(v: float) -> float:
        return top + height * (1 - min(max(v, 0.0), 1.0))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-lang="{e(lang)}" width="{width}" '
        f'height="{total_h}" viewBox="0 0 {width} {total_h}" role="img" aria-label="F1 per field, {e(lang)}">'
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        ty = y(tick)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 4}" y="{ty + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for gi, row in enumerate(DETAIL_ROWS):
        group = "claim" if row in CLAIM_ROWS else row
        x0 = left + gi * group_w + (group_w - n * bar) / 2
        parts.append(f'<g data-field="{e(group)}">')
        for si, r in enumerate(board.rows):
            c = r.per_lang[lang][row]  # type: ignore[index]
            x = x0 + si * bar
            colour = PALETTE[si % len(PALETTE)]
            ci = "" if c.low is None or c.high is None else f" [{c.low:.3f}-{c.high:.3f}]"
            tip = f"{r.name} {r.run.version}, {lang} {ROW_LABELS[row]}: {c.value:.3f}{ci}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y(c.value):.1f}" width="{bar - 2}" '
                f'height="{top + height - y(c.value):.1f}" fill="{colour}"><title>{e(tip)}</title></rect>'
            )
            if c.low is not None and c.high is not None:
                cx = x + (bar - 2) / 2
                y1, y2 = y(c.low), y(c.high)
                parts.append(
                    f'<path class="whisker" d="M{cx:.1f} {y1:.1f}V{y2:.1f}'
                    f'M{cx - 3:.1f} {y1:.1f}h6M{cx - 3:.1f} {y2:.1f}h6"/>'
                )
        label_x = left + gi * group_w + group_w / 2
        parts.append(
            f'<text class="label" x="{label_x:.1f}" y="{top + height + 16}" text-anchor="middle">'
            f"{e(ROW_LABELS[row])}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend(board: Leaderboard) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}"></span>'
        f"{e(r.name)} {e(r.run.version)}</li>"
        for i, r in enumerate(board.rows)
    )
    return f'<ul class="legend">{items}</ul>'


def _notes(board: Leaderboard) -> str:
    items = "".join(f"<li>{e(n)}</li>" for n in board.run_notes())
    return f'<ul id="notes">{items}</ul>' if items else ""


def _excluded(board: Leaderboard) -> str:
    if not board.excluded:
        return "<p>None: every run shares the signature below.</p>"
    rows = "".join(
        f"<tr><td>{e(x.run.name)}</td><td>{e(x.run.version)}</td><td>{e(x.run.label)}</td><td>{e(x.reason)}</td></tr>"
        for x in board.excluded
    )
    return (
        '<table id="excluded"><thead><tr><th>runner</th><th>version</th><th>run</th>'
        f"<th>signature differs</th></tr></thead><tbody>{rows}</tbody></table>"
    )


STYLE = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#555;margin:0 0 12px}code{font-size:12px;background:#f4f4f4;padding:1px 4px;word-break:break-all}
#filters{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin:10px 0}
#filters span{font-weight:600}.wrap{overflow-x:auto}
table{border-collapse:collapse}th,td{padding:4px 7px;border-bottom:1px solid #e2e2e2;vertical-align:top}
#board th{cursor:pointer;user-select:none;background:#f7f7f7;font-weight:600;white-space:nowrap;
  font-size:12px}
#board th[aria-sort=ascending]::after{content:" \\25B2"}
#board th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.ci{display:block;color:#777;font-size:11px}.version,.run{display:block;color:#777;font-size:11px}
td.system{white-space:nowrap}
.hidden{display:none}.charts{display:flex;flex-wrap:wrap;gap:20px}
.chart .grid{stroke:#e5e5e5}.chart .tick,.chart .label{font-size:11px;fill:#444}
.chart .whisker{stroke:#222;stroke-width:1.2;fill:none}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.swatch{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
"""

SCRIPT = """
(function () {
  var table = document.getElementById("board");
  var heads = table.tHead.rows[0].cells;
  function key(row, i, numeric) {
    var v = row.cells[i].getAttribute("data-sort");
    if (!numeric) return v;
    return v === "" ? NaN : parseFloat(v);
  }
  function sortBy(i) {
    var th = heads[i], numeric = th.getAttribute("data-type") === "num";
    var first = numeric && th.getAttribute("data-dir") !== "asc" ? "descending" : "ascending";
    var cur = th.getAttribute("aria-sort");
    var dir = cur ? (cur === "ascending" ? "descending" : "ascending") : first;
    var sign = dir === "ascending" ? 1 : -1;
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, numeric), y = key(b, i, numeric);
      if (numeric) {
        if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y);
        return sign * (x - y) || (a.rowIndex - b.rowIndex);
      }
      return sign * x.localeCompare(y) || (a.rowIndex - b.rowIndex);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
  }
  for (var i = 0; i < heads.length; i++) {
    heads[i].addEventListener("click", sortBy.bind(null, i));
  }
  function checked(cls) {
    var out = {};
    document.querySelectorAll("input." + cls).forEach(function (b) { out[b.value] = b.checked; });
    return out;
  }
  function applyFilters() {
    var langs = checked("f-lang"), fields = checked("f-field");
    document.querySelectorAll("[data-lang], [data-field]").forEach(function (el) {
      if (el.tagName === "INPUT") return;
      var l = el.getAttribute("data-lang"), f = el.getAttribute("data-field");
      var hide = (l !== null && langs[l] === false) || (f !== null && fields[f] === false);
      el.classList.toggle("hidden", hide);
    });
  }
  document.querySelectorAll("#filters input").forEach(function (b) {
    b.addEventListener("change", applyFilters);
  });
})();
"""


def to_html(board: Leaderboard) -> str:
    """The page (see the module docstring)."""
    head = _header(board)
    body = "".join(_body_row(board, r) for r in board.rows)
    charts = "".join(
        f'<figure data-lang="{e(lang)}"><figcaption>F1 per field, {e(lang)} (95% CI whiskers)</figcaption>'
        f"{chart_svg(board, lang)}</figure>"
        for lang in board.langs
    )
    langs = ", ".join(board.langs) or "none"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimbench leaderboard</title>
<style>{STYLE}</style>
</head>
<body>
<h1>claimbench leaderboard</h1>
<p class="meta">gold version <code id="gold">{e(board.gold)}</code> &middot; {board.documents} documents
&middot; languages {e(langs)} &middot; rank = significance group (paired bootstrap on the headline,
p &ge; {board.alpha:g} shares the group of the system above)</p>
{_filters(board)}
<div class="wrap"><table id="board"><thead>{head}</thead><tbody>{body}</tbody></table></div>
{_notes(board)}
<h2>F1 per field</h2>
{_legend(board)}
<div class="charts">{charts}</div>
<h2>Excluded runs</h2>
{_excluded(board)}
<h2>Signature</h2>
<p><code id="signature">{e(board.signature)}</code></p>
<script type="application/json" id="leaderboard-data">{script_json(board.to_json())}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
