"""Validation against the JSON Schemas in schemas/, the single source of truth for every format."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from bench.paths import schemas_dir

SCHEMA_FILES = {
    "units": "units.schema.json",
    "gold-document": "gold-document.schema.json",
    "prediction": "prediction.schema.json",
    "run-result": "run-result.schema.json",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed schema called name (a key of SCHEMA_FILES)."""
    with (schemas_dir() / SCHEMA_FILES[name]).open(encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    resources = []
    for key in SCHEMA_FILES:
        if (schemas_dir() / SCHEMA_FILES[key]).exists():
            s = load_schema(key)
            resources.append((s["$id"], Resource.from_contents(s)))
    registry: Any = Registry().with_resources(resources)
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(name: str, instance: Any) -> list[tuple[str, str]]:
    """Every (JSON pointer, message) where instance breaks the schema, sorted by pointer."""
    found = []
    for err in _validator(name).iter_errors(instance):
        leaf = _deepest(err)
        found.append((_pointer(leaf.absolute_path), _message(leaf)))
    return sorted(set(found))


@cache
def unit_codes() -> frozenset[str]:
    """Every canonical unit code of the vocabulary."""
    defs = load_schema("units")["$defs"]
    return frozenset(c for k in ("currency", "ratio", "count", "physical") for c in defs[k]["enum"])


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(load_schema("units")["$defs"]["currency"]["enum"])


@cache
def tag_vocabulary() -> tuple[str, ...]:
    return tuple(load_schema("gold-document")["$defs"]["tag"]["enum"])


def _deepest(err: Any) -> Any:
    """For anyOf/oneOf failures, the most specific sub-error (the one that went deepest)."""
    if err.context:
        best = max(err.context, key=lambda e: (len(e.absolute_path), -len(e.message)))
        if len(best.absolute_path) > len(err.absolute_path):
            return _deepest(best)
    return err


def _pointer(path: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _message(err: Any) -> str:
    if err.validator == "additionalProperties":
        return f"unknown field: {err.message.split('(')[-1].rstrip(')')}"
    if err.validator in ("anyOf", "oneOf"):
        return f"{_short(err.instance)} is not valid here"
    if err.validator == "enum":
        allowed = err.validator_value
        shown = ", ".join(map(str, allowed[:12])) + (", ..." if len(allowed) > 12 else "")
        return f"{_short(err.instance)} is not one of: {shown}"
    return str(err.message)


def _short(x: Any) -> str:
    s = json.dumps(x, ensure_ascii=False)
    return s if len(s) <= 60 else s[:57] + "..."
