"""Leaderboard, compare and report: ranking and significance groups on constructed cases, exclusion by
signature, every output format, the CLI commands and their error paths, and HTML escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bench.cli import app
from bench.compare import compare, is_right
from bench.gold import GoldSet
from bench.html import script_json, to_html
from bench.jsonloc import InputError
from bench.leaderboard import build, groups, signature_difference
from bench.leaderboard_formats import FORMATS, render
from bench.report import CATEGORIES, error_report, unit_confusion
from bench.results import ScoredRun, find_runs
from bench.score import ScoreConfig
from tests.leaderboard_cases import perfect, run_info, scored, small_gold, weakened, write_small_gold

cli = CliRunner()
EVIL = "<script>alert(1)</script>"


# ---- pure rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p_values", "expected"),
    [
        ([None], [1]),
        ([None, 0.5, 0.01, 0.2], [1, 1, 3, 3]),
        ([None, 0.049], [1, 2]),
        ([None, 0.05], [1, 1]),  # p >= alpha: not significant, same group
        ([None, 1.0, 1.0], [1, 1, 1]),
        ([None, None, None], [1, 2, 3]),  # bootstrap off: nothing tested
        ([], []),
    ],
)
def test_groups(p_values: list[float | None], expected: list[int]) -> None:
    assert groups(p_values) == expected


def test_signature_difference_names_only_the_differing_parts() -> None:
    ours = {"gold": "aaa", "lang": "en+fr", "split": "test", "boot": "1000-1"}
    theirs = {"gold": "bbb", "lang": "en", "split": "test", "boot": "1000-1"}
    assert signature_difference(theirs, ours) == "gold:bbb vs gold:aaa; lang:en vs lang:en+fr"
    assert signature_difference(ours, ours) == ""


@dataclass(frozen=True)
class Cases:
    gold: GoldSet
    perfect: ScoredRun
    weak_a: ScoredRun
    weak_b: ScoredRun


@pytest.fixture(scope="module")
def cases() -> Cases:
    """A perfect run, and two runs with the same weakened predictions."""
    gold = small_gold()
    best = perfect(gold.documents)
    weak = weakened(best)
    return Cases(
        gold,
        scored(run_info("perfect", 50.0), gold, best),
        scored(run_info("weak-a", 20.0), gold, weak),
        scored(run_info("weak-b", 10.0), gold, weak),
    )


def test_rank_groups_hand_checked(cases: Cases) -> None:
    """Two identical prediction sets share a group (p = 1); a much better one is alone in group 1."""
    board = build([cases.weak_b, cases.perfect, cases.weak_a])
    assert [(r.name, r.position, r.group) for r in board.rows] == [
        ("perfect", 1, 1),
        ("weak-a", 2, 2),  # equal headlines: runner name breaks the tie
        ("weak-b", 3, 2),
    ]
    assert board.rows[0].p_above is None
    assert board.rows[1].p_above is not None and board.rows[1].p_above < 0.05
    assert board.rows[2].p_above == 1.0
    assert board.rows[0].headline.value == 1.0
    assert board.rows[1].headline.value == board.rows[2].headline.value < 0.8
    assert board.excluded == ()


def test_order_of_runs_does_not_matter(cases: Cases) -> None:
    runs = [cases.perfect, cases.weak_a, cases.weak_b]
    one = render(build(runs), "json")
    two = render(build(runs[::-1]), "json")
    assert one == two


def test_different_bootstrap_config_is_excluded_with_the_boot_part(cases: Cases) -> None:
    gold = cases.gold
    other = scored(run_info("other"), gold, perfect(gold.documents), ScoreConfig(bootstrap=200))
    board = build([cases.perfect, cases.weak_a, other])
    assert [r.name for r in board.rows] == ["perfect", "weak-a"]
    assert [(x.run.name, x.reason) for x in board.excluded] == [
        ("other", "boot:200-12345 vs boot:1000-12345")
    ]
    shard = replace(other, run=replace(other.run, name="part", shard="1/3"))
    (excluded,) = build([cases.perfect, cases.weak_a, shard]).excluded
    assert excluded.reason.endswith("(shard 1/3 of the documents: join the shards with claimbench merge)")


def test_run_made_on_other_texts_or_documents_is_excluded(cases: Cases) -> None:
    n = len(cases.weak_a.evaluation.docs)
    changed = replace(cases.weak_a, run=replace(cases.weak_a.run, name="changed"), texts_changed=3)
    elsewhere = replace(cases.weak_b, run=replace(cases.weak_b.run, name="elsewhere"), documents_covered=0)
    relabelled = replace(cases.perfect, run=replace(cases.perfect.run, run_gold="0123456789ab"))
    board = build([relabelled, changed, elsewhere])
    assert [r.name for r in board.rows] == ["perfect"]  # annotations changed, texts did not: re-scored
    assert [(x.run.name, x.reason) for x in board.excluded] == [
        (
            "changed",
            f"made on other texts: 3 of its {n} documents have changed since "
            "(their doc_hash differs): rerun it",
        ),
        (
            "elsewhere",
            f"made on other documents: none of the {n} gold documents it is scored on has a prediction",
        ),
    ]


def test_docs_per_second_from_run_json() -> None:
    assert run_info("x", docs_per_s=4.0, processed=8).docs_per_s == 4.0
    info = run_info("x")
    assert replace(info, total_s=0.0).docs_per_s is None
    assert replace(info, processed=0).docs_per_s is None


def test_compare_pure(cases: Cases) -> None:
    c = compare(cases.perfect, cases.weak_a)
    head = next(d for d in c.deltas if d.statistic == "headline")
    assert head.a == 1.0 and head.difference < 0 and head.p_value is not None and head.p_value < 0.05
    assert c.b_only == ()  # the perfect run is right on every claim
    gold = cases.gold
    n_claims = sum(len(d.claims) for d in gold.documents)
    exact_tp = sum(cases.weak_a.report.counts[lang][-1].tp for lang in ("en", "fr"))
    assert len(c.a_only) == n_claims - exact_tp  # every claim weak-a gets wrong
    assert all(is_right(x.a) and not is_right(x.b) for x in c.a_only)
    same = compare(cases.weak_a, cases.weak_b)
    assert all(d.difference == 0 and d.p_value == 1.0 for d in same.deltas)
    assert same.a_only == same.b_only == ()


def test_compare_refuses_different_signatures(cases: Cases) -> None:
    gold = cases.gold
    other = scored(run_info("o"), gold, perfect(gold.documents), ScoreConfig(bootstrap=10))
    with pytest.raises(ValueError, match="not comparable: boot:10-12345 vs boot:1000-12345"):
        compare(cases.perfect, other)


def test_unit_confusion_hand_computed() -> None:
    u = unit_confusion([("CNY", "CNY"), ("CNY", "USD"), ("percent", "(none)"), ("CNY", "CNY")])
    assert u.labels == ("(none)", "CNY", "USD", "percent")
    assert u.matrix == ((0, 0, 0, 0), (0, 2, 1, 0), (0, 0, 0, 0), (1, 0, 0, 0))
    assert u.confused() == ("(none)", "CNY", "USD", "percent")
    assert unit_confusion([]).labels == ()


def test_error_report_counts_match_the_scores(cases: Cases) -> None:
    s = cases.weak_a
    r = error_report(s, worst=3)
    for lang in r.langs:
        located = s.report.counts[lang][-2]
        assert r.categories[lang]["missed"] == located.fn
        assert r.categories[lang]["spurious"] == located.fp
        assert set(r.categories[lang]) == set(CATEGORIES)
    assert len(r.worst) == 3
    assert [w.fields_f1 for w in r.worst] == sorted(w.fields_f1 for w in r.worst)
    diag = sum(r.units.matrix[i][i] for i in range(len(r.units.labels)))
    assert diag > 0
    perfect_report = error_report(cases.perfect)
    assert all(n == 0 for c in perfect_report.categories.values() for n in c.values())
    assert perfect_report.units.confused() == ()


# ---- escaping ---------------------------------------------------------------------------------------------


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"name": "</script><!-- x --> & </SCRIPT>"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == {"name": "</script><!-- x --> & </SCRIPT>"}


def test_html_escapes_every_run_string(cases: Cases) -> None:
    evil = cases.weak_a
    run = replace(evil.run, name=EVIL, version='"><img src=x onerror=alert(2)>', config={"k": EVIL})
    page = to_html(build([cases.perfect, replace(evil, run=run)]))
    assert EVIL not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 2 and page.count("</script>") == 2  # the data and the code, nothing else
    assert "<!--" not in page
    assert re.search(r"https?://", page.replace("http://www.w3.org/2000/svg", "")) is None  # no network


def test_markdown_keeps_one_row_per_run_whatever_its_name(cases: Cases) -> None:
    odd = replace(cases.weak_a, run=replace(cases.weak_a.run, name="two\nlines | piped"))
    md = render(build([cases.perfect, odd]), "md")
    row = next(line for line in md.splitlines() if "two lines" in line)
    assert "two lines \\| piped" in row and row.startswith("| ") and row.endswith(" |")


# ---- run directories and the CLI --------------------------------------------------------------------------


def _ok(args: list[str]) -> str:
    r = cli.invoke(app, args)
    assert r.exit_code == 0, r.output
    return r.output


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three runs in one folder: the baseline, a file runner serving weaker predictions (the baseline's,
    weakened deterministically), and the baseline on English only (another signature)."""
    root = tmp_path_factory.mktemp("lb")
    gold = write_small_gold(root / "gold")
    runs = root / "runs"
    _ok(["run", "baseline", "--gold", str(gold), "--out", str(runs), "--no-progress"])
    (base,) = sorted(runs.iterdir())
    weak_lines = []
    for line in (base / "predictions.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec["claims"] = rec["claims"][::3]
        weak_lines.append(json.dumps(rec))
    weak = root / "weak.jsonl"
    weak.write_text("\n".join(weak_lines) + "\n", encoding="utf-8")
    _ok(["run", "file", "--set", f"path={weak}", "--gold", str(gold), "--out", str(runs), "--no-progress"])
    other = root / "other"
    _ok(["run", "baseline", "--lang", "en", "--gold", str(gold), "--out", str(other), "--no-progress"])
    (en_only,) = sorted(other.iterdir())
    shutil.move(str(en_only), str(runs / "baseline-en-only"))
    file_run = next(d for d in runs.iterdir() if d.name.startswith("file-"))
    return {"gold": gold, "runs": runs, "base": base, "file": file_run, "en": runs / "baseline-en-only"}


def test_find_runs(runs: dict[str, Path]) -> None:
    found = find_runs([runs["runs"], runs["base"]])
    assert [p.name for p in found] == sorted(p.name for p in runs["runs"].iterdir())
    with pytest.raises(InputError, match="no such run directory"):
        find_runs([runs["runs"] / "nope"])
    with pytest.raises(InputError, match="holds no run directories"):
        find_runs([runs["gold"]])


def test_leaderboard_done_when(runs: dict[str, Path], tmp_path: Path) -> None:
    """Ranks the baseline and the weaker file run, excludes the English-only run with the reason, and writes
    every format."""
    gold = str(runs["gold"])
    out = {fmt: tmp_path / f"board.{fmt}" for fmt in FORMATS}
    for fmt, path in out.items():
        _ok(["leaderboard", str(runs["runs"]), "--gold", gold, "--format", fmt, "--out", str(path)])
    data = json.loads(out["json"].read_text(encoding="utf-8"))
    assert [(r["runner"], r["position"], r["group"]) for r in data["rows"]] == [
        ("baseline", 1, 1),
        ("file", 2, 2),
    ]
    assert data["rows"][1]["p_vs_above"] < 0.05
    assert data["rows"][0]["headline"]["value"] > data["rows"][1]["headline"]["value"]
    (ex,) = data["excluded"]
    assert ex["run"] == "runs/baseline-en-only"
    assert "lang:en vs lang:en+fr" in ex["reason"]
    assert data["signature"].startswith("claimbench:") and data["gold"] in data["signature"]
    assert data["rows"][0]["docs_per_s"] > 0 and data["rows"][0]["total_s"] > 0
    md = out["md"].read_text(encoding="utf-8")
    version = {r["runner"]: r["version"] for r in data["rows"]}  # runner versions are not pinned here
    assert re.search(
        rf"^\| 1 \| baseline \| {re.escape(version['baseline'])} \| \d\.\d{{3}} \[", md, flags=re.M
    )
    assert re.search(rf"^\| 2 \| file \| {re.escape(version['file'])} \|", md, flags=re.M)
    assert "**F1 per field, fr** (95% CI)" in md and "excluded: baseline" in md
    rows = list(csv.DictReader(io.StringIO(out["csv"].read_text(encoding="utf-8"))))
    assert [(r["rank"], r["runner"]) for r in rows] == [("1", "baseline"), ("2", "file"), ("", "baseline")]
    assert "lang:en vs lang:en+fr" in rows[2]["excluded_reason"]
    assert float(rows[0]["fr.value_low"]) <= float(rows[0]["fr.value"]) <= float(rows[0]["fr.value_high"])
    table = out["table"].read_text(encoding="utf-8")
    assert (
        "claimbench leaderboard" in table
        and f"excluded: baseline {version['baseline']} (runs/baseline-en-only)" in table
    )
    page = out["html"].read_text(encoding="utf-8")
    assert f'<code id="gold">{data["gold"]}</code>' in page and data["signature"] in page


def test_leaderboard_stdout_is_deterministic(runs: dict[str, Path]) -> None:
    args = ["leaderboard", str(runs["runs"]), "--gold", str(runs["gold"]), "--format", "csv"]
    assert _ok(args) == _ok(args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format must be one of table, md, csv, json, html"),
        (["--bootstrap", "-1"], "bootstrap must be >= 0"),
        (["--out", "/nonexistent/board.html"], "/nonexistent/board.html: folder /nonexistent does not exist"),
        (["--out", "/"], "/: is a folder, expected a file to write"),
    ],
)
def test_leaderboard_option_errors(runs: dict[str, Path], args: list[str], message: str) -> None:
    r = cli.invoke(app, ["leaderboard", str(runs["runs"]), *args])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_leaderboard_path_errors(runs: dict[str, Path], tmp_path: Path) -> None:
    r = cli.invoke(app, ["leaderboard", str(tmp_path / "missing")])
    assert r.exit_code == 2
    assert r.output.strip() == f"error: {tmp_path / 'missing'}: no such run directory or folder"
    broken = tmp_path / "broken"
    shutil.copytree(runs["file"], broken)
    (broken / "predictions.jsonl").unlink()
    r = cli.invoke(app, ["leaderboard", str(broken), "--gold", str(runs["gold"])])
    assert r.exit_code == 2 and "no predictions.jsonl in the run directory" in r.output
    record = json.loads((runs["file"] / "run.json").read_text(encoding="utf-8"))
    record["documents"] = {"total": "many"}
    (broken / "predictions.jsonl").write_text("", encoding="utf-8")
    (broken / "run.json").write_text(json.dumps(record), encoding="utf-8")
    r = cli.invoke(app, ["leaderboard", str(broken), "--gold", str(runs["gold"])])
    assert r.exit_code == 2 and "unreadable run record" in r.output and "Traceback" not in r.output
    (broken / "run.json").write_text('{"kind": "other"}', encoding="utf-8")
    r = cli.invoke(app, ["leaderboard", str(broken), "--gold", str(runs["gold"])])
    assert r.exit_code == 2 and "not a claimbench run.json" in r.output


