"""The measured figures the dataset card shows (agreement, baseline), read from JSON files at the edge.
A figure file absent means "not yet measured"; a figure file present but malformed is a located error."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.card import Table
from bench.jsonloc import InputError, parse_json, read_text


class FiguresError(Exception):
    """A figures file that cannot be shown; one located line."""


@dataclass(frozen=True)
class CardFigures:
    agreement: tuple[Table, ...] = ()
    baseline: tuple[Table, ...] = ()


def default_agreement() -> Path:
    from bench.paths import bundled_gold

    return bundled_gold() / "AGREEMENT.json"


def card_figures(agreement: Path | None, baseline: Path | None) -> CardFigures:
    """Tables from the given files; agreement defaults to gold/AGREEMENT.json when that file exists."""
    if agreement is None and default_agreement().is_file():
        agreement = default_agreement()
    return CardFigures(
        agreement=read_tables(agreement) if agreement else (),
        baseline=read_tables(baseline) if baseline else (),
    )


def read_tables(path: Path) -> tuple[Table, ...]:
    """Tables from a figures file: {"tables": [{"caption", "columns", "rows": [{"label", "values"}]}]}."""
    try:
        data = parse_json(path, read_text(path))
    except InputError as e:
        raise FiguresError(e.located()) from None
    return tables_from_json(data, str(path))


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
