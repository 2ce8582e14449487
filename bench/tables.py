"""Columnar tables of gold and predicted claims for many documents: the numpy form the scorer compares.

Numbers are float64 with NaN for null; strings (units, periods, yoy units, metric tokens) are integer codes
from one shared Vocab with -1 for null. A claim's ``high`` column holds value_high, or the value itself
when the claim is no range, so a range rule compares both ends with one expression. Built once per
scoring call; predicted claims are normalized here (bench.normalize) and nowhere else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench import normalize
from bench.fields import RELATIVE_YOY_UNITS
from bench.types import Document, GoldClaim, Lang, PredictedClaim

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

_RAW_FIELDS = ("value", "value_high", "unit", "period", "yoy_change", "yoy_unit")


class Vocab:
    """Interns strings as consecutive integer codes; ``rank`` maps codes to the strings' sorted order, so
    orderings built from codes do not depend on the order strings were first seen."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def __call__(self, s: str | None) -> int:
        return -1 if s is None else self.codes.setdefault(s, len(self.codes))

    def rank(self, codes: IntArray) -> IntArray:
        """The sorted-order rank of each code (-1 stays -1)."""
        names = sorted(self.codes, key=self.codes.__getitem__)
        order = np.argsort(np.array(names, dtype=object), kind="stable") if names else np.zeros(0, np.int64)
        rank = np.empty(len(names) + 1, dtype=np.int64)
        rank[order] = np.arange(len(names))
        rank[-1] = -1
        out: IntArray = rank[codes]
        return out


@lru_cache(maxsize=1 << 16)
def gold_metric_tokens(text: str, lang: Lang) -> tuple[str, ...]:
    """Metric tokens of a gold metric or alias (cached: gold texts repeat across scoring calls)."""
    return normalize.metric_tokens(text, lang)


@dataclass(frozen=True)
class Tokens:
    """Token multisets of many owners (claims or metric variants), as flat entries."""

    owner: IntArray
    token: IntArray
    count: IntArray
    length: IntArray  # tokens per owner (with multiplicity)

    @staticmethod
    def build(seqs: Sequence[Sequence[str]], vocab: Vocab) -> Tokens:
        """Entries of owner i: the distinct tokens of seqs[i] in first-occurrence order, with counts.
        Token sequences repeat (metrics recur across claims), so each distinct one is counted once."""
        distinct: dict[tuple[str, ...], int] = {}
        which = np.fromiter(
            (distinct.setdefault(tuple(s), len(distinct)) for s in seqs), dtype=np.int64, count=len(seqs)
        )
        token: list[int] = []
        count: list[int] = []
        entries: list[int] = []
        lengths: list[int] = []
        intern = vocab.codes.setdefault
        for seq in distinct:
            counted = Counter(seq)  # insertion order: first occurrence
            token.extend([intern(t, len(vocab.codes)) for t in counted])
            count.extend(counted.values())
            entries.append(len(counted))
            lengths.append(len(seq))
        n_entries = np.array(entries, dtype=np.int64)[which]
        first = np.concatenate([[0], np.cumsum(entries)]).astype(np.int64)[which]
        owner = np.repeat(np.arange(len(seqs), dtype=np.int64), n_entries)
        at = np.repeat(first - (np.cumsum(n_entries) - n_entries), n_entries) + np.arange(len(owner))
        return Tokens(
            owner,
            np.array(token, dtype=np.int64)[at],
            np.array(count, dtype=np.int64)[at],
            np.array(lengths, dtype=np.int64)[which],
        )


@dataclass(frozen=True)
class ClaimColumns:
    """The fields compared by the rules, one row per claim."""

    doc: IntArray
    value: FloatArray
    high: FloatArray
    unit: IntArray
    period: IntArray
    yoy: FloatArray
    yoy_unit: IntArray
    ev_start: IntArray
    ev_end: IntArray
    nonnull: BoolArray  # (n, 5): metric, value, unit, period, yoy_change present

    def __len__(self) -> int:
        return len(self.doc)


