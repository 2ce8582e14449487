"""Checking what a runner returned for one document before it is written.

The prediction JSON Schema is the rule. Validating every claim with jsonschema costs about 0.5 ms, more than a
rule-based runner spends on a whole document, so claims first go through ``plainly_valid``: a sufficient
condition (every field of the simplest valid form) checked in microseconds, property-tested to imply schema
validity. It is the one fast path of prediction validation (bench.validate.plainly_valid_claim, also used for
predictions files). A claim that fails it is not necessarily invalid: it goes to the schema, which decides and
gives the located message."""

from __future__ import annotations

import json
from typing import Any

from bench.types import PredictedClaim
from bench.validate import plainly_valid_claim, prediction_problems


def plainly_valid(c: PredictedClaim) -> bool:
    """True only if the claim, as written to the predictions file, is certainly valid under the schema."""
    return plainly_valid_claim(c.to_json())


def output_problem(doc_id: str, claims: Any) -> str | None:
    """Why a runner's return value is not a valid prediction of doc_id (None when it is)."""
    if not isinstance(claims, list | tuple):
        return f"extract must return a list of PredictedClaim, not {type(claims).__name__}"
    for i, c in enumerate(claims):
        if not isinstance(c, PredictedClaim):
            return f"/claims/{i}: expected a PredictedClaim, not {type(c).__name__}"
    if all(plainly_valid(c) for c in claims):
        return None
    rec = {"doc_id": doc_id, "claims": [c.to_json() for c in claims]}
    problems = prediction_problems(rec)
    if problems:
        ptr, msg = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"{ptr}: {msg}{more}"
    try:
        json.dumps(rec, allow_nan=False)
    except ValueError:
        return "a number is NaN or infinite"
    return None
