"""Validation of gold files and prediction files: the JSON Schema first, then the semantic rules that a
schema cannot state. Every finding is a located Problem; nothing stops at the first one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.jsonloc import (
    InputError,
    Problem,
    iter_jsonl_values,
    line_for,
    parse_json,
    pointer_lines,
    read_text,
)
from bench.periods import period_bounds
from bench.schema import schema_errors

ALIGNED_FIELDS = ("value", "value_high", "unit", "period", "yoy_change", "yoy_unit")
"""Fields that claims sharing an align_id across the two languages must agree on."""


def check_gold_document(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Semantic rules for one schema-valid gold document, as (pointer, message)."""
    out: list[tuple[str, str]] = []
    text: str = doc["text"]
    if doc["doc_id"] != f"{doc['pair_id']}.{doc['lang']}":
        out.append(("/doc_id", f"must be <pair_id>.<lang> = {doc['pair_id']}.{doc['lang']}"))
    if doc["title"] not in text:
        out.append(("/title", "the title does not occur in text"))
    try:
        published = dt.date.fromisoformat(doc["published"])
    except ValueError:
        out.append(("/published", f"{doc['published']!r} is not a valid date"))
        published = None
    seen_claims: dict[str, int] = {}
    seen_align: dict[str, int] = {}
    for i, c in enumerate(doc["claims"]):
        if c is None:  # failed the schema (see masked_document)
            continue
        at = f"/claims/{i}"
        out += [(at + p, m) for p, m in _check_evidence(c["evidence"], text)]
        if c["claim_id"] in seen_claims:
            out.append(
                (
                    at + "/claim_id",
                    f"duplicate claim_id {c['claim_id']!r} (also claim {seen_claims[c['claim_id']]})",
                )
            )
        seen_claims.setdefault(c["claim_id"], i)
        if c["align_id"] in seen_align:
            out.append(
                (
                    at + "/align_id",
                    f"align_id {c['align_id']!r} used twice in one document "
                    f"(also claim {seen_align[c['align_id']]})",
                )
            )
        seen_align.setdefault(c["align_id"], i)
        out += [(at + p, m) for p, m in check_claim_fields(c, published)]
    for i, x in enumerate(doc.get("distractors", ())):
        if x is None:
            continue
        out += [(f"/distractors/{i}{p}", m) for p, m in _check_evidence(x["evidence"], text)]
    return out


def check_claim_fields(c: Mapping[str, Any], published: dt.date | None) -> list[tuple[str, str]]:
    """Rules linking the fields of one gold claim."""
    out: list[tuple[str, str]] = []
    value, high, unit = c.get("value"), c.get("value_high"), c.get("unit")
    if value is None and c.get("yoy_change") is None:
        out.append(("", "a claim needs a value or a yoy_change"))
    if (value is None) != (unit is None):
        out.append(("/unit", "unit must be given exactly when value is"))
    if (c.get("yoy_change") is None) != (c.get("yoy_unit") is None):
        out.append(("/yoy_unit", "yoy_unit must be given exactly when yoy_change is"))
    if high is not None:
        if value is None or high < value:
            out.append(("/value_high", "value_high needs a value no greater than it"))
        if c.get("qualifier") != "range":
            out.append(("/qualifier", "a claim with value_high must have qualifier 'range'"))
    elif c.get("qualifier") == "range":
        out.append(("/value_high", "qualifier 'range' needs value_high"))
    if c.get("alternatives") and value is None:
        out.append(("/alternatives", "alternatives restate a value: the claim has none"))
    if c.get("yoy_unit") == "percent" and unit == "pp":
        out.append(("/yoy_unit", "a change of a percentage-point quantity cannot be relative"))
    period = c.get("period")
    if period is not None:
        try:
            start, _ = period_bounds(period)
        except ValueError as e:
            out.append(("/period", str(e)))
        else:
            if published and start > published and "forecast" not in c.get("tags", ()):
                out.append(
                    (
                        "/period",
                        f"period {period} starts after the publication date {published}; "
                        "tag it 'forecast' if it is one",
                    )
                )
    return out


def _check_evidence(ev: Mapping[str, Any], text: str) -> list[tuple[str, str]]:
    start, end = ev["start"], ev["end"]
    if not 0 <= start < end <= len(text):
        return [("/evidence", f"offsets [{start}, {end}) fall outside the text (length {len(text)})")]
    actual = text[start:end]
    if actual != ev["text"]:
        return [("/evidence/text", f"is {ev['text']!r} but text[{start}:{end}] is {actual!r}")]
    return []