def _columns(rows: list[tuple[Any, ...]], n_docs: int) -> ClaimColumns:
    """rows: (doc, has_metric, value, high, unit, period, yoy, yoy_unit, ev_start, ev_end)."""
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in range(10)]
    doc = np.array(cols[0], dtype=np.int64)
    value = np.array(cols[2], dtype=np.float64)  # None becomes NaN
    high = np.array(cols[3], dtype=np.float64)
    high = np.where(np.isnan(high), value, high)
    unit = np.array(cols[4], dtype=np.int64)
    period = np.array(cols[5], dtype=np.int64)
    yoy = np.array(cols[6], dtype=np.float64)
    yoy_unit = np.array(cols[7], dtype=np.int64)
    nonnull = np.stack(
        [np.array(cols[1], dtype=bool), ~np.isnan(value), unit >= 0, period >= 0, ~np.isnan(yoy)], axis=1
    ).reshape(len(doc), 5)
    return ClaimColumns(
        doc,
        value,
        high,
        unit,
        period,
        yoy,
        yoy_unit,
        np.array(cols[8], dtype=np.int64),
        np.array(cols[9], dtype=np.int64),
        nonnull,
    )


@dataclass(frozen=True)
class GoldTable:
    """Gold claims of all documents, in document order and claim_id order inside a document."""

    cols: ClaimColumns
    claim_index: IntArray  # index of the claim in its document's ``claims``
    relative_yoy: BoolArray  # yoy_unit is percent or pp
    variant_owner: IntArray  # gold claim of each metric variant (metric, then aliases)
    variants: Tokens
    alt_owner: IntArray
    alt_value: FloatArray
    alt_high: FloatArray
    alt_unit: IntArray
    offsets: IntArray  # (n_docs + 1,) first gold row of each document
    tags: Mapping[str, IntArray]  # tag -> gold rows

    @staticmethod
    def build(docs: Sequence[Document], vocab: Vocab) -> GoldTable:
        rows: list[tuple[Any, ...]] = []
        claim_index: list[int] = []
        variant_owner: list[int] = []
        variant_tokens: list[tuple[str, ...]] = []
        alts: list[tuple[int, float, float, int]] = []
        tags: dict[str, list[int]] = {}
        relative: list[bool] = []
        offsets = [0]
        code = vocab.codes.setdefault  # vocab(s) inlined: three lookups per claim
        for d, doc in enumerate(docs):
            order = sorted(range(len(doc.claims)), key=lambda i: doc.claims[i].claim_id)
            for i in order:
                c: GoldClaim = doc.claims[i]
                g = len(rows)
                ev = c.evidence
                unit, period, yoy_unit = c.unit, c.period, c.yoy_unit
                rows.append(
                    (
                        d,
                        True,
                        c.value,
                        c.value_high,
                        -1 if unit is None else code(unit, len(vocab.codes)),
                        -1 if period is None else code(period, len(vocab.codes)),
                        c.yoy_change,
                        -1 if yoy_unit is None else code(yoy_unit, len(vocab.codes)),
                        ev.start,
                        ev.end,
                    )
                )
                claim_index.append(i)
                relative.append(c.yoy_unit in RELATIVE_YOY_UNITS)
                for text in (c.metric, *c.metric_aliases):
                    variant_owner.append(g)
                    variant_tokens.append(gold_metric_tokens(text, doc.lang))
                for a in c.alternatives:
                    alts.append(
                        (g, a.value, a.value if a.value_high is None else a.value_high, vocab(a.unit))
                    )
                for t in c.tags:
                    tags.setdefault(t, []).append(g)
            offsets.append(len(rows))
        cols = _columns(rows, len(docs))
        alt = list(zip(*alts, strict=True)) if alts else [(), (), (), ()]
        return GoldTable(
            cols,
            np.array(claim_index, dtype=np.int64),
            np.array(relative, dtype=bool),
            np.array(variant_owner, dtype=np.int64),
            Tokens.build(variant_tokens, vocab),
            np.array(alt[0], dtype=np.int64),
            np.array(alt[1], dtype=np.float64),
            np.array(alt[2], dtype=np.float64),
            np.array(alt[3], dtype=np.int64),
            np.array(offsets, dtype=np.int64),
            {t: np.array(v, dtype=np.int64) for t, v in sorted(tags.items())},
        )