def test_compare_cli(runs: dict[str, Path]) -> None:
    gold = ["--gold", str(runs["gold"])]
    out = _ok(["compare", str(runs["base"]), str(runs["file"]), *gold, "--limit", "2"])
    assert "F1 of B minus A" in out and "headline" in out
    m = re.search(r"right in A, wrong in B: (\d+) claims", out)
    assert m and int(m.group(1)) > 0
    assert "more (--limit)" in out
    data = json.loads(_ok(["compare", str(runs["base"]), str(runs["file"]), *gold, "--format", "json"]))
    head = next(d for d in data["deltas"] if d["statistic"] == "headline")
    assert head["delta"] < 0 and head["p"] < 0.05
    assert len(data["right_in_a_only"]) == int(m.group(1))
    r = cli.invoke(app, ["compare", str(runs["base"]), str(runs["en"]), *gold])
    assert r.exit_code == 2 and "not comparable" in r.output and "lang:en vs lang:en+fr" in r.output
    r = cli.invoke(app, ["compare", str(runs["base"]), str(runs["runs"]), *gold])
    assert r.exit_code == 2 and "not a run directory (no run.json)" in r.output


def test_compare_and_report_refuse_a_run_made_on_other_texts(runs: dict[str, Path], tmp_path: Path) -> None:
    gold = ["--gold", str(runs["gold"])]
    changed = tmp_path / "changed"
    shutil.copytree(runs["base"], changed)
    lines = (changed / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0]) | {"doc_hash": "0000000000000000"}
    (changed / "predictions.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", "utf-8")
    n = len(lines)
    for args in (["compare", str(runs["base"]), str(changed)], ["report", str(changed)]):
        r = cli.invoke(app, [*args, *gold])
        assert r.exit_code == 2 and "Traceback" not in r.output
        assert r.output == (
            f"error: {changed}: made on other texts: 1 of its {n} documents have changed since "
            "(their doc_hash differs): rerun it\n"
        )


