"""Finding and loading gold: a folder of gold/<split>/<pair_id>.<lang>.json files, validated, as typed
Documents, with a content hash that goes into every score's signature."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gcpause import no_cycle_collection
from bench.jsonloc import Problem
from bench.types import Document, Lang
from bench.validate import validate_gold


class GoldError(Exception):
    """The gold does not validate; carries every located problem."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        shown = "\n".join(p.located() for p in self.problems[:20])
        more = f"\n... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"invalid gold ({len(self.problems)} problems):\n{shown}{more}")


@dataclass(frozen=True)
class GoldSet:
    """Validated gold documents, sorted by doc_id."""

    documents: tuple[Document, ...]
    source: str

    @property
    def content_hash(self) -> str:
        """First 12 hex digits of the SHA-256 of the documents' canonical JSON, in doc_id order."""
        return gold_hash(self.documents)

    def select(self, langs: Iterable[Lang] | None = None, splits: Iterable[str] | None = None) -> GoldSet:
        """The documents of the given languages and splits (None keeps all)."""
        ls, ss = (set(langs) if langs else None), (set(splits) if splits else None)
        docs = tuple(
            d for d in self.documents if (ls is None or d.lang in ls) and (ss is None or d.split in ss)
        )
        return GoldSet(docs, self.source)

    def by_id(self) -> dict[str, Document]:
        return {d.doc_id: d for d in self.documents}


def document_hash(doc: Document) -> str:
    """Hash of what a runner sees of a document (its input, not its gold): the resume key of a run."""
    blob = json.dumps(doc.input_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def inputs_key(docs: Iterable[Document]) -> str:
    """Short hash of which documents a run sees (their ids and inputs, not their gold): part of the run
    directory's name, so runs over different selections or golds never share a directory."""
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.doc_id):
        h.update(f"{d.doc_id}\t{document_hash(d)}\n".encode())
    return h.hexdigest()[:6]


def gold_hash(docs: Iterable[Document]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.doc_id):
        h.update(json.dumps(d.to_json(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:12]


def gold_files(root: Path) -> list[Path]:
    """Every gold document file under root (a folder) or root itself (a file), sorted."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.json") if p.is_file())


def load_gold_dir(root: Path) -> GoldSet:
    """Load and validate every gold file under root; GoldError with all problems if any is invalid."""
    files = gold_files(root)
    if not files:
        raise GoldError([Problem(str(root), None, "", "no gold files (*.json) found")])
    raw, problems = validate_gold(files)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GoldError(errors)
    return GoldSet(documents_from_json(d for _, d in raw), str(root))


@no_cycle_collection()  # many acyclic records: see bench.gcpause
def documents_from_json(records: Iterable[Mapping[str, Any]]) -> tuple[Document, ...]:
    """Typed documents of valid gold records, sorted by doc_id."""
    return tuple(sorted((Document.from_json(d) for d in records), key=lambda d: d.doc_id))


def load_gold(spec: str | Path | None = None) -> GoldSet:
    """Gold from a gold folder or file, a folder written by export-hf, or a Hub dataset id (owner/name);
    default: the bundled gold/. Every form of the same gold gives the same content hash."""
    from bench.paths import bundled_gold

    if spec is None:
        if not bundled_gold().is_dir():
            raise GoldError(
                [
                    Problem(
                        str(bundled_gold()),
                        None,
                        "",
                        "no bundled gold: it comes with a checkout of the claimbench repository, not "
                        "with the installed package; pass --gold with a gold folder, an exported folder "
                        "or a Hub dataset id",
                    )
                ]
            )
        return load_gold_dir(bundled_gold())
    from bench.gold_sources import load_gold_from

    return load_gold_from(spec)
