"""The JSON Schema the model must answer with, derived from schemas/prediction.schema.json.

Rule: ``{"claims": [claim, ...]}`` where a claim has the prediction schema's fields that a model fills
(LLM_FIELDS), with ``$ref`` inlined, the keywords that strict structured output rejects dropped
(STRIP), every property required and no other property allowed (strict mode's requirements; a model
writes null for what it does not know). ``evidence`` becomes the evidence's ``text`` (a quote):
models cannot count characters, so the runner locates the quote in the text itself."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from bench.schema import load_schema

LLM_FIELDS = ("metric", "value", "value_high", "unit", "period", "yoy_change", "yoy_unit", "qualifier")
STRIP = frozenset({"minLength", "maxLength", "minimum", "maximum", "description", "$schema", "$id"})
SCHEMA_NAME = "claims"


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """node with every ``#/$defs/x`` reference replaced by its definition and STRIP keywords dropped."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        out = {k: _inline(v, defs) for k, v in node.items() if k not in STRIP}
        if "type" not in out and all(isinstance(x, str) for x in out.get("enum", [0])):
            out["type"] = "string"  # strict mode wants a type next to an enum
        return out
    if isinstance(node, list):
        return [_inline(x, defs) for x in node]
    return node


@cache
def _response_schema(strict: bool) -> dict[str, Any]:
    pred = load_schema("prediction")
    defs = pred["$defs"]
    claim_props = defs["predicted_claim"]["properties"]
    props: dict[str, Any] = {name: _inline(claim_props[name], defs) for name in LLM_FIELDS}
    evidence_text = claim_props["evidence"]["anyOf"][1]["properties"]["text"]
    props["evidence"] = {"anyOf": [_inline(evidence_text, defs), {"type": "null"}]}
    claim: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    root: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"claims": {"type": "array", "items": claim}},
        "required": ["claims"],
    }
    if strict:
        claim["required"] = list(props)
    return root


def response_schema(strict: bool = True) -> dict[str, Any]:
    """The answer schema; strict=False leaves claim fields optional (used to check JSON-mode answers)."""
    return copy.deepcopy(_response_schema(strict))


def response_format(mode: str) -> dict[str, Any]:
    """The ``response_format`` of a request: strict json_schema, or plain JSON mode (the fallback)."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": response_schema(strict=True)},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    raise ValueError(f"unknown response mode {mode!r}")


JSON_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "number": (int, float), "null": (type(None),)}
"""The JSON types claim properties use, as Python types (a bool is never a number: see parse._fits)."""
Alternatives = tuple[tuple[str, frozenset[Any] | None], ...]
"""A property's allowed (JSON type, enum or None) pairs."""


@cache
def claim_alternatives() -> dict[str, Alternatives]:
    """The answer schema's claim properties compiled to their (type, enum) alternatives, for a fast
    validity check (parse.is_valid_answer). Only ``type``, ``enum`` and ``anyOf`` of them occur; any
    other keyword raises, so a schema change cannot silently loosen the check."""
    claim = _response_schema(False)["properties"]["claims"]["items"]
    out: dict[str, Alternatives] = {}
    for name, prop in claim["properties"].items():
        alts = []
        for option in prop.get("anyOf", [prop]):
            extra = set(option) - {"type", "enum"}
            if extra or option.get("type") not in JSON_TYPES:
                raise ValueError(f"claim property {name!r}: cannot compile {option!r}")
            enum = option.get("enum")
            alts.append((option["type"], None if enum is None else frozenset(enum)))
        out[name] = tuple(alts)
    return out
