"""A predicted claim -> its normalized form, the one the scorer compares with the gold."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

from bench.normalize.metric import metric_tokens
from bench.normalize.numbers import find_numbers, parse_number, parse_range
from bench.normalize.periods import is_canonical, normalize_period
from bench.normalize.text import fold
from bench.normalize.units import currency_before, normalize_unit, unit_at
from bench.normalize.yoy import normalize_yoy
from bench.schema import unit_codes
from bench.types import Evidence, Lang, PredictedClaim, Qualifier

_QUALIFIERS: frozenset[str] = frozenset(get_args(Qualifier))
_QUALIFIER_WORDS = {
    "approximate": "approx", "approximately": "approx", "about": "approx", "around": "approx",
    "some": "approx", "roughly": "approx", "lower bound": "lower_bound",
    "at least": "lower_bound", "more than": "lower_bound",
    "over": "lower_bound", "min": "lower_bound", "minimum": "lower_bound", "upper bound": "upper_bound",
    "at most": "upper_bound", "less than": "upper_bound", "nearly": "upper_bound", "max": "upper_bound",
    "maximum": "upper_bound", "interval": "range", "range": "range", "exactly": "exact", "environ": "approx",
    "quelque": "approx", "approximativement": "approx", "plus de": "lower_bound", "au moins": "lower_bound",
    "au-dela de": "lower_bound", "depasse": "lower_bound", "exceeded": "lower_bound",
    "surpassed": "lower_bound", "pres de": "upper_bound", "presque": "upper_bound", "moins de": "upper_bound",
    "jusqu'a": "upper_bound", "up to": "upper_bound", "almost": "upper_bound", "entre": "range",
    "between": "range",
}  # fmt: skip


@dataclass(frozen=True)
class NormalizedClaim:
    """A claim in canonical form: numbers as floats, unit and yoy_unit as vocabulary codes, period
    canonical; a field the normalizer could not read is None."""

    metric: str | None
    metric_tokens: tuple[str, ...]
    value: float | None
    value_high: float | None
    unit: str | None
    period: str | None
    yoy_change: float | None
    yoy_unit: str | None
    qualifier: str | None
    evidence: Evidence | None


def normalize_claim(
    claim: PredictedClaim, lang: Lang, published: str, *, strict: bool = False
) -> NormalizedClaim:
    """Normalize every field of a predicted claim for a document in lang published on published.

    strict=True turns normalization off: numbers count only as JSON numbers, unit and yoy_unit only as
    vocabulary codes, the period only in canonical form, the qualifier only as a vocabulary word; anything
    else becomes None. The metric is compared as tokens in both modes.
    Lenient mode also reads a range from a value string (``"1.2-1.5 million"``) and, when the unit is
    missing, the unit written in the value string (``"16.5 billion yuan"``; what follows the number is read
    as a unit field, so ``"237,6 milliards de FCFA"`` is XOF as the unit ``FCFA`` would be)."""
    metric = claim.metric if isinstance(claim.metric, str) and claim.metric.strip() else None
    tokens = metric_tokens(metric, lang) if metric else ()
    if strict:
        return NormalizedClaim(
            metric=metric,
            metric_tokens=tokens,
            value=_strict_number(claim.value),
            value_high=_strict_number(claim.value_high),
            unit=_code(claim.unit),
            period=claim.period if isinstance(claim.period, str) and is_canonical(claim.period) else None,
            yoy_change=_strict_number(claim.yoy_change),
            yoy_unit=_code(claim.yoy_unit),
            qualifier=claim.qualifier if claim.qualifier in _QUALIFIERS else None,
            evidence=claim.evidence,
        )
    raw_value = _scalar(claim.value)
    value = parse_number(raw_value, lang)
    value_high = parse_number(_scalar(claim.value_high), lang)
    if value is None and isinstance(raw_value, str):
        pair = parse_range(raw_value, lang)
        if pair is not None:
            value, high = pair
            value_high = value_high if value_high is not None else high
    unit = normalize_unit(_text(claim.unit), lang)
    if unit is None and claim.unit is None and isinstance(raw_value, str):
        unit = _unit_in(raw_value, lang)
    yoy_change, yoy_unit = normalize_yoy(_scalar(claim.yoy_change), _text(claim.yoy_unit), lang)
    if yoy_change is None and claim.yoy_change is None and claim.yoy_unit is not None:
        yoy_unit = None
    return NormalizedClaim(
        metric=metric,
        metric_tokens=tokens,
        value=value,
        value_high=value_high,
        unit=unit,
        period=normalize_period(_text(claim.period), lang, published),
        yoy_change=yoy_change,
        yoy_unit=yoy_unit,
        qualifier=normalize_qualifier(claim.qualifier),
        evidence=claim.evidence,
    )


def normalize_qualifier(text: str | None) -> str | None:
    """A qualifier word of the vocabulary (``lower_bound``, ``approx``...), from its code, its spelling with
    spaces or hyphens, or a common paraphrase (``more than`` -> lower_bound); None otherwise."""
    if not isinstance(text, str):
        return None
    key = " ".join(fold(text).replace("_", " ").split())
    code = key.replace(" ", "_").replace("-", "_")
    if code in _QUALIFIERS:
        return code
    return _QUALIFIER_WORDS.get(key)


def _scalar(x: object) -> str | float | int | None:
    """A lenient field as a string or number; anything else (a list, an object from bad JSON) is None."""
    return x if isinstance(x, (str, float, int)) and not isinstance(x, bool) else None


def _text(x: object) -> str | None:
    return x if isinstance(x, str) else None


def _code(x: object) -> str | None:
    return x if isinstance(x, str) and x in unit_codes() else None


def _strict_number(x: object) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    value = float(x)
    return value if math.isfinite(value) else None


def _unit_in(text: str, lang: Lang) -> str | None:
    found = find_numbers(text, lang)
    if not found:
        return None
    after = unit_at(text, found[-1].end, lang)
    if after is not None:
        return after[0]
    before = currency_before(text, found[0].start)
    if before is not None:
        return before[0]
    rest = text[found[-1].end :]  # read as a unit field: "milliards de FCFA"
    return normalize_unit(rest, lang) if rest.strip() else None