def test_report_cli(runs: dict[str, Path]) -> None:
    gold = ["--gold", str(runs["gold"])]
    out = _ok(["report", str(runs["file"]), *gold, "--worst", "3"])
    assert "errors per category" in out and "worst 3 documents" in out and "per tag" in out
    data = json.loads(_ok(["report", str(runs["file"]), *gold, "--format", "json"]))
    assert set(data["categories"]) == {"en", "fr"}
    assert data["categories"]["en"]["missed"] > 0
    assert len(data["worst_documents"]) == 10
    r = cli.invoke(app, ["report", str(runs["file"]), "--format", "html"])
    assert r.exit_code == 2 and "--format must be table or json" in r.output
    r = cli.invoke(app, ["report", str(runs["file"]), "--worst", "-1"])
    assert r.exit_code == 2 and r.output == "error: --worst must be at least 0, not -1\n"
    r = cli.invoke(app, ["compare", str(runs["file"]), str(runs["base"]), "--limit", "-1"])
    assert r.exit_code == 2 and r.output == "error: --limit must be at least 0, not -1\n"


def test_notes_name_unsupported_documents_and_an_empty_board(cases: Cases) -> None:
    half = replace(cases.weak_a, run=replace(cases.weak_a.run, unsupported=12, status="interrupted"))
    md = render(build([cases.perfect, half]), "md")
    assert (
        "weak-a: 12 documents in a language the runner does not support (scored as empty predictions)" in md
    )
    assert "weak-a: the run is interrupted; documents not done count as empty predictions" in md
    assert "perfect: the run is" not in md
    page = render(build([cases.perfect, half]), "html")
    assert '<ul id="notes"><li>weak-a: the run is interrupted;' in page
    stale = replace(cases.perfect, texts_changed=1)
    empty = build([stale])
    assert empty.rows == () and len(empty.excluded) == 1
    for fmt in FORMATS:
        assert render(empty, fmt)
    assert "no run ranked: every run was excluded" in render(empty, "md")


