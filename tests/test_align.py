"""Alignment: hand-computed matchings, the weight rule, and optimality against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.align import Alignment, AlignRule, align, match, pair_weights

RULE = AlignRule()


def agree(*fields: str) -> list[bool]:
    names = ("metric", "value", "unit", "period", "yoy_change")
    return [n in fields for n in names]


@pytest.mark.parametrize(
    ("fields", "n", "expected"),
    [
        ((), 1, 0.0),  # agrees on nothing: inadmissible
        (("value",), 1, 0.0),  # one field (value counts double in weight, once in admissibility)
        (("metric", "unit"), 1, 2 * 2.0),  # weight 2, times (n + 1)
        (("metric", "value"), 1, 3 * 2.0),
        (("metric", "value", "unit", "period", "yoy_change"), 3, 6 * 4.0),
    ],
)
def test_pair_weight_table(fields: tuple[str, ...], n: int, expected: float) -> None:
    w = pair_weights(np.array([agree(*fields)]), np.array([0.0]), n, RULE)
    assert w.tolist() == [expected]


def test_overlap_only_breaks_ties() -> None:
    # two pairs with full overlap together weigh less than one extra agreeing field
    n = 2
    a = pair_weights(np.array([agree("metric", "unit")] * 2), np.array([1.0, 1.0]), n, RULE).sum()
    b = pair_weights(
        np.array([agree("metric", "unit", "period"), agree("metric", "unit")]), np.zeros(2), n, RULE
    )
    assert a < b.sum()


def test_min_agree_is_configurable() -> None:
    w = pair_weights(np.array([agree("value")]), np.array([0.0]), 1, AlignRule(1))
    assert w.tolist() == [2 * 2.0]
    assert AlignRule(3).name == "hungarian-min3"
    with pytest.raises(ValueError, match="at least 1"):
        AlignRule(0)


def test_optimal_not_greedy() -> None:
    # greedy would take the largest entry (p0, g0) = 5 and then (p1, g1) = 0: total 5.
    # optimal: (p0, g1) + (p1, g0) = 4 + 4 = 8.
    w = np.array([[5.0, 4.0], [4.0, 0.0]])
    assert align(w) == Alignment(pairs=((1, 0), (0, 1)), missed=(), spurious=())


def test_inadmissible_pairs_are_never_matched() -> None:
    w = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 0.0]])
    assert align(w) == Alignment(pairs=((1, 0),), missed=(1,), spurious=(0, 2))


def test_empty_matrices() -> None:
    assert align(np.zeros((0, 3))) == Alignment((), (0, 1, 2), ())
    assert align(np.zeros((2, 0))) == Alignment((), (), (0, 1))
    rows, cols = match(np.zeros((0, 0)))
    assert rows.size == cols.size == 0


def _brute_force(w: np.ndarray) -> float:
    n_p, n_g = w.shape
    best = 0.0
    for k in range(min(n_p, n_g) + 1):
        for ps in itertools.permutations(range(n_p), k):
            for gs in itertools.combinations(range(n_g), k):
                best = max(best, sum(w[p, g] for p, g in zip(ps, gs, strict=True)))
    return best


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 4).flatmap(
        lambda n_p: st.integers(0, 4).flatmap(
            lambda n_g: st.lists(
                st.lists(st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.5]), min_size=n_g, max_size=n_g),
                min_size=n_p,
                max_size=n_p,
            ).map(lambda rows, n_g=n_g: np.array(rows, dtype=float).reshape(len(rows), n_g))
        )
    )
)
def test_matching_is_optimal_and_one_to_one(w: np.ndarray) -> None:
    a = align(w)
    ps = [p for p, _ in a.pairs]
    gs = [g for _, g in a.pairs]
    assert len(set(ps)) == len(ps) and len(set(gs)) == len(gs)
    assert all(w[p, g] > 0 for p, g in a.pairs)
    assert sorted(ps + list(a.spurious)) == list(range(w.shape[0]))
    assert sorted(gs + list(a.missed)) == list(range(w.shape[1]))
    assert sum(w[p, g] for p, g in a.pairs) == pytest.approx(_brute_force(w))
