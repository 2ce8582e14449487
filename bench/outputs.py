"""Checking what a runner returned for one document before it is written.

The prediction JSON Schema is the rule. Validating every claim with jsonschema costs about 0.5 ms, more than a
rule-based runner spends on a whole document, so claims first go through ``plainly_valid``: a sufficient
condition (every field of the simplest valid form) checked in microseconds, property-tested to imply schema
validity. A claim that fails it is not necessarily invalid: it goes to the schema, which decides and gives
the located message."""

from __future__ import annotations

import json
import math
from typing import Any

from bench.types import PredictedClaim
from bench.validate import prediction_problems

_QUALIFIERS = frozenset({"exact", "approx", "lower_bound", "upper_bound", "range"})
_SURFACE_MAX = 500
_NUMBER_TEXT_MAX = 200


def _number(x: Any) -> bool:
    """A finite int/float (not bool), a number as written (1..200 characters), or None."""
    if x is None:
        return True
    if isinstance(x, str):
        return 1 <= len(x) <= _NUMBER_TEXT_MAX
    return type(x) in (int, float) and math.isfinite(x)


def _surface(x: Any) -> bool:
    return x is None or (isinstance(x, str) and len(x) <= _SURFACE_MAX)


def plainly_valid(c: PredictedClaim) -> bool:
    """True only if the claim is certainly valid under the prediction schema (see the module docstring)."""
    ev = c.evidence
    return (
        (c.claim_id is None or isinstance(c.claim_id, str))
        and (c.align_id is None or isinstance(c.align_id, str))
        and _surface(c.metric)
        and _surface(c.unit)
        and _surface(c.period)
        and _surface(c.yoy_unit)
        and _number(c.value)
        and _number(c.value_high)
        and _number(c.yoy_change)
        and (c.qualifier is None or (isinstance(c.qualifier, str) and c.qualifier in _QUALIFIERS))
        and (c.confidence is None or (type(c.confidence) in (int, float) and 0 <= c.confidence <= 1))
        and (
            ev is None
            or (
                type(ev.start) is int
                and type(ev.end) is int
                and ev.start >= 0
                and ev.end >= 0
                and isinstance(ev.text, str)
            )
        )
    )


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
