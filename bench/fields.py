"""The per-field rules: when a predicted field is correct against a gold field. Each rule exists twice with
one meaning: a scalar form (for one pair, used by error analysis and as the reference in tests) and a
vectorized numpy form (for all candidate pairs of many documents at once, used by the scorer).

- value: relative tolerance ``rtol`` (|p - g| <= rtol * max(|p|, |g|)); a range compares both ends (a
  single value is the range [v, v]). A gold ``alternative`` counts as its value and unit together: the
  predicted value may match an alternative's only when the predicted unit is that alternative's or missing
  ("2.32 billion yuan" for "16.5 billion yuan (about 2.32 billion U.S. dollars)" is a wrong value).
- unit: canonical equality with the gold unit, or with the unit of an alternative the value matched.
- period: canonical equality.
- yoy_change: same yoy_unit, and |p - g| <= ``yoy_atol`` for relative changes (percent, pp); absolute
  changes (yoy_unit a unit code, GUIDELINE-NOTES rule 3) use the value rule.
- metric: token F1 (bench.normalize.token_f1, on multisets; max over the gold metric and its aliases)
  >= ``metric_threshold``.
A null predicted field is never correct; a null gold field cannot be matched (see bench.score for counting).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.normalize import token_f1

RELATIVE_YOY_UNITS = frozenset({"percent", "pp"})
"""yoy units compared with the absolute tolerance; any other yoy_unit is an absolute change."""

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


# ---- scalar forms -------------------------------------------------------------------------------------


def close(p: float | None, g: float | None, rtol: float) -> bool:
    """The value rule for two numbers: |p - g| <= rtol * max(|p|, |g|); False if either is missing."""
    if p is None or g is None:
        return False
    return abs(p - g) <= rtol * max(abs(p), abs(g))


def range_close(p: float | None, ph: float | None, g: float | None, gh: float | None, rtol: float) -> bool:
    """Both ends agree; a missing high end means the single value [v, v]."""
    return close(p, g, rtol) and close(p if ph is None else ph, g if gh is None else gh, rtol)


def yoy_close(
    p: float | None, pu: str | None, g: float | None, gu: str | None, atol: float, rtol: float
) -> bool:
    """Same yoy_unit, then the absolute tolerance for percent/pp and the value rule for absolute changes."""
    if p is None or g is None or pu is None or pu != gu:
        return False
    if gu in RELATIVE_YOY_UNITS:
        return abs(p - g) <= atol
    return close(p, g, rtol)


def span_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """Jaccard overlap of two character spans [start, end): the alignment's tie-breaker."""
    if a is None or b is None:
        return 0.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


@dataclass(frozen=True)
class Verdicts:
    """Correctness of each field of one (prediction, gold) pair, and the soft metric score."""

    metric: bool
    value: bool
    unit: bool
    period: bool
    yoy_change: bool
    metric_f1: float

    def as_tuple(self) -> tuple[bool, bool, bool, bool, bool]:
        return (self.metric, self.value, self.unit, self.period, self.yoy_change)


def verdicts(
    pred: Any,
    gold: Any,
    gold_variant_tokens: Sequence[Sequence[str]],
    *,
    value_rtol: float,
    yoy_atol: float,
    metric_threshold: float,
) -> Verdicts:
    """All field rules for one pair. ``pred`` is a bench.normalize.NormalizedClaim, ``gold`` a GoldClaim."""
    f1 = max((token_f1(pred.metric_tokens, v) for v in gold_variant_tokens), default=0.0)
    metric_ok = pred.metric is not None and f1 >= metric_threshold
    value_ok = range_close(pred.value, pred.value_high, gold.value, gold.value_high, value_rtol)
    unit_ok = pred.unit is not None and pred.unit == gold.unit
    for alt in gold.alternatives:
        same_unit = pred.unit is not None and pred.unit == alt.unit
        if (pred.unit is None or same_unit) and range_close(
            pred.value, pred.value_high, alt.value, alt.value_high, value_rtol
        ):
            value_ok = True
            unit_ok = unit_ok or same_unit
    period_ok = pred.period is not None and pred.period == gold.period
    yoy_ok = yoy_close(pred.yoy_change, pred.yoy_unit, gold.yoy_change, gold.yoy_unit, yoy_atol, value_rtol)
    return Verdicts(metric_ok, value_ok, unit_ok, period_ok, yoy_ok, f1)


# ---- vectorized forms ---------------------------------------------------------------------------------


def close_v(p: FloatArray, g: FloatArray, rtol: float) -> BoolArray:
    """close() over arrays; NaN stands for a missing number and never agrees."""
    with np.errstate(invalid="ignore"):
        out: BoolArray = np.abs(p - g) <= rtol * np.maximum(np.abs(p), np.abs(g))
    return out


def range_close_v(p: FloatArray, ph: FloatArray, g: FloatArray, gh: FloatArray, rtol: float) -> BoolArray:
    """range_close() over arrays; the high arrays already hold the value where there is no range."""
    return close_v(p, g, rtol) & close_v(ph, gh, rtol)


def yoy_close_v(
    p: FloatArray,
    pu: NDArray[np.int64],
    g: FloatArray,
    gu: NDArray[np.int64],
    relative: BoolArray,
    atol: float,
    rtol: float,
) -> BoolArray:
    """yoy_close() over arrays; units are codes (-1 missing), ``relative`` marks percent/pp gold units."""
    with np.errstate(invalid="ignore"):
        near = np.where(relative, np.abs(p - g) <= atol, close_v(p, g, rtol))
    out: BoolArray = (pu == gu) & (pu >= 0) & near
    return out


def codes_equal_v(p: NDArray[np.int64], g: NDArray[np.int64]) -> BoolArray:
    """Canonical equality of coded strings; -1 (missing) never agrees."""
    out: BoolArray = (p == g) & (p >= 0)
    return out


def span_overlap_v(
    ps: NDArray[np.int64], pe: NDArray[np.int64], gs: NDArray[np.int64], ge: NDArray[np.int64]
) -> FloatArray:
    """span_overlap() over arrays; a predicted start of -1 means no evidence."""
    inter = np.maximum(0, np.minimum(pe, ge) - np.maximum(ps, gs))
    union = (pe - ps) + (ge - gs) - inter
    out = np.where((ps >= 0) & (union > 0), inter / np.maximum(union, 1), 0.0)
    return out.astype(np.float64)


def is_relative_yoy(unit: str | None) -> bool:
    return unit in RELATIVE_YOY_UNITS


def nan_if_none(x: float | None) -> float:
    return math.nan if x is None else float(x)
