"""The measured figures the dataset card shows (agreement, baseline), read from JSON files at the edge.
A figure file absent means "not yet measured"; a figure file present but malformed is a located error."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bench.card import Table
from bench.jsonloc import InputError, parse_json, read_text
from bench.types import FIELDS, Document

Kind = Literal["agreement", "baseline"]


class FiguresError(Exception):
    """A figures file that cannot be shown; one located line."""


@dataclass(frozen=True)
class CardFigures:
    agreement: tuple[Table, ...] = ()
    baseline: tuple[Table, ...] = ()


AGREEMENT_FILES = ("annotation/agreement.json", "gold/AGREEMENT.json")
"""Where the agreement study's scores live, relative to the project root; the first that exists is used."""


def default_agreement() -> Path | None:
    from bench.paths import project_root

    found = [project_root() / f for f in AGREEMENT_FILES if (project_root() / f).is_file()]
    return found[0] if found else None


def card_figures(
    agreement: Path | None, baseline: Path | None, baseline_gold: str | None = None
) -> CardFigures:
    """Tables from the given files; agreement defaults to the agreement study's file when there is one.
    With baseline_gold, baseline scores made on another gold (their signature's ``gold:`` part) are
    refused: the card would show figures of other documents."""
    agreement = agreement or default_agreement()
    return CardFigures(
        agreement=read_tables(agreement, "agreement") if agreement else (),
        baseline=read_tables(baseline, "baseline", baseline_gold) if baseline else (),
    )


def read_tables(path: Path, kind: Kind, expected_gold: str | None = None) -> tuple[Table, ...]:
    """Tables from a figures file ({"tables": [...]}), a claimbench scores.json (a ScoreReport), or a JSON
    object holding one under "scores"; a ScoreReport whose signature names another gold than
    expected_gold is a FiguresError."""
    try:
        data = parse_json(path, read_text(path))
    except InputError as e:
        raise FiguresError(e.located()) from None
    if isinstance(data, Mapping) and isinstance(data.get("scores"), Mapping):
        data = data["scores"]  # a report that wraps a scores.json
    if isinstance(data, Mapping) and "per_lang" in data:
        _check_gold(data, expected_gold, path)
        return tables_from_scores(data, kind, str(path))
    return tables_from_json(data, str(path))


def _check_gold(report: Mapping[str, Any], expected: str | None, path: Path) -> None:
    parts = dict(p.split(":", 1) for p in str(report.get("signature", "")).split("|") if ":" in p)
    if expected is not None and parts.get("gold") not in (None, expected):
        raise FiguresError(
            f"{path}: scores made on gold:{parts['gold']}, but the export holds gold:{expected}: "
            "score the baseline on the export (claimbench evaluate baseline --gold OUT_DIR) or leave "
            "--baseline out to have it measured"
        )


def tables_from_scores(report: Mapping[str, Any], kind: Kind, where: str) -> tuple[Table, ...]:
    """The card's tables from a ScoreReport JSON: F1 per row (the five fields in order, then the others)
    for each language, micro and macro; for a baseline also per subset and per tag (languages pooled by
    adding counts)."""
    try:
        per_lang: Mapping[str, Mapping[str, Any]] = report["per_lang"]
        keys = tuple(next(iter(per_lang.values())))
        rows = tuple(f for f in FIELDS if f in keys) + tuple(k for k in keys if k not in FIELDS)
        signature = report["signature"]
        main = [(lang, _f1s(by, rows)) for lang, by in per_lang.items()]
        main.append(("micro", _f1s(report["micro"], rows)))
        main.append(("macro", tuple(float(report["macro"][r]["f1"]) for r in rows)))
        what = (
            "a second, independent annotation scored against the first"
            if kind == "agreement"
            else "the baseline scored against the gold"
        )
        caption = f"F1 of {what}, {report['documents']} documents; signature `{signature}`."
        tables = [Table(caption, rows, tuple(main))]
        if kind == "baseline":
            subsets = report.get("per_subset", {})
            sub_rows = tuple(
                (f"{s} / {lang}", _f1s(by, rows)) for s in sorted(subsets) for lang, by in subsets[s].items()
            )
            tables.append(Table("Baseline F1 per subset and language.", rows, sub_rows))
            tags = report.get("per_tag", {})
            tag_rows = tuple((f"`{t}`", _pooled_found_shares(tags[t].values(), rows)) for t in sorted(tags))
            caption = (
                "Baseline recall per tag: the share of the gold claims with the tag whose field it got "
                "right (languages pooled). A prediction cannot be attributed to a tag, so there is no "
                "precision per tag."
            )
            tables.append(Table(caption, rows, tag_rows))
    except (KeyError, TypeError, StopIteration, ValueError) as e:
        raise FiguresError(f"{where}: not a claimbench scores.json ({type(e).__name__}: {e})") from None
    return tuple(t for t in tables if t.rows)