def check_pairs(
    docs: Iterable[tuple[str, Mapping[str, Any]]], unreadable: frozenset[tuple[str, str]] = frozenset()
) -> list[Problem]:
    """Rules across documents: unique doc_ids, both languages of every pair, align_id agreement.
    A (pair_id, lang) in unreadable exists but could not be checked: its absence is not reported."""
    out: list[Problem] = []
    by_id: dict[str, str] = {}
    pairs: dict[str, dict[str, tuple[str, Mapping[str, Any]]]] = defaultdict(dict)
    for path, doc in docs:
        if doc["doc_id"] in by_id:
            out.append(
                Problem(
                    path,
                    None,
                    "/doc_id",
                    f"duplicate doc_id {doc['doc_id']!r} (also in {by_id[doc['doc_id']]})",
                )
            )
            continue
        by_id[doc["doc_id"]] = path
        pairs[doc["pair_id"]][doc["lang"]] = (path, doc)
    for pair_id in sorted(pairs):
        langs = pairs[pair_id]
        if set(langs) != {"en", "fr"}:
            ((path, _),) = langs.values()
            missing = ({"en", "fr"} - set(langs)).pop()
            if (pair_id, missing) in unreadable:
                continue
            out.append(Problem(path, None, "/pair_id", f"pair {pair_id!r} has no {missing} document"))
            continue
        (en_path, en), (fr_path, fr) = langs["en"], langs["fr"]
        for key in ("split", "published"):
            if en[key] != fr[key]:
                out.append(
                    Problem(
                        fr_path,
                        None,
                        f"/{key}",
                        f"{key} {fr[key]!r} differs from the en document's {en[key]!r}",
                    )
                )
        out += _check_alignment(en_path, en, fr_path, fr)
    return out


def _check_alignment(
    en_path: str, en: Mapping[str, Any], fr_path: str, fr: Mapping[str, Any]
) -> list[Problem]:
    out: list[Problem] = []
    fr_claims = {c["align_id"]: (i, c) for i, c in enumerate(fr["claims"]) if c is not None}
    en_ids = set()
    for i, c in enumerate(en["claims"]):
        if c is None:
            continue
        en_ids.add(c["align_id"])
        if c["align_id"] not in fr_claims:
            out.append(
                Problem(
                    en_path,
                    None,
                    f"/claims/{i}/align_id",
                    f"align_id {c['align_id']!r} has no fr counterpart",
                    "info",
                )
            )
            continue
        j, f = fr_claims[c["align_id"]]
        for field in ALIGNED_FIELDS:
            a, b = c.get(field), f.get(field)
            same = a == b or (
                isinstance(a, float | int) and isinstance(b, float | int) and math.isclose(a, b, rel_tol=1e-9)
            )
            if not same:
                out.append(
                    Problem(
                        fr_path,
                        None,
                        f"/claims/{j}/{field}",
                        f"{field} {b!r} disagrees with {a!r} in the en claim of align_id {c['align_id']!r} "
                        f"({en_path} /claims/{i}/{field}); if the versions really differ, give them "
                        "distinct align_ids and a note",
                    )
                )
    for aid, (j, _) in sorted(fr_claims.items()):
        if aid not in en_ids:
            out.append(
                Problem(
                    fr_path, None, f"/claims/{j}/align_id", f"align_id {aid!r} has no en counterpart", "info"
                )
            )
    return out


def validate_gold_file(path: Path) -> tuple[Mapping[str, Any] | None, list[Problem]]:
    """Read and check one gold file: (the document if it is schema-valid, its problems)."""
    checked = _check_gold_file(path)
    return (checked.document if not checked.schema_errors else None), checked.problems


@dataclass
class _CheckedFile:
    problems: list[Problem]
    document: Mapping[str, Any] | None = None
    """The document with every claim and distractor that failed the schema replaced by None; None when
    the document's own fields failed it (nothing more can be checked)."""
    schema_errors: bool = False
    identity: tuple[str, str] | None = None
    """(pair_id, lang), from the document or else from the file name."""
    lines: dict[str, int] = dataclasses.field(default_factory=dict)
    """The file's JSON pointers -> lines (bench.jsonloc.pointer_lines), to locate cross-file problems."""


_DOCUMENT_FIELDS = (
    "doc_id",
    "pair_id",
    "lang",
    "split",
    "title",
    "text",
    "published",
    "claims",
    "distractors",
)
"""The fields the semantic checks read: a schema error in one of them (other than inside one claim or
distractor) stops the semantic checks of the file."""
_NAMED = re.compile(r"^(?P<pair>.+)\.(?P<lang>en|fr)\.json$")


