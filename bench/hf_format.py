"""The Hugging Face form of the gold: the three configs' typed features, and pure conversions between
Documents and rows. Configs ``en`` and ``fr`` hold one row per document (the gold JSON plus ``subset``);
``pairs`` holds one row per article pair, both languages side by side, claims linked by align_id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bench.types import Document, Lang

CONFIGS: tuple[str, ...] = ("en", "fr", "pairs")
SPLITS: tuple[str, ...] = ("dev", "test")
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "schema_version",
    "doc_id",
    "pair_id",
    "lang",
    "split",
    "subset",
    "title",
    "text",
    "published",
    "source",
    "license",
    "claims",
    "distractors",
)

REDISTRIBUTABLE: Mapping[str, str] = {
    "CC-BY-4.0": "cc-by-4.0",
    "CC-BY-SA-4.0": "cc-by-sa-4.0",
    "CC0-1.0": "cc0-1.0",
    "ODC-By-1.0": "odc-by",
    "PDDL-1.0": "pddl",
}
"""The allow-list: SPDX licences under which a text may be republished, with their Hub licence id.
Any other licence (LicenseRef-*, all-rights-reserved newswire) blocks the export of that document."""


def data_file(config: str, split: str) -> str:
    """Path of one config's split inside the dataset repository (the Hub's parquet layout)."""
    return f"{config}/{split}-00000-of-00001.parquet"


def features(config: str) -> Any:
    """The datasets.Features of a config; every optional gold field is a nullable column."""
    from datasets import Features, List, Value

    string, number, integer = Value("string"), Value("float64"), Value("int64")
    evidence = {"start": integer, "end": integer, "text": string}
    claim = {
        "claim_id": string,
        "align_id": string,
        "metric": string,
        "metric_aliases": List(string),
        "value": number,
        "value_high": number,
        "unit": string,
        "period": string,
        "yoy_change": number,
        "yoy_unit": string,
        "qualifier": string,
        "alternatives": List({"value": number, "value_high": number, "unit": string}),
        "evidence": evidence,
        "tags": List(string),
        "note": string,
    }
    source = {"publisher": string, "url": string, "kind": string, "translated_from": string}
    distractor = {"kind": string, "evidence": evidence, "note": string}
    side = {
        "schema_version": string,
        "doc_id": string,
        "lang": string,
        "title": string,
        "text": string,
        "source": source,
        "license": string,
        "distractors": List(distractor),
    }
    if config == "pairs":
        return Features(
            {
                "pair_id": string,
                "split": string,
                "subset": string,
                "published": string,
                "en": side,
                "fr": side,
                "claims": List({"align_id": string, "en": claim, "fr": claim}),
            }
        )
    if config not in ("en", "fr"):
        raise ValueError(f"unknown config {config!r}; expected one of {', '.join(CONFIGS)}")
    types = {"source": source, "claims": List(claim), "distractors": List(distractor)}
    return Features({k: types.get(k, string) for k in DOCUMENT_COLUMNS})


def _claim_row(c: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **c,
        "alternatives": [
            {"value": a["value"], "value_high": a.get("value_high"), "unit": a["unit"]}
            for a in c["alternatives"]
        ],
        "note": c.get("note"),
    }


def _distractor_rows(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{**x, "note": x.get("note")} for x in d.get("distractors", ())]


def document_row(doc: Document) -> dict[str, Any]:
    """A row of the en/fr configs: the document's gold JSON with every optional key present, plus subset,
    in the column order of the config's features."""
    d = doc.to_json()
    full = {
        **d,
        "subset": doc.subset,
        "claims": [_claim_row(c) for c in d["claims"]],
        "distractors": _distractor_rows(d),
    }
    return {k: full[k] for k in DOCUMENT_COLUMNS}


def pair_rows(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Rows of the pairs config, by pair_id. Claims follow the en order; fr-only claims come after, in fr
    order; the side that lacks an align_id is null."""
    by_pair: dict[str, dict[Lang, Document]] = {}
    for doc in docs:
        by_pair.setdefault(doc.pair_id, {})[doc.lang] = doc
    rows = []
    for pair_id in sorted(by_pair):
        sides = by_pair[pair_id]
        if set(sides) != {"en", "fr"}:
            missing = sorted({"en", "fr"} - set(sides))
            raise ValueError(f"pair {pair_id!r} has no {missing[0]} document")
        en, fr = document_row(sides["en"]), document_row(sides["fr"])
        en_claims = {c["align_id"]: c for c in en["claims"]}
        fr_claims = {c["align_id"]: c for c in fr["claims"]}
        order = list(en_claims) + [a for a in fr_claims if a not in en_claims]
        rows.append(
            {
                "pair_id": pair_id,
                "split": en["split"],
                "subset": en["subset"],
                "published": en["published"],
                "en": _side(en),
                "fr": _side(fr),
                "claims": [{"align_id": a, "en": en_claims.get(a), "fr": fr_claims.get(a)} for a in order],
            }
        )
    return rows


def _side(row: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("schema_version", "doc_id", "lang", "title", "text", "source", "license", "distractors")
    return {k: row[k] for k in keys}


def gold_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """The gold-document JSON of an en/fr row: the inverse of document_row (null optional keys dropped
    where the schema wants them absent)."""
    d = {k: v for k, v in row.items() if k != "subset"}
    d["claims"] = [_claim_json(c) for c in row["claims"]]
    distractors = [_drop_none(x, "note") for x in row.get("distractors") or ()]
    if distractors:
        d["distractors"] = distractors
    else:
        d.pop("distractors", None)
    return d


def pair_gold_json(row: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The en and fr gold-document JSON of a pairs row (claims in the row's order)."""
    out = []
    for lang in ("en", "fr"):
        side = row[lang]
        d = {
            "schema_version": side["schema_version"],
            "doc_id": side["doc_id"],
            "pair_id": row["pair_id"],
            "lang": side["lang"],
            "split": row["split"],
            "title": side["title"],
            "text": side["text"],
            "published": row["published"],
            "source": side["source"],
            "license": side["license"],
            "claims": [c[lang] for c in row["claims"] if c[lang] is not None],
            "distractors": side["distractors"],
        }
        out.append(gold_json(d))
    return out[0], out[1]


def _claim_json(c: Mapping[str, Any]) -> dict[str, Any]:
    d = _drop_none(c, "note")
    d["alternatives"] = [_drop_none(a, "value_high") for a in c["alternatives"]]
    return d


def _drop_none(d: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not (k == key and v is None)}


def restricted(docs: Sequence[Document]) -> list[Document]:
    """The documents whose licence is not on the REDISTRIBUTABLE allow-list."""
    return [d for d in docs if d.license not in REDISTRIBUTABLE]
