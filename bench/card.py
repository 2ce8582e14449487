"""The dataset card (README.md) of the Hugging Face export: YAML metadata, then the sections a user needs.
Pure: the card is a function of the exported documents and the figures given, so re-exporting the same
gold gives the same bytes. Field descriptions come from the JSON Schemas, never retyped here."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.hf_format import CONFIGS, REDISTRIBUTABLE, SPLITS, data_file, document_row
from bench.types import LANGS, Document

NOT_MEASURED = "Not yet measured."
CREATORS = "machine-generated"
"""Who wrote the authored texts and every annotation: AI model sessions working for the claimbench project
(the Hub's term), under the guidelines and checks that WHO_WROTE_IT describes."""
WHO_WROTE_IT = (
    "The authored texts, their translations and all annotations were written by AI model sessions working "
    "for the claimbench project, following the guidelines below, and checked by `claimbench validate`; the "
    "agreement figures below measure how far an independent second annotation agrees."
)


@dataclass(frozen=True)
class Table:
    """A results table for the card: columns, and rows of a label with one number per column (None: -)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]

    def markdown(self) -> str:
        head = "| | " + " | ".join(self.columns) + " |\n|---|" + "---:|" * len(self.columns)
        body = [f"| {label} | " + " | ".join(_num(v) for v in vals) + " |" for label, vals in self.rows]
        return "\n".join([self.caption, "", head, *body])


@dataclass(frozen=True)
class CardInputs:
    """Everything the card shows: the exported documents, those left out for their licence, the
    agreement and baseline tables (None: not yet measured), and where the dataset lives."""

    documents: tuple[Document, ...]
    excluded: tuple[Document, ...]
    content_hash: str
    version: str
    schemas: Mapping[str, Mapping[str, Any]]
    agreement: Sequence[Table] = ()
    baseline: Sequence[Table] = ()
    repo_id: str | None = None


def render_card(inp: CardInputs) -> str:
    """The README.md: YAML front matter, then summary, structure, fields, provenance, annotation,
    baseline, usage, citation, licence."""
    sections = [
        _summary(inp),
        _structure(inp),
        _fields(inp.schemas),
        _provenance(inp),
        _annotation(inp),
        _baseline(inp),
        _usage(inp),
        _citation(inp),
        _license(inp),
    ]
    return "---\n" + metadata_yaml(inp) + "---\n\n" + "\n\n".join(s.strip() for s in sections) + "\n"


def metadata_yaml(inp: CardInputs) -> str:
    """The card's YAML metadata, through huggingface_hub's DatasetCardData."""
    from huggingface_hub import DatasetCardData

    splits = sorted({d.split for d in inp.documents}, key=_split_order)
    kinds = {d.source.kind for d in inp.documents}
    data = DatasetCardData(
        pretty_name="claimbench: quantitative claims in English and French news",
        license=hub_license(inp.documents),
        language=list(LANGS),
        multilinguality=["multilingual", "translation"],
        task_categories=["token-classification", "text-generation"],
        size_categories=[size_category(sum(1 for d in inp.documents if d.lang == "en"))],
        source_datasets=["original"],
        annotations_creators=[CREATORS],
        language_creators=sorted({"found" if k == "published" else CREATORS for k in kinds}),
        tags=["claim-extraction", "quantities", "numbers", "news", "information-extraction", "bilingual"],
        configs=[
            {
                "config_name": c,
                "data_files": [{"split": s, "path": data_file(c, s)} for s in splits],
                **({"default": True} if c == "en" else {}),
            }
            for c in CONFIGS
        ],
    )
    text: str = data.to_yaml()
    return text.rstrip("\n") + "\n"


def hub_license(docs: Iterable[Document]) -> str:
    """The Hub licence id: the one licence all documents share, or "other" when they differ."""
    ids = {REDISTRIBUTABLE.get(d.license, "other") for d in docs}
    return ids.pop() if len(ids) == 1 else "other"


def size_category(n: int) -> str:
    """The Hub's size category for n examples."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < limit:
            return name
    return "100K<n<1M"


def _summary(inp: CardInputs) -> str:
    docs = inp.documents
    pairs = {d.pair_id for d in docs}
    claims = {lang: sum(len(d.claims) for d in docs if d.lang == lang) for lang in LANGS}
    rows = []
    for split in sorted({d.split for d in docs}, key=_split_order):
        for subset in ("news", "challenge"):
            sel = [d for d in docs if d.split == split and d.subset == subset]
            if sel:
                rows.append(_count_row(f"{split} / {subset}", sel))
    rows.append(_count_row("**total**", list(docs)))
    table = "\n".join(
        [
            "| split / subset | pairs | claims (en) | claims (fr) | distractors (en) | distractors (fr) |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    return f"""# claimbench: quantitative claims in English and French news

claimbench is a benchmark for *claim extraction*: finding every quantitative statement in a news article
and writing it as five fields, **metric, value, unit, period and year-on-year change**. Each article comes in
English and French, and the same fact carries the same `align_id` in both, so a system is scored per field
and per language on the same content.

This release holds {len(pairs)} article pairs ({len(docs)} documents) with {claims["en"]} gold claims in
English and {claims["fr"]} in French. Gold content hash `{inp.content_hash}` (claimbench {inp.version}); the
hash goes into the signature of every score computed on it.

{table}"""


def _count_row(label: str, docs: Sequence[Document]) -> str:
    pairs = len({d.pair_id for d in docs})
    c = {lang: sum(len(d.claims) for d in docs if d.lang == lang) for lang in LANGS}
    x = {lang: sum(len(d.distractors) for d in docs if d.lang == lang) for lang in LANGS}
    return f"| {label} | {pairs} | {c['en']} | {c['fr']} | {x['en']} | {x['fr']} |"


def _structure(inp: CardInputs) -> str:
    splits = sorted({d.split for d in inp.documents}, key=_split_order)
    n = {
        (lang, s): sum(1 for d in inp.documents if d.lang == lang and d.split == s)
        for lang in LANGS
        for s in splits
    }
    rows = [f"| `en` | {s} | {n['en', s]} | `{data_file('en', s)}` |" for s in splits]
    rows += [f"| `fr` | {s} | {n['fr', s]} | `{data_file('fr', s)}` |" for s in splits]
    rows += [f"| `pairs` | {s} | {n['en', s]} | `{data_file('pairs', s)}` |" for s in splits]
    return f"""## Dataset structure

Three configs, each with the splits {", ".join(f"`{s}`" for s in splits)}:

- `en`, `fr`: one row per document in that language, its claims as a list of typed structs.
- `pairs`: one row per article pair, the English and French documents side by side (`en`, `fr`), and
  `claims` as a list of `{{align_id, en, fr}}` linking the two versions of each claim; a side is null when
  only the other version states the fact. Claims follow the English order, French-only ones last.

| config | split | rows | file |
|---|---|---:|---|
{chr(10).join(rows)}

```python
from datasets import load_dataset

fr = load_dataset("{inp.repo_id or "<repo_id>"}", "fr", split="{"test" if "test" in splits else splits[0]}")
print(fr[0]["claims"][0]["metric"], fr[0]["claims"][0]["value"], fr[0]["claims"][0]["unit"])
```

### Example

{_example(inp.documents)}"""


def _example(docs: Sequence[Document]) -> str:
    """A real row of the `fr` config (test split when there is one), its text and claim list cut short."""
    fr = [d for d in docs if d.lang == "fr"]
    if not fr:
        return "(no French document in this export)"
    doc = min(fr, key=lambda d: (d.split != "test", d.doc_id))
    row = document_row(doc)
    shown = {
        **row,
        "text": _cut(row["text"], 300),
        "claims": row["claims"][:2],
        "distractors": row["distractors"][:1],
    }
    more = len(row["claims"]) - len(shown["claims"])
    body = json.dumps(shown, indent=2, ensure_ascii=False)
    tail = f"\n\n({more} more claims in this document.)" if more > 0 else ""
    return f"A row of `fr` / `{doc.split}` (text shortened):\n\n```json\n{body}\n```{tail}"


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[:n].rstrip() + " [...]"


def _fields(schemas: Mapping[str, Mapping[str, Any]]) -> str:
    gold, units = schemas["gold-document"], schemas["units"]
    rows = [
        ("subset", "string", Document.subset.__doc__ or ""),
        *schema_fields(gold, gold, ""),
    ]
    table = "\n".join(f"| `{p}` | {t} | {d} |" for p, t, d in rows)
    unit_lines = "\n".join(
        f"- **{k}**: {d['description']} Codes: {', '.join(f'`{c}`' for c in d['enum'])}."
        for k, d in ((k, units["$defs"][k]) for k in ("currency", "ratio", "count", "physical"))
    )
    tags = ", ".join(f"`{t}`" for t in gold["$defs"]["tag"]["enum"])
    return f"""## Fields

Every row of `en` and `fr` is one gold document as defined by the JSON Schema
`schemas/gold-document.schema.json` (version {gold.get("version", "?")}): {gold["description"]} Optional
fields are present in every row and null (or an empty list) when unused. The descriptions below are the
schema's own.

| field | type | description |
|---|---|---|
{table}

In `pairs`, `pair_id`, `split`, `subset` and `published` are shared; `en` and `fr` hold each document's
`schema_version`, `doc_id`, `lang`, `title`, `text`, `source`, `license` and `distractors`; `claims[].en` and
`claims[].fr` are claims with the fields of `claims[]` above.

### Unit codes

{units["description"]}

{unit_lines}

### Tags

{gold["$defs"]["tag"]["description"]} {tags}."""


def schema_fields(
    node: Mapping[str, Any], root: Mapping[str, Any], prefix: str
) -> list[tuple[str, str, str]]:
    """(path, type, description) for every property under node, depth first, in schema order; $refs into
    the same schema are followed, external ones named by their last segment."""
    out: list[tuple[str, str, str]] = []
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        target = _resolve(prop, root)
        items = _resolve(target.get("items", {}), root)
        desc = prop.get("description") or target.get("description") or items.get("description", "")
        out.append((path, _type(prop, root), _cell(desc)))
        if target.get("type") == "object":
            out += schema_fields(target, root, path + ".")
        if items.get("type") == "object":
            out += schema_fields(items, root, path + "[].")
    return out


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        target: Mapping[str, Any] = root["$defs"][ref.removeprefix("#/$defs/")]
        return _resolve(target, root)
    return node


def _type(node: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    ref = node.get("$ref", "")
    if ref and not ref.startswith("#"):
        return f"string ({ref.rsplit('/', 1)[-1].replace('_', ' ')} code)"
    if ref:
        return _type(_resolve(node, root), root)
    if "anyOf" in node and "type" not in node:
        parts = [_type(n, root) for n in node["anyOf"]]
        return " or ".join(dict.fromkeys(parts))
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return (
            "one of " + ", ".join(f"`{v}`" for v in node["enum"])
            if len(node["enum"]) <= 12
            else "string (tag)"
        )
    t = node.get("type", "any")
    if isinstance(t, list):
        return " or ".join(t)
    if t == "array":
        return f"list of {_type(node.get('items', {}), root)}"
    if t == "object":
        return "struct"
    return str(t)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _provenance(inp: CardInputs) -> str:
    pairs = {d.pair_id: d for d in inp.documents if d.lang == "en"}
    published = [d for d in pairs.values() if d.source.kind == "published"]
    authored = [d for d in pairs.values() if d.source.kind == "authored"]
    direction = Counter(_direction(d.pair_id, inp.documents) for d in pairs.values())
    pubs = sorted({d.source.publisher for d in published})
    by = f" by {', '.join(pubs)}" if pubs else ""
    rows = "\n".join(f"| {k} | {direction[k]} |" for k in sorted(direction))
    out = f"""## How the texts were produced

- **news subset** ({len(published)} pairs in this release): real newswire articles as published{by}, page
  boilerplate included (navigation, related headlines with their own figures).
- **challenge subset** ({len(authored)} pairs): news-style articles written for claimbench. Every entity
  (city, company, ministry, agency) is fictional and every figure invented, so no system can answer from
  memory and nothing here misinforms about the real world. They exercise the hard cases listed under Tags.

Each pair was written in one language and translated faithfully into the other, as wire services do; the
translation reshapes numbers the way translators do ("1.73 million" becomes "1,73 million").
`source.translated_from` records the direction.

| direction | pairs |
|---|---:|
{rows}"""
    if inp.excluded:
        ex = sorted({(d.pair_id, d.license) for d in inp.excluded})
        listed = "\n".join(f"- `{pair_id}`: {lic}" for pair_id, lic in ex)
        out += f"""

**Left out of this release**: {len(ex)} pairs ({len(inp.excluded)} documents) whose licence does not allow
redistribution. They stay in the claimbench repository's gold for local evaluation, so scores on this release
and on the repository's full gold differ by these documents.

{listed}"""
    return out


def _direction(pair_id: str, docs: Sequence[Document]) -> str:
    sides = {d.lang: d for d in docs if d.pair_id == pair_id}
    for lang, d in sorted(sides.items()):
        if d.source.translated_from is not None:
            return f"{d.source.translated_from} → {lang}"
    return "both original (independent versions)"


def _annotation(inp: CardInputs) -> str:
    tag_rows = tag_counts(inp.documents)
    tags = "\n".join(f"| `{t}` | {n['en']} | {n['fr']} |" for t, n in tag_rows)
    agreement = "\n\n".join(t.markdown() for t in inp.agreement) if inp.agreement else NOT_MEASURED
    return f"""## Annotation

{WHO_WROTE_IT}

Every claim follows the claimbench annotation guidelines (`gold/GUIDELINES.md` in the claimbench
repository): what counts as a claim, how each field is written, how periods are resolved against the
publication date, which numbers are distractors. Each document passes `claimbench validate` (schema,
evidence offsets, align_id agreement across the pair).

### Inter-annotator agreement

{agreement}

### Claims per tag

| tag | en | fr |
|---|---:|---:|
{tags}"""


def tag_counts(docs: Iterable[Document]) -> list[tuple[str, dict[str, int]]]:
    """Claims per tag and language, by tag name."""
    counts: dict[str, dict[str, int]] = {}
    for d in docs:
        for c in d.claims:
            for t in c.tags:
                counts.setdefault(t, {"en": 0, "fr": 0})[d.lang] += 1
    return sorted(counts.items())


def _baseline(inp: CardInputs) -> str:
    if not inp.baseline:
        return f"## Baseline results\n\n{NOT_MEASURED}"
    body = "\n\n".join(t.markdown() for t in inp.baseline)
    return f"""## Baseline results

The `gold:` part of each signature is the content hash of the documents the figures were computed on
(this whole release: `{inp.content_hash}`).

{body}"""


def _usage(inp: CardInputs) -> str:
    ref = inp.repo_id or "<repo_id>"
    return f"""## Evaluating a system with claimbench

With claimbench installed (`pip install -e .` in a checkout of its repository):

```bash
claimbench evaluate --gold {ref}          # the rule-based baseline, run and scored on this dataset
claimbench evaluate RUNNER --gold {ref}   # any installed runner (`claimbench runners` lists them)
claimbench run RUNNER --gold {ref}        # predictions only, into runs/<runner>-<config hash>/
```

`--gold` takes a Hub id like this one, a local copy of this repository, or a claimbench `gold/` folder; the
same gold gives the same documents and the same content hash whichever way it is loaded. A system outside
claimbench can write predictions as JSON Lines, one line per document (`{{"doc_id": ..., "claims": [...]}}`,
see `schemas/prediction.schema.json`), and be run through the `file` runner. The scorer aligns predicted to
gold claims one-to-one and reports precision, recall and F1 per field, per language, per subset and per tag;
every score carries a signature naming the gold hash, the settings and the harness version."""


def _citation(inp: CardInputs) -> str:
    return f"""## Citation

```bibtex
@misc{{claimbench,
  title = {{claimbench: a bilingual benchmark for quantitative claim extraction from news}},
  note  = {{claimbench {inp.version}, gold content hash {inp.content_hash}}},
  howpublished = {{\\url{{https://huggingface.co/datasets/{inp.repo_id or "<repo_id>"}}}}}
}}
```"""


def _license(inp: CardInputs) -> str:
    by = Counter(d.license for d in inp.documents)
    rows = "\n".join(f"| {lic} | {n} |" for lic, n in sorted(by.items()))
    return f"""## License

Each document keeps its own licence in its `license` field:

| license | documents |
|---|---:|
{rows}

The annotations are released under the same terms as the texts they annotate."""


def _split_order(s: str) -> tuple[int, str]:
    return (SPLITS.index(s) if s in SPLITS else len(SPLITS), s)


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"
