"""Normalizers: predicted surface forms (EN and FR newswire) -> the gold's canonical forms.

Pure, deterministic, versioned functions shared by the scorer and the baseline runner. One module per kind
of field; each module's docstring states its rules:
numbers (``1,73 million``), units (``milliards de yuans`` -> CNY), periods (``premier semestre 2024`` ->
2024-H1), yoy (``recul de 3,1 %`` -> (-3.1, percent)), metric (token F1), claim (a whole PredictedClaim)."""

from __future__ import annotations

from bench.normalize.claim import NormalizedClaim, normalize_claim, normalize_qualifier
from bench.normalize.metric import metric_similarity, metric_tokens, token_f1
from bench.normalize.numbers import NumberMatch, find_numbers, parse_number, parse_range
from bench.normalize.periods import PeriodMatch, collapse, find_periods, is_canonical, normalize_period
from bench.normalize.units import currency_before, normalize_unit, unit_at
from bench.normalize.yoy import is_decrease, normalize_yoy

NORMALIZER_VERSION = "4"
"""Bumped whenever any normalizer's output may change; part of every score signature."""

__all__ = [
    "NORMALIZER_VERSION",
    "NormalizedClaim",
    "NumberMatch",
    "PeriodMatch",
    "collapse",
    "currency_before",
    "find_numbers",
    "find_periods",
    "is_canonical",
    "is_decrease",
    "metric_similarity",
    "metric_tokens",
    "normalize_claim",
    "normalize_period",
    "normalize_qualifier",
    "normalize_unit",
    "normalize_yoy",
    "parse_number",
    "parse_range",
    "token_f1",
    "unit_at",
]
