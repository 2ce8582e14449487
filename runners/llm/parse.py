"""Parsing a model's answer into predicted claims. Anything that is not the expected JSON raises
MalformedOutput: the run records it as this document's error and goes on."""

from __future__ import annotations

from functools import cache
from typing import Any

from bench.types import Evidence, PredictedClaim
from runners.llm.schema import JSON_TYPES, LLM_FIELDS, claim_alternatives, response_schema


def _path(err: Any) -> list[str]:
    return [str(p) for p in err.absolute_path]


class MalformedOutput(ValueError):
    """The model's answer is not JSON of the answer schema. The message is one line."""


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(response_schema(strict=False))


def _fits(value: Any, json_type: str, enum: frozenset[Any] | None) -> bool:
    if isinstance(value, bool):
        return False  # JSON Schema: true is not a number, and no claim property is boolean
    return isinstance(value, JSON_TYPES[json_type]) and (enum is None or value in enum)


def is_valid_answer(data: Any) -> bool:
    """Whether data is valid under the answer schema (strict=False): the same verdict as jsonschema,
    in a fraction of its time (a test checks both agree). Error messages still come from jsonschema."""
    if not isinstance(data, dict) or set(data) != {"claims"} or not isinstance(data["claims"], list):
        return False
    rules = claim_alternatives()
    for claim in data["claims"]:
        if not isinstance(claim, dict):
            return False
        for key, value in claim.items():
            alts = rules.get(key)
            if alts is None or not any(_fits(value, t, e) for t, e in alts):
                return False
    return True


def locate(text: str, quote: str | None) -> Evidence | None:
    """Evidence offsets of the first exact occurrence of quote in text; None when absent or empty."""
    if not quote:
        return None
    start = text.find(quote)
    return None if start < 0 else Evidence(start, start + len(quote), quote)


def parse_claims(content: str | None, text: str) -> list[PredictedClaim]:
    """The claims of an answer ``{"claims": [...]}`` (fields as in the answer schema; missing ones are null),
    evidence quotes located in the document text."""
    from bench.jsonloc import loads_strict

    if content is None or not content.strip():
        raise MalformedOutput("the model returned no content")
    try:
        data = loads_strict(content)
    except ValueError as e:
        raise MalformedOutput(f"the model's answer is not JSON: {str(e).splitlines()[0]}") from None
    errors = [] if is_valid_answer(data) else sorted(_validator().iter_errors(data), key=_path)
    if errors:
        err = errors[0]
        where = "/" + "/".join(str(p) for p in err.absolute_path)
        raise MalformedOutput(f"the model's answer breaks the schema at {where}: {err.message[:200]}")
    claims = []
    for item in data["claims"]:
        fields = {name: item.get(name) for name in LLM_FIELDS}
        claims.append(PredictedClaim(**fields, evidence=locate(text, item.get("evidence"))))
    return claims