def test_unit_of_an_accepted_alternative_is_on_the_diagonal(cases: Cases) -> None:
    """ch01 c5 is 5.6 billion USD with the alternative 5.2 billion EUR: predicting the EUR reading is right
    for the scorer, so the confusion matrix counts it as USD -> USD, not USD -> EUR."""
    preds = {p.doc_id: p for p in perfect(cases.gold.documents)}
    doc = next(d for d in cases.gold.documents if d.doc_id == "ch01-valmora-car-output.en")
    i = next(k for k, c in enumerate(doc.claims) if c.claim_id == "c5")
    alt = doc.claims[i].alternatives[0]
    claims = list(preds[doc.doc_id].claims)
    claims[i] = replace(claims[i], value=alt.value, unit=alt.unit)
    preds[doc.doc_id] = replace(preds[doc.doc_id], claims=tuple(claims))
    r = error_report(scored(run_info("alt"), cases.gold, list(preds.values())))
    assert (alt.unit, doc.claims[i].unit) == ("EUR", "USD")
    assert r.units.confused() == ()
    assert r.scored.report.counts["en"][2].fp == 0  # the scorer agrees: no unit error


# ---- properties -------------------------------------------------------------------------------------------

P_VALUES = st.lists(st.one_of(st.none(), st.floats(0, 1)), max_size=12)