def _check_gold_file(path: Path) -> _CheckedFile:
    """Schema and semantic checks of one gold file. A schema error inside one claim or distractor leaves
    the rest of the file checked, so one run reports every problem."""
    p = str(path)
    named = _NAMED.match(path.name)
    identity = (named["pair"], named["lang"]) if named else None
    try:
        text = read_text(path)
        data = parse_json(path, text, unique_keys=True)
    except InputError as e:
        return _CheckedFile([Problem(p, e.line, e.pointer, e.message)], identity=identity)
    lines = pointer_lines(text)
    errs = schema_errors("gold-document", data)
    problems = [Problem(p, line_for(lines, ptr), ptr, msg) for ptr, msg in errs]
    doc = masked_document(data, [ptr for ptr, _ in errs])
    if isinstance(data, dict) and isinstance(data.get("pair_id"), str) and data.get("lang") in ("en", "fr"):
        identity = (data["pair_id"], data["lang"])
    if doc is None:
        return _CheckedFile(problems, schema_errors=True, identity=identity)
    problems += [Problem(p, line_for(lines, ptr), ptr, msg) for ptr, msg in check_gold_document(doc)]
    if path.name.endswith(".json") and path.name != f"{doc['doc_id']}.json":
        problems.append(
            Problem(p, line_for(lines, "/doc_id"), "/doc_id", f"file should be named {doc['doc_id']}.json")
        )
    return _CheckedFile(problems, doc, bool(errs), identity, lines)


def masked_document(data: Any, error_pointers: Iterable[str]) -> Mapping[str, Any] | None:
    """data with the claims and distractors that have schema errors replaced by None, or None if an
    error touches the document's own fields that the semantic checks read."""
    bad: dict[str, set[int]] = {"claims": set(), "distractors": set()}
    for ptr in error_pointers:
        parts = ptr.split("/")
        if len(parts) > 2 and parts[1] in bad and parts[2].isdigit():
            bad[parts[1]].add(int(parts[2]))
        elif (ptr == "" and not _document_fields_sound(data)) or (ptr != "" and parts[1] in _DOCUMENT_FIELDS):
            return None
    out = dict(data)
    for key, indexes in bad.items():
        if indexes:
            out[key] = [None if i in indexes else x for i, x in enumerate(data[key])]
    return out


def _document_fields_sound(data: Any) -> bool:
    """An error at the root (an unknown or missing field) leaves the checked fields usable."""
    if not isinstance(data, dict):
        return False
    strings = all(isinstance(data.get(k), str) for k in _DOCUMENT_FIELDS[:7])
    lists = isinstance(data.get("claims"), list) and isinstance(data.get("distractors", []), list)
    return strings and lists


def validate_gold(paths: Iterable[Path]) -> tuple[list[tuple[str, Mapping[str, Any]]], list[Problem]]:
    """Validate many gold files together, cross-document rules included. The documents returned are the
    schema-valid ones."""
    valid: list[tuple[str, Mapping[str, Any]]] = []
    checked_docs: list[tuple[str, Mapping[str, Any]]] = []
    unreadable: set[tuple[str, str]] = set()
    problems: list[Problem] = []
    lines: dict[str, dict[str, int]] = {}
    for path in paths:
        checked = _check_gold_file(path)
        problems += checked.problems
        if checked.document is None:
            if checked.identity is not None:
                unreadable.add(checked.identity)
            continue
        checked_docs.append((str(path), checked.document))
        if not checked.schema_errors:
            valid.append((str(path), checked.document))
        lines[str(path)] = checked.lines
    for pr in check_pairs(checked_docs, frozenset(unreadable)):
        line = line_for(lines.get(pr.path, {}), pr.pointer)
        problems.append(Problem(pr.path, line, pr.pointer, pr.message, pr.severity))
    return valid, problems


