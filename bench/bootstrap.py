"""Confidence intervals and significance by bootstrap over article pairs.

Claims of one article are correlated, and so are the two language versions of an article, so the unit
resampled is the article pair (pair_id): each resample draws as many pairs as there are, with replacement,
and sums their per-document count arrays (tp, fp, fn per language and row). Every statistic is then
recomputed from the summed counts, exactly as the point estimate is. Vectorized: a resample is a row of
draw counts, and all sums are one matrix product per batch of resamples. Percentile intervals; fixed seed.

Paired test (as sacrebleu's paired bootstrap): both systems are resampled with the same draws; the
differences of the statistic are shifted to mean zero (the null hypothesis of no difference) and the
p-value is (1 + #resamples whose |shifted difference| >= |observed difference|) / (1 + resamples).
One deliberate difference from sacrebleu: ties count (>=, where sacrebleu counts only >), so a system
compared with itself gets p = 1, not p = 1/(resamples + 1).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from bench.counts import f1_array
from bench.types import FIELDS, LANGS, Lang

if TYPE_CHECKING:
    from bench.score import Evaluation, Interval

BATCH = 64
"""Resamples summed per matrix product (bounds memory at BATCH x pairs floats)."""


def pair_counts(ev: Evaluation, langs: Sequence[Lang]) -> NDArray[np.float64]:
    """(pairs, languages, rows, 3) counts: each article pair's documents' counts by language."""
    from bench.score import N_ROWS

    pair_ids = sorted({d.pair_id for d in ev.docs})
    index = {p: i for i, p in enumerate(pair_ids)}
    out = np.zeros((len(pair_ids), len(langs), N_ROWS, 3))
    pi = np.array([index[d.pair_id] for d in ev.docs], dtype=np.int64)
    for j, lang in enumerate(langs):
        sel = np.array([d.lang == lang for d in ev.docs], dtype=bool)
        np.add.at(out[:, j], pi[sel], ev.doc_counts[sel])
    return out


def statistic_names(langs: Sequence[Lang]) -> list[str]:
    """Names of the statistics computed by ``statistics``, in order."""
    from bench.score import ROWS

    names = [f"{lang}.{r}" for lang in langs for r in ROWS]
    names += [f"micro.{r}" for r in ROWS] + [f"macro.{r}" for r in ROWS] + ["headline"]
    return names


def statistics(c: NDArray[np.float64]) -> NDArray[np.float64]:
    """F1 statistics from summed counts (..., languages, rows, 3): per language and row, micro per row,
    macro per row, and the headline (mean F1 over languages and the five fields)."""
    per = f1_array(c[..., 0], c[..., 1], c[..., 2])  # (..., L, R)
    m = c.sum(axis=-3)
    micro = f1_array(m[..., 0], m[..., 1], m[..., 2])
    macro = per.mean(axis=-2)
    headline = per[..., : len(FIELDS)].mean(axis=(-1, -2))
    lead = per.shape[:-2]
    return np.concatenate([per.reshape(*lead, -1), micro, macro, headline[..., None]], axis=-1)


def resampled_sums(c: NDArray[np.float64], n: int, seed: int) -> Iterator[NDArray[np.float64]]:
    """Batches of bootstrap sums of ``c`` (pairs, ...) over its first axis: arrays (batch, ...)."""
    rng = np.random.default_rng(seed)
    k = c.shape[0]
    flat = c.reshape(k, -1)
    done = 0
    while done < n:
        b = min(BATCH, n - done)
        draws = rng.integers(0, k, size=(b, k))
        w = np.bincount((draws + np.arange(b)[:, None] * k).ravel(), minlength=b * k).reshape(b, k)
        yield (w.astype(np.float64) @ flat).reshape(b, *c.shape[1:])
        done += b


def bootstrap_statistics(c: NDArray[np.float64], n: int, seed: int) -> NDArray[np.float64]:
    """(n, statistics) over n resamples."""
    if c.shape[0] == 0 or n == 0:
        return np.zeros((0, c.shape[1] * c.shape[2] + 2 * c.shape[2] + 1))
    return np.concatenate([statistics(s) for s in resampled_sums(c, n, seed)])


def percentile_interval(
    samples: NDArray[np.float64], confidence: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(samples, [alpha, 1 - alpha], axis=0)
    return lo, hi


def intervals(ev: Evaluation, langs: Sequence[Lang]) -> dict[str, Interval]:
    """Percentile intervals of every F1 statistic, keyed ``<lang|micro|macro>.<row>`` and ``headline``."""
    from bench.score import Interval

    c = pair_counts(ev, langs)
    samples = bootstrap_statistics(c, ev.config.bootstrap, ev.config.seed)
    if not len(samples):
        return {}
    lo, hi = percentile_interval(samples, ev.config.confidence)
    return {
        name: Interval(float(a), float(b)) for name, a, b in zip(statistic_names(langs), lo, hi, strict=True)
    }


@dataclass(frozen=True)
class PairedTest:
    """Result of a paired bootstrap test of system B against system A on one statistic."""

    statistic: str
    a: float
    b: float
    p_value: float
    resamples: int
    seed: int

    @property
    def difference(self) -> float:
        return self.b - self.a


def paired_test(
    a: Evaluation, b: Evaluation, statistic: str = "headline", n: int = 1000, seed: int = 12345
) -> PairedTest:
    """Paired bootstrap test of two prediction sets scored on the same gold documents."""
    if [d.doc_id for d in a.docs] != [d.doc_id for d in b.docs]:
        raise ValueError("the two evaluations are not on the same gold documents")
    langs = tuple(lang for lang in LANGS if any(d.lang == lang for d in a.docs))
    names = statistic_names(langs)
    if statistic not in names:
        raise ValueError(f"unknown statistic {statistic!r}; one of: {', '.join(names)}")
    k = names.index(statistic)
    ca, cb = pair_counts(a, langs), pair_counts(b, langs)
    real_a, real_b = float(statistics(ca.sum(axis=0))[k]), float(statistics(cb.sum(axis=0))[k])
    both = np.stack([ca, cb], axis=1)  # (pairs, 2, L, R, 3): same draws for both systems
    diffs = (
        np.concatenate(
            [statistics(s)[:, 1, k] - statistics(s)[:, 0, k] for s in resampled_sums(both, n, seed)]
        )
        if n and len(both)
        else np.zeros(0)
    )
    shifted = np.abs(diffs - diffs.mean()) if len(diffs) else diffs
    p = (int((shifted >= abs(real_b - real_a)).sum()) + 1) / (len(diffs) + 1)
    return PairedTest(statistic, real_a, real_b, p, n, seed)