@given(P_VALUES, st.floats(0.001, 0.5))
@settings(max_examples=200, deadline=None)
def test_groups_read_like_ranks(p_values: list[float | None], alpha: float) -> None:
    """The first system is 1; each next one either shares the group above (p >= alpha) or starts its own
    at its position; groups never decrease."""
    gs = groups(p_values, alpha)
    assert len(gs) == len(p_values)
    for i, (g, p) in enumerate(zip(gs, p_values, strict=True)):
        if i == 0:
            assert g == 1
        elif p is not None and p >= alpha:
            assert g == gs[i - 1]
        else:
            assert g == i + 1
    assert gs == sorted(gs)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_script_json_is_safe_and_round_trips(text: str) -> None:
    out = script_json({"k": text, "a": [text]})
    assert "</" not in out and "<!--" not in out and "<" not in out
    assert json.loads(out) == {"k": text, "a": [text]}


class _Page(HTMLParser):
    """Tags of a page, and the text of each span.name, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.names: list[str] = []
        self._in_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "span" and ("class", "name") in attrs:
            self._in_name = True
            self.names.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._in_name = False

    def handle_data(self, data: str) -> None:
        if self._in_name:
            self.names[-1] += data


PAGE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "p",
    "code",
    "div",
    "span",
    "label",
}
PAGE_TAGS |= {
    "input",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "figure",
    "figcaption",
    "script",
}
PAGE_TAGS |= {"svg", "line", "text", "g", "rect", "path"}


@given(st.text(alphabet="<>&\"'/ab=!-script ", min_size=1, max_size=30))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_runner_name_renders_as_text(cases: Cases, name: str) -> None:
    """Whatever a runner is called, the page's tags are only the page's own, and the name is its text."""
    board = build([cases.perfect])
    row = board.rows[0]
    run = replace(row.run, name=name, version=name, path=f"/runs/{name}")
    page = to_html(replace(board, rows=(replace(row, run=run, name=name),), signature=name))
    parsed = _Page()
    parsed.feed(page)
    assert parsed.tags <= PAGE_TAGS
    assert parsed.names == [name]


def test_markdown_row_of_a_perfect_run(cases: Cases) -> None:
    """Hand-checked: perfect predictions score 1 everywhere with degenerate intervals; 10 documents in
    0.2 s is 50 documents per second."""
    md = render(build([cases.perfect]), "md")
    cell = "1.000 [1.00-1.00]"
    assert (
        f"| 1 | perfect | 1 | {cell} | {cell} | {cell} | 1.000 | 0.0% | 0 | 0.2 | 50.0 |" in md.splitlines()
    )
    assert f"| perfect | {' | '.join([cell] * 7)} |" in md.splitlines()
