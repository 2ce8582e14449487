"""One-to-one alignment of predicted claims with gold claims inside one document.

Rule: maximum-weight bipartite matching (scipy.optimize.linear_sum_assignment). The weight of a pair is
the number of fields on which it agrees, the value counting double (metric 1, value 2, unit 1, period 1,
yoy_change 1), plus the Jaccard overlap of the two evidence spans scaled so that all overlaps of a document
together weigh less than one agreeing field: overlap only breaks ties. A pair is admissible only if it
agrees on at least ``min_agree`` fields (value counted once); inadmissible pairs are never matched.
Remaining ties are broken deterministically: the scorer puts predictions in a canonical order (by their
normalized content) and gold claims in claim_id order before matching, so input order never matters.
No prediction and no gold claim is ever used twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

FIELD_WEIGHTS = np.array([1, 2, 1, 1, 1], dtype=np.int64)
"""Weight of each agreeing field, in bench.types.FIELDS order (metric, value, unit, period, yoy_change)."""


@dataclass(frozen=True)
class AlignRule:
    """The alignment rule's one parameter; its name goes into the signature."""

    min_agree: int = 2

    def __post_init__(self) -> None:
        if self.min_agree < 1:
            raise ValueError("min_agree must be at least 1: a pair agreeing on nothing is no pair")

    @property
    def name(self) -> str:
        return f"hungarian-min{self.min_agree}"


@dataclass(frozen=True)
class Alignment:
    """Pairs (prediction index, gold index), sorted by gold index; gold claims missed; predictions spurious.
    Indices point back into the claim sequences the alignment was computed for."""

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]


def pair_weights(
    agree: NDArray[np.bool_], overlap: NDArray[np.float64], n: NDArray[np.int64] | int, rule: AlignRule
) -> NDArray[np.float64]:
    """Weights of candidate pairs: ``agree`` is (..., 5) field agreement, ``overlap`` the evidence overlap
    in [0, 1], ``n`` the size of the largest possible matching of the pair's document. Inadmissible: 0."""
    count = agree.sum(axis=-1)
    weighted = agree.astype(np.int64) @ FIELD_WEIGHTS
    w = weighted * (np.asarray(n) + 1) + overlap
    return np.where(count >= rule.min_agree, w, 0.0)


def match(weights: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Rows and columns of the maximum-weight one-to-one matching, admissible (positive) pairs only."""
    if weights.size == 0 or not (weights > 0).any():
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    rows, cols = linear_sum_assignment(weights, maximize=True)
    keep = weights[rows, cols] > 0
    return rows[keep], cols[keep]


def align(weights: NDArray[np.float64]) -> Alignment:
    """Alignment of a (predictions x gold) weight matrix, indices in the matrix's own order."""
    n_pred, n_gold = weights.shape
    rows, cols = match(weights)
    order = np.argsort(cols, kind="stable")
    pairs = tuple((int(r), int(c)) for r, c in zip(rows[order], cols[order], strict=True))
    used_p, used_g = set(rows.tolist()), set(cols.tolist())
    return Alignment(
        pairs,
        tuple(g for g in range(n_gold) if g not in used_g),
        tuple(p for p in range(n_pred) if p not in used_p),
    )