@dataclass(frozen=True)
class PredTable:
    """Normalized predicted claims of all documents, in document order and canonical order inside a
    document (by normalized content, so the order the runner listed them in never matters)."""

    cols: ClaimColumns
    claim_index: IntArray  # index of the claim in its document's prediction
    tokens: Tokens  # metric tokens, owner = row
    align_id: IntArray  # the runner's align_id code, -1 if none
    offsets: IntArray
    unreadable: IntArray  # per document: claims with a non-null field the normalizer could not read

    @staticmethod
    def build(
        docs: Sequence[Document],
        claims_of: Mapping[str, Sequence[PredictedClaim]],
        vocab: Vocab,
        *,
        strict: bool,
    ) -> PredTable:
        rows: list[tuple[Any, ...]] = []
        claim_index: list[int] = []
        toks: list[tuple[str, ...]] = []
        metric_codes: list[int] = []
        align_ids: list[int] = []
        unreadable = np.zeros(len(docs), dtype=np.int64)
        metric_vocab = Vocab()
        code = vocab.codes.setdefault  # vocab(s) inlined: four lookups per claim
        for d, doc in enumerate(docs):
            n_unreadable = 0
            for i, raw in enumerate(claims_of.get(doc.doc_id, ())):
                n = normalize_prediction(raw, doc.lang, doc.published, strict)
                if n is None or _unreadable(raw, n):
                    n_unreadable += 1
                if n is None:
                    n = _EMPTY
                ev = raw.evidence
                unit, period, yoy_unit, align_id = n.unit, n.period, n.yoy_unit, raw.align_id
                rows.append(
                    (
                        d,
                        n.metric is not None,
                        n.value,
                        n.value_high,
                        -1 if unit is None else code(unit, len(vocab.codes)),
                        -1 if period is None else code(period, len(vocab.codes)),
                        n.yoy_change,
                        -1 if yoy_unit is None else code(yoy_unit, len(vocab.codes)),
                        -1 if ev is None else ev.start,
                        -1 if ev is None else ev.end,
                    )
                )
                claim_index.append(i)
                toks.append(tuple(n.metric_tokens) if n.metric is not None else ())
                metric_codes.append(metric_vocab(n.metric))
                align_ids.append(-1 if align_id is None else code(align_id, len(vocab.codes)))
            unreadable[d] = n_unreadable
        cols = _columns(rows, len(docs))
        perm = _canonical_order(cols, vocab, metric_vocab, np.array(metric_codes, dtype=np.int64))
        cols = ClaimColumns(*(getattr(cols, f)[perm] for f in cols.__dataclass_fields__))
        inverse = np.empty_like(perm)
        inverse[perm] = np.arange(len(perm))
        tokens = Tokens.build(toks, vocab)
        tokens = Tokens(inverse[tokens.owner], tokens.token, tokens.count, tokens.length[perm])
        offsets = np.concatenate([[0], np.cumsum(np.bincount(cols.doc, minlength=len(docs)))]).astype(
            np.int64
        )
        return PredTable(
            cols,
            np.array(claim_index, dtype=np.int64)[perm],
            tokens,
            np.array(align_ids, dtype=np.int64)[perm],
            offsets,
            unreadable,
        )


class _Empty:
    metric = None
    metric_tokens: tuple[str, ...] = ()
    value = value_high = unit = period = yoy_change = yoy_unit = qualifier = evidence = None


_EMPTY = _Empty()


def normalize_prediction(raw: PredictedClaim, lang: Lang, published: str, strict: bool) -> Any:
    """bench.normalize.normalize_claim, or None when the normalizer refuses the claim outright."""
    try:
        return normalize.normalize_claim(raw, lang, published, strict=strict)
    except (ValueError, TypeError, ArithmeticError):
        return None


def _unreadable(raw: PredictedClaim, n: Any) -> bool:
    """A field the runner filled (not null, not blank) that the normalizer could not read; a yoy_unit
    counts only beside a yoy_change that was read."""
    return (  # the normalized side first: it is rarely None, so the raw side is seldom looked at
        (n.value is None and _filled(raw.value))
        or (n.value_high is None and _filled(raw.value_high))
        or (n.unit is None and _filled(raw.unit))
        or (n.period is None and _filled(raw.period))
        or (n.yoy_change is None and _filled(raw.yoy_change))
        or (n.yoy_unit is None and n.yoy_change is not None and _filled(raw.yoy_unit))
    )


def _filled(x: object) -> bool:
    return x is not None and not (isinstance(x, str) and not x.strip())


def _canonical_order(cols: ClaimColumns, vocab: Vocab, metric_vocab: Vocab, metric: IntArray) -> IntArray:
    """Permutation sorting predictions by document, then by their normalized content."""

    def f(x: FloatArray) -> FloatArray:
        return np.where(np.isnan(x), -np.inf, x)

    keys = (
        cols.ev_end,
        cols.ev_start,
        metric_vocab.rank(metric),
        vocab.rank(cols.yoy_unit),
        f(cols.yoy),
        vocab.rank(cols.period),
        vocab.rank(cols.unit),
        f(cols.high),
        f(cols.value),
        cols.doc,
    )
    out: IntArray = np.lexsort(keys).astype(np.int64)
    return out
