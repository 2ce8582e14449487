"""Gold from anywhere: a gold/ folder (or one gold file), a folder written by ``claimbench export-hf``, or a
Hub dataset id. Exported forms load through datasets.load_dataset and are validated exactly like gold files,
so every source of the same gold yields the same Documents and the same content hash."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.gold import GoldError, GoldSet, load_gold_dir
from bench.hf_format import gold_json
from bench.jsonloc import Problem
from bench.schema import schema_errors
from bench.types import LANGS, Document
from bench.validate import check_gold_document, check_pairs

HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""owner/name, as the Hub spells dataset ids. A path that exists always wins over an id."""


def is_exported_dir(path: Path) -> bool:
    """An export holds a README.md card and the en and fr Parquet folders."""
    return (
        (path / "README.md").is_file()
        and any((path / "en").glob("*.parquet"))
        and any((path / "fr").glob("*.parquet"))
    )


def load_gold_from(spec: str | Path) -> GoldSet:
    """The gold named by spec: an existing export folder, gold folder or file; else a Hub dataset id."""
    path = Path(spec)
    if path.is_dir() and is_exported_dir(path):
        with tempfile.TemporaryDirectory(prefix="claimbench-hf-") as cache:
            return load_exported(str(path), cache_dir=cache)
    if path.exists():
        return load_gold_dir(path)
    if HUB_ID.match(str(spec)):
        return load_exported(str(spec))
    raise GoldError(
        [Problem(str(spec), None, "", "no such gold folder or file, and not a Hub id (owner/name)")]
    )


def load_exported(ref: str, cache_dir: str | None = None) -> GoldSet:
    """Load the en and fr configs of an exported dataset (local folder or Hub id), every split, and
    validate them as gold; GoldError with every located problem otherwise."""
    records: list[tuple[str, Mapping[str, Any]]] = []
    problems: list[Problem] = []
    for lang in LANGS:
        for split, rows in sorted(_load_config(ref, lang, cache_dir).items()):
            for i, row in enumerate(rows):
                where = f"{ref}:{lang}/{split}[{i}]"
                doc, found = _row_document(row, lang, split)
                problems += [Problem(where, None, ptr, msg) for ptr, msg in found]
                if doc is not None:
                    records.append((where, doc))
    if not records and not problems:
        problems.append(Problem(ref, None, "", "the dataset holds no document"))
    problems += [p for p in check_pairs(records) if p.severity == "error"]
    if problems:
        raise GoldError(problems)
    docs = tuple(sorted((Document.from_json(d) for _, d in records), key=lambda d: d.doc_id))
    return GoldSet(docs, ref)


def _row_document(
    row: Mapping[str, Any], lang: str, split: str
) -> tuple[Mapping[str, Any] | None, list[tuple[str, str]]]:
    """A row's gold JSON if it is valid gold of that config and split, and its problems."""
    doc = gold_json(row)
    errs = schema_errors("gold-document", doc)
    if errs:
        return None, errs
    found = check_gold_document(doc)
    if doc["lang"] != lang:
        found.append(("/lang", f"{doc['lang']!r} in the {lang} config"))
    if doc["split"] != split:
        found.append(("/split", f"{doc['split']!r} in the {split} split"))
    subset = "news" if doc["source"]["kind"] == "published" else "challenge"
    if row.get("subset") != subset:
        found.append(("/subset", f"{row.get('subset')!r} but source.kind says {subset!r}"))
    return doc, found


def _load_config(ref: str, config: str, cache_dir: str | None) -> dict[str, list[dict[str, Any]]]:
    """Rows of every split of one config, through datasets.load_dataset (the only network access)."""
    import datasets

    try:
        with _quiet():
            dd = datasets.load_dataset(ref, config, cache_dir=cache_dir)
            return {str(split): [dict(r) for r in dd[split]] for split in dd}
    except Exception as e:  # the loading boundary: network, missing repo, missing config, bad parquet
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise GoldError([Problem(ref, None, "", f"cannot load config {config!r}: {first}")]) from None


@contextmanager
def _quiet() -> Iterator[None]:
    """No progress bars, and only errors from the datasets and huggingface_hub loggers (their retry
    warnings would bury the one line that explains a failure); restored afterwards."""
    import datasets

    bars = datasets.is_progress_bar_enabled()
    loggers = [logging.getLogger(name) for name in ("datasets", "huggingface_hub")]
    levels = [lg.level for lg in loggers]
    datasets.disable_progress_bars()
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
        if bars:
            datasets.enable_progress_bars()