def _f1s(by_row: Mapping[str, Any], rows: Sequence[str]) -> tuple[float | None, ...]:
    return tuple(float(by_row[r]["f1"]) for r in rows)


def _pooled_found_shares(
    tables: Iterable[Mapping[str, Any]], rows: Sequence[str]
) -> tuple[float | None, ...]:
    """Each row's recall over the counts of several tables added up; None (shown as "-") where there is
    nothing to find, not a vacuous 1."""
    from bench.counts import Counts

    pooled = {r: Counts() for r in rows}
    for t in tables:
        for r in rows:
            pooled[r] = pooled[r] + Counts(int(t[r]["tp"]), int(t[r]["fp"]), int(t[r]["fn"]))
    return tuple(pooled[r].found_share for r in rows)


def tables_from_json(data: Any, where: str) -> tuple[Table, ...]:
    """Validate and convert the figures JSON; FiguresError names the first bad pointer."""
    tables = _get(data, "tables", list, where, "")
    out = []
    for i, t in enumerate(tables):
        at = f"/tables/{i}"
        caption = _get(t, "caption", str, where, at)
        columns = _get(t, "columns", list, where, at)
        if not all(isinstance(c, str) for c in columns):
            raise FiguresError(f"{where}: {at}/columns: must be a list of strings")
        rows = []
        for j, r in enumerate(_get(t, "rows", list, where, at)):
            label = _get(r, "label", str, where, f"{at}/rows/{j}")
            values = _get(r, "values", list, where, f"{at}/rows/{j}")
            if len(values) != len(columns) or not all(_is_num(v) for v in values):
                raise FiguresError(
                    f"{where}: {at}/rows/{j}/values: must be {len(columns)} numbers or nulls, one per column"
                )
            rows.append((label, tuple(None if v is None else float(v) for v in values)))
        out.append(Table(caption, tuple(columns), tuple(rows)))
    return tuple(out)


def _get(d: Any, key: str, kind: type, where: str, at: str) -> Any:
    if not isinstance(d, Mapping) or not isinstance(d.get(key), kind):
        raise FiguresError(f"{where}: {at}/{key}: missing or not a {kind.__name__}")
    return d[key]


def _is_num(v: Any) -> bool:
    return v is None or (isinstance(v, int | float) and not isinstance(v, bool))


def tables_json(tables: Sequence[Table]) -> dict[str, Any]:
    """The figures JSON of tables (the inverse of tables_from_json)."""
    return {
        "tables": [
            {
                "caption": t.caption,
                "columns": list(t.columns),
                "rows": [{"label": label, "values": list(vals)} for label, vals in t.rows],
            }
            for t in tables
        ]
    }


def measured_baseline(docs: Sequence[Document]) -> tuple[Table, ...]:
    """The card's baseline tables, measured now: the registered baseline runner on exactly these documents,
    scored with the default configuration (deterministic, no network, about a second)."""
    from bench.gold import GoldSet
    from bench.score import score
    from bench.types import Prediction
    from runners.registry import Registry

    runner = Registry.from_entry_points().create("baseline")
    predictions = [Prediction(d.doc_id, tuple(runner.extract(d.input()))) for d in docs]
    report = score(GoldSet(tuple(docs), "export"), predictions)
    return tables_from_scores(report.to_json(), "baseline", f"baseline {runner.version}")