def validate_predictions_file(
    path: Path, known_doc_ids: frozenset[str] | None = None
) -> tuple[list[tuple[int, Mapping[str, Any]]], list[Problem]]:
    """Check every line of a predictions JSONL file: ((line, record) of valid lines, problems)."""
    p = str(path)
    good: list[tuple[int, Mapping[str, Any]]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    try:
        for lineno, rec in iter_jsonl_values(path):
            if isinstance(rec, InputError):
                problems.append(Problem(p, rec.line or lineno, rec.pointer, rec.message))
                continue
            found = prediction_problems(rec, known_doc_ids)
            if not found and rec["doc_id"] in seen:
                found = [
                    ("/doc_id", f"duplicate doc_id {rec['doc_id']!r} (first on line {seen[rec['doc_id']]})")
                ]
            if found:
                problems += [Problem(p, lineno, ptr, msg) for ptr, msg in found]
                continue
            seen[rec["doc_id"]] = lineno
            good.append((lineno, rec))
    except InputError as e:
        problems.append(Problem(p, e.line, e.pointer, e.message))
    return good, problems


def prediction_problems(rec: Any, known_doc_ids: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """Schema and semantic problems of one prediction record, as (pointer, message). The JSON Schema
    decides (and words the messages) only for a record that is not plainly valid."""
    errs = [] if plainly_valid_prediction(rec) else schema_errors("prediction", rec)
    if errs:
        return errs
    out = []
    if known_doc_ids is not None and rec["doc_id"] not in known_doc_ids:
        out.append(("/doc_id", f"unknown doc_id {rec['doc_id']!r}: not in the gold"))
    for i, c in enumerate(rec["claims"]):
        ev = c.get("evidence")
        if ev and "start" in ev and "end" in ev and ev["end"] < ev["start"]:
            out.append((f"/claims/{i}/evidence/end", f"{ev['end']} is before start {ev['start']}"))
    return out


# ---- the fast path of prediction validation ------------------------------------------------------------
# Validating a record with jsonschema costs milliseconds; most records are of the plainest valid form, which
# these predicates recognize in microseconds. They are a sufficient condition only (property-tested to imply
# schema validity): a record they refuse goes to the schema, which decides and gives the located message.

_PREDICTION_KEYS = frozenset({"schema_version", "doc_id", "claims", "error", "doc_hash", "latency_s"})
_CLAIM_KEYS = frozenset(
    {
        "claim_id",
        "align_id",
        "metric",
        "value",
        "value_high",
        "unit",
        "period",
        "yoy_change",
        "yoy_unit",
        "qualifier",
        "evidence",
        "confidence",
    }
)
_EVIDENCE_KEYS = frozenset({"start", "end", "text"})
_QUALIFIERS = frozenset({"exact", "approx", "lower_bound", "upper_bound", "range"})
_SURFACE_MAX = 500
_NUMBER_TEXT_MAX = 200


def plainly_valid_prediction(rec: Any) -> bool:
    """True only if rec is certainly a valid prediction line (see the comment above)."""
    if type(rec) is not dict or not rec.keys() <= _PREDICTION_KEYS:
        return False
    get = rec.get
    doc_id, claims, latency, version = (
        get("doc_id"),
        get("claims"),
        get("latency_s", 0),
        get("schema_version"),
    )
    return (
        type(doc_id) is str
        and len(doc_id) >= 1
        and type(claims) is list
        and (("schema_version" not in rec) or (type(version) is str and version == "1.0.0"))
        and _optional_str(get("error"))
        and ("doc_hash" not in rec or type(rec["doc_hash"]) is str)
        and type(latency) in (int, float)
        and 0 <= latency < math.inf
        and all(plainly_valid_claim(c) for c in claims)
    )


def plainly_valid_claim(c: Any) -> bool:
    """True only if c is certainly a valid predicted claim object (see the comment above)."""
    if type(c) is not dict or not c.keys() <= _CLAIM_KEYS:
        return False
    get = c.get
    qualifier, confidence, ev = get("qualifier"), get("confidence"), get("evidence")
    return (
        ("claim_id" not in c or type(c["claim_id"]) is str)
        and _optional_str(get("align_id"))
        and _surface(get("metric"))
        and _surface(get("unit"))
        and _surface(get("period"))
        and _surface(get("yoy_unit"))
        and _lenient_number(get("value"))
        and _lenient_number(get("value_high"))
        and _lenient_number(get("yoy_change"))
        and (qualifier is None or (type(qualifier) is str and qualifier in _QUALIFIERS))
        and (confidence is None or (type(confidence) in (int, float) and 0 <= confidence <= 1))
        and (ev is None or _plain_evidence(ev))
    )


def _optional_str(x: Any) -> bool:
    return x is None or type(x) is str


def _surface(x: Any) -> bool:
    return x is None or (type(x) is str and len(x) <= _SURFACE_MAX)


def _lenient_number(x: Any) -> bool:
    """A finite int/float (not bool), a number as written (1..200 characters), or None."""
    if x is None:
        return True
    if type(x) is str:
        return 1 <= len(x) <= _NUMBER_TEXT_MAX
    return type(x) is int or (type(x) is float and math.isfinite(x))


def _plain_evidence(ev: Any) -> bool:
    if type(ev) is not dict or not ev.keys() <= _EVIDENCE_KEYS:
        return False
    start = ev.get("start", 0)
    end, text = ev.get("end", start), ev.get("text", "")
    return type(start) is int and type(end) is int and 0 <= start <= end and type(text) is str
