"""Counts(tp, fp, fn) and the ratios derived from them. Counts are what we keep and add; precision, recall
and F1 are always derived, never stored next to them.

Zero-division policy (stated once, used everywhere, never an epsilon):
- precision = tp / (tp + fp), and 1.0 when nothing was predicted (tp + fp = 0);
- recall    = tp / (tp + fn), and 1.0 when there was nothing to find (tp + fn = 0);
- F1        = 2 tp / (2 tp + fp + fn), and 1.0 when tp = fp = fn = 0.
So "nothing to find and nothing predicted" is perfect, a prediction where there is nothing to find gives
F1 0, and finding nothing where there is something gives F1 0. F1 equals the harmonic mean of the
precision and recall above whenever that mean is defined.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one field (or of claims) in one group."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return 1.0 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def found_share(self) -> float | None:
        """Recall with no vacuous 1: None when there is nothing to find (the per-tag tables' figure)."""
        return self.recall if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 1.0 if d == 0 else 2 * self.tp / d

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def total(counts: list[Counts]) -> Counts:
    """Micro pooling: the sum of the counts."""
    out = Counts()
    for c in counts:
        out = out + c
    return out


def f1_array(tp: NDArray[Any], fp: NDArray[Any], fn: NDArray[Any]) -> NDArray[np.float64]:
    """Vectorized F1 with the same zero-division policy as Counts.f1 (for the bootstrap)."""
    d = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(d == 0, 1.0, 2 * tp / np.where(d == 0, 1, d)).astype(np.float64)


def precision_array(tp: NDArray[Any], fp: NDArray[Any]) -> NDArray[np.float64]:
    d = tp + fp
    return np.where(d == 0, 1.0, tp / np.where(d == 0, 1, d)).astype(np.float64)


def recall_array(tp: NDArray[Any], fn: NDArray[Any]) -> NDArray[np.float64]:
    d = tp + fn
    return np.where(d == 0, 1.0, tp / np.where(d == 0, 1, d)).astype(np.float64)
