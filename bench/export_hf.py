"""claimbench export-hf: write the gold as a ready Hugging Face dataset repository (one Parquet file per
config and split, and the README.md card), byte for byte the same on every run; and push it to the Hub."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import __version__
from bench.card import CardInputs, Table, render_card
from bench.gold import GoldSet, gold_hash
from bench.hf_format import CONFIGS, data_file, document_row, features, pair_rows, restricted
from bench.types import Document

HUB_URL = "https://huggingface.co/datasets/"


class ExportError(Exception):
    """An export or push that cannot proceed; the message is one line for the user."""


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    files: tuple[str, ...]
    documents: tuple[Document, ...] = field(repr=False)
    excluded: tuple[Document, ...] = field(repr=False)
    content_hash: str = ""

    def summary(self) -> str:
        pairs = len({d.pair_id for d in self.documents})
        claims = sum(len(d.claims) for d in self.documents)
        out = (
            f"exported {pairs} pairs, {len(self.documents)} documents, {claims} claims "
            f"(gold {self.content_hash}) to {self.out_dir}: {len(self.files)} files"
        )
        if self.excluded:
            ids = ", ".join(sorted(d.doc_id for d in self.excluded))
            out += f"; left out for their licence: {ids}"
        return out


def split_by_license(
    docs: Sequence[Document], exclude_restricted: bool
) -> tuple[tuple[Document, ...], tuple[Document, ...]]:
    """(kept, excluded). A pair is left out whole when either version's licence is not on the allow-list;
    without exclude_restricted any such document stops the export, named with its licence."""
    bad = restricted(docs)
    if bad and not exclude_restricted:
        named = "; ".join(f"{d.doc_id} ({d.license})" for d in bad[:6])
        more = f"; and {len(bad) - 6} more" if len(bad) > 6 else ""
        raise ExportError(
            f"{len(bad)} documents may not be redistributed: {named}{more}. "
            "Pass --exclude-restricted to leave them out (the card says so)."
        )
    blocked = {d.pair_id for d in bad}
    kept = tuple(d for d in docs if d.pair_id not in blocked)
    excluded = tuple(d for d in docs if d.pair_id in blocked)
    return kept, excluded


def export_hf(
    gold: GoldSet,
    out_dir: Path,
    *,
    exclude_restricted: bool = False,
    agreement: Sequence[Table] = (),
    baseline: Sequence[Table] = (),
    repo_id: str | None = None,
) -> ExportResult:
    """Write the dataset repository into out_dir (empty, or a previous export, whose files are replaced)."""
    from bench.schema import load_schema

    kept, excluded = split_by_license(gold.documents, exclude_restricted)
    if not kept:
        raise ExportError(f"nothing to export: no document of {gold.source} may be redistributed")
    _prepare(out_dir)
    files = []
    for split in sorted({d.split for d in kept}):
        docs = [d for d in kept if d.split == split]
        for config in CONFIGS:
            rows = (
                pair_rows(docs) if config == "pairs" else [document_row(d) for d in docs if d.lang == config]
            )
            files.append(data_file(config, split))
            write_parquet(rows, features(config), out_dir / files[-1])
    content_hash = gold_hash(kept)
    card = render_card(
        CardInputs(
            documents=kept,
            excluded=excluded,
            content_hash=content_hash,
            version=__version__,
            schemas={name: load_schema(name) for name in ("gold-document", "units")},
            agreement=tuple(agreement),
            baseline=tuple(baseline),
            repo_id=repo_id,
        )
    )
    (out_dir / "README.md").write_text(card, encoding="utf-8")
    files.append("README.md")
    return ExportResult(out_dir, tuple(sorted(files)), kept, excluded, content_hash)


def write_parquet(rows: list[dict[str, Any]], feats: Any, path: Path) -> None:
    """One Parquet file with the features in its schema metadata; nothing time-dependent is written."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=feats.arrow_schema)
    pq.write_table(table, path, compression="zstd")


def _prepare(out_dir: Path) -> None:
    """Make out_dir ready: create it, or clear the files of a previous export; refuse anything else."""
    from bench.gold_sources import is_exported_dir

    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not is_exported_dir(out_dir):
            raise ExportError(f"{out_dir} is not empty and holds no previous export; choose an empty folder")
        for config in CONFIGS:
            shutil.rmtree(out_dir / config, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def push_folder(out_dir: Path, repo_id: str, *, public: bool, token: str | None, message: str) -> str:
    """Upload out_dir to the dataset repository repo_id (created private unless public); returns its URL.
    Only create_repo and upload_folder touch the network."""
    from huggingface_hub import HfApi

    if not token:
        raise ExportError("HF_TOKEN is not set; export a Hugging Face token with write access to push")
    api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=not public, exist_ok=True)
        api.upload_folder(repo_id=repo_id, folder_path=out_dir, repo_type="dataset", commit_message=message)
    except Exception as e:  # the network boundary: any failure there is reported in one line
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise ExportError(f"push to {repo_id} failed: {type(e).__name__}: {first}") from None
    return HUB_URL + repo_id
