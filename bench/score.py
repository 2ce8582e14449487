"""Scoring: (gold, predictions, config) -> ScoreReport, a pure function.

Flow: normalize predictions (bench.tables) -> compare every candidate pair of a document with the field
rules (bench.fields, vectorized over many documents at once) -> align one-to-one (bench.align) -> count
per document (bench.counts) -> pool per language, micro, macro, tag, subset -> bootstrap intervals
(bench.bootstrap) -> sign (bench.signature).

Counting per field (FIELDS = metric, value, unit, period, yoy_change):
- TP: an aligned pair whose gold and predicted field are both non-null and the predicted one is correct;
- FP: a non-null predicted field that is not a TP (unaligned predictions included);
- FN: a non-null gold field that is not a TP.
Claim level: ``claim_located`` counts aligned pairs as TP, unaligned predictions as FP and unaligned gold
claims as FN; ``claim_exact`` counts as TP only aligned pairs on which every field is right (correct, or
null on both sides), every other prediction as FP and every other gold claim as FN.

``score`` and ``ScoreReport`` are the stable entry points used by the run/evaluate commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.align import AlignRule, match, pair_weights
from bench.counts import Counts
from bench.fields import codes_equal_v, range_close_v, span_overlap_v, yoy_close_v
from bench.gcpause import no_cycle_collection
from bench.gold import GoldSet
from bench.predictions import PredictionSet
from bench.tables import GoldTable, PredTable, Vocab
from bench.types import FIELDS, LANGS, Document, Lang, Prediction

ROWS: tuple[str, ...] = (*FIELDS, "claim_located", "claim_exact")
"""Rows of every count table: the five fields, then the two claim-level measures."""
N_ROWS = len(ROWS)
LOCATED, EXACT = N_ROWS - 2, N_ROWS - 1
PAIRS_PER_CHUNK = 1 << 19
"""Candidate pairs compared at once; bounds the scorer's working memory."""

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class ScoreConfig:
    """Every knob of the scoring rules; each one is named in the signature."""

    min_agree: int = 2
    value_rtol: float = 1e-6
    yoy_atol: float = 1e-6
    metric_threshold: float = 0.5
    strict: bool = False
    bootstrap: int = 1000
    seed: int = 12345
    confidence: float = 0.95

    def __post_init__(self) -> None:
        AlignRule(self.min_agree)  # validates
        if not 0 <= self.metric_threshold <= 1:
            raise ValueError("metric_threshold must lie in [0, 1]")
        if self.value_rtol < 0 or self.yoy_atol < 0:
            raise ValueError("tolerances must be non-negative")
        if self.bootstrap < 0:
            raise ValueError("bootstrap must be >= 0 (0 turns intervals off)")
        if not 0 < self.confidence < 1:
            raise ValueError("confidence must lie in (0, 1)")

    @property
    def align_rule(self) -> AlignRule:
        return AlignRule(self.min_agree)


@dataclass(frozen=True)
class Evaluation:
    """Everything the counts were made from, with indices back to the claims (for error analysis).

    Gold rows and prediction rows index ``gold`` and ``pred`` tables; ``gold.claim_index`` and
    ``pred.claim_index`` map them back to positions in ``Document.claims`` and ``Prediction.claims``."""

    docs: tuple[Document, ...]
    predictions: PredictionSet
    config: ScoreConfig
    gold: GoldTable
    pred: PredTable
    vocab: Vocab
    gold_match: IntArray  # per gold row: the aligned prediction row, or -1
    gold_ok: BoolArray  # (gold rows, 5): field correct in the aligned pair
    gold_f1: FloatArray  # per gold row: metric token F1 of the aligned pair (NaN if unaligned)
    doc_counts: IntArray  # (documents, N_ROWS, 3): tp, fp, fn

    @property
    def pred_match(self) -> IntArray:
        """Per prediction row: the aligned gold row, or -1."""
        out = np.full(len(self.pred.cols), -1, dtype=np.int64)
        g = np.flatnonzero(self.gold_match >= 0)
        out[self.gold_match[g]] = g
        return out


@no_cycle_collection()  # a million acyclic rows and records: see bench.gcpause
def evaluate(
    docs: Sequence[Document],
    predictions: PredictionSet,
    config: ScoreConfig = ScoreConfig(),
) -> Evaluation:
    """Normalize, compare, align and count; see the module docstring for the rules."""
    vocab = Vocab()
    claims_of = {k: p.claims for k, p in predictions.by_doc.items()}
    gold = GoldTable.build(docs, vocab)
    pred = PredTable.build(docs, claims_of, vocab, strict=config.strict)
    n_gold, n_pred = len(gold.cols), len(pred.cols)
    gold_match = np.full(n_gold, -1, dtype=np.int64)
    gold_ok = np.zeros((n_gold, 5), dtype=bool)
    gold_f1 = np.full(n_gold, np.nan)
    np_d = np.diff(pred.offsets)
    ng_d = np.diff(gold.offsets)
    pairs_d = np_d * ng_d
    tok_order = np.argsort(pred.tokens.owner, kind="stable")
    ctx = _Context(gold, pred, config, tok_order, pred.tokens.owner[tok_order])
    ends = np.cumsum(pairs_d)
    d0 = 0
    while d0 < len(docs):
        budget = (ends[d0 - 1] if d0 else 0) + PAIRS_PER_CHUNK
        d1 = max(d0 + 1, int(np.searchsorted(ends, budget, side="right")))
        d1 = min(d1, len(docs))
        if pairs_d[d0:d1].sum():
            _match_chunk(ctx, d0, d1, gold_match, gold_ok, gold_f1)
        d0 = d1
    doc_counts = _doc_counts(len(docs), gold, pred, gold_match, gold_ok)
    assert n_pred == int(np_d.sum())
    return Evaluation(
        tuple(docs), predictions, config, gold, pred, vocab, gold_match, gold_ok, gold_f1, doc_counts
    )


@dataclass(frozen=True)
class _Context:
    gold: GoldTable
    pred: PredTable
    config: ScoreConfig
    tok_order: IntArray  # prediction token entries sorted by owner row
    tok_owner_sorted: IntArray


def _match_chunk(
    ctx: _Context, d0: int, d1: int, gold_match: IntArray, gold_ok: BoolArray, gold_f1: FloatArray
) -> None:
    """Compare every candidate pair of documents [d0, d1), align each document, record the matches."""
    gold, pred, cfg = ctx.gold, ctx.pred, ctx.config
    G, P = gold.cols, pred.cols
    p_off, g_off = pred.offsets[d0 : d1 + 1], gold.offsets[d0 : d1 + 1]
    np_d, ng_d = np.diff(p_off), np.diff(g_off)
    npairs = np_d * ng_d
    poff = np.concatenate([[0], np.cumsum(npairs)])
    total = int(poff[-1])
    dl = np.repeat(np.arange(d1 - d0), npairs)  # local document of each pair
    k = np.arange(total) - poff[dl]
    ngr = ng_d[dl]
    pi = p_off[dl] + k // ngr
    gi = g_off[dl] + k % ngr

    def pair_index(p: IntArray, g: IntArray) -> IntArray:
        d = G.doc[g] - d0
        out: IntArray = poff[d] + (p - p_off[d]) * ng_d[d] + (g - g_off[d])
        return out

    value_ok = range_close_v(P.value[pi], P.high[pi], G.value[gi], G.high[gi], cfg.value_rtol)
    unit_ok = codes_equal_v(P.unit[pi], G.unit[gi])
    # alternatives: each alternative of a gold claim against every prediction of its document
    a_lo, a_hi = np.searchsorted(gold.alt_owner, [g_off[0], g_off[-1]])
    if a_hi > a_lo:
        a = np.arange(a_lo, a_hi)
        ag = gold.alt_owner[a]
        reps = np_d[G.doc[ag] - d0]
        a = np.repeat(a, reps)
        ag = gold.alt_owner[a]
        start = np.repeat(np.cumsum(reps) - reps, reps)
        ap = pred.offsets[G.doc[ag]] + (np.arange(len(a)) - start)
        same_unit = codes_equal_v(P.unit[ap], gold.alt_unit[a])
        ok = range_close_v(P.value[ap], P.high[ap], gold.alt_value[a], gold.alt_high[a], cfg.value_rtol)
        ok &= same_unit | (P.unit[ap] < 0)  # an alternative is its value and unit together
        idx = pair_index(ap, ag)
        value_ok[idx[ok]] = True
        unit_ok[idx[ok & same_unit]] = True
    period_ok = codes_equal_v(P.period[pi], G.period[gi])
    yoy_ok = yoy_close_v(
        P.yoy[pi],
        P.yoy_unit[pi],
        G.yoy[gi],
        G.yoy_unit[gi],
        gold.relative_yoy[gi],
        cfg.yoy_atol,
        cfg.value_rtol,
    )
    f1 = _metric_f1(ctx, d0, d1, total, pair_index)
    metric_ok = P.nonnull[pi, 0] & (f1 >= cfg.metric_threshold)
    agree = np.stack([metric_ok, value_ok, unit_ok, period_ok, yoy_ok], axis=1)
    overlap = span_overlap_v(P.ev_start[pi], P.ev_end[pi], G.ev_start[gi], G.ev_end[gi])
    w = pair_weights(agree, overlap, np.minimum(np_d, ng_d)[dl], cfg.align_rule)
    positive = np.bincount(dl, weights=w > 0, minlength=d1 - d0)
    matched: list[IntArray] = []
    for d in np.flatnonzero(positive).tolist():
        lo, hi = int(poff[d]), int(poff[d + 1])
        rows, cols = match(w[lo:hi].reshape(int(np_d[d]), int(ng_d[d])))
        matched.append(lo + rows * ng_d[d] + cols)
    if matched:
        mp = np.concatenate(matched)
        gold_match[gi[mp]] = pi[mp]
        gold_ok[gi[mp]] = agree[mp]
        gold_f1[gi[mp]] = f1[mp]


def _metric_f1(ctx: _Context, d0: int, d1: int, total: int, pair_index: Any) -> FloatArray:
    """Max token F1 over each gold claim's metric variants, for every candidate pair of the chunk: a join
    of prediction token entries with variant token entries on (document, token)."""
    gold, pred = ctx.gold, ctx.pred
    out = np.zeros(total)
    # prediction entries of the chunk
    p_lo, p_hi = np.searchsorted(ctx.tok_owner_sorted, [pred.offsets[d0], pred.offsets[d1]])
    pe = ctx.tok_order[p_lo:p_hi]
    # variant entries of the chunk (variants are stored in gold row order, entries in variant order)
    v_lo, v_hi = np.searchsorted(gold.variant_owner, [gold.offsets[d0], gold.offsets[d1]])
    e_lo, e_hi = np.searchsorted(gold.variants.owner, [v_lo, v_hi])
    if p_hi == p_lo or e_hi == e_lo:
        return out
    n_tok = int(max(pred.tokens.token.max(initial=0), gold.variants.token.max(initial=0))) + 1
    p_owner = pred.tokens.owner[pe]
    p_key = (pred.cols.doc[p_owner] - d0) * n_tok + pred.tokens.token[pe]
    ve = np.arange(e_lo, e_hi)
    v_owner = gold.variants.owner[ve]
    v_key = (gold.cols.doc[gold.variant_owner[v_owner]] - d0) * n_tok + gold.variants.token[ve]
    order = np.argsort(v_key, kind="stable")
    v_key, ve = v_key[order], ve[order]
    lo = np.searchsorted(v_key, p_key, side="left")
    n = np.searchsorted(v_key, p_key, side="right") - lo
    if not n.any():
        return out
    rp = np.repeat(pe, n)
    start = np.repeat(np.cumsum(n) - n, n)
    rv = ve[np.repeat(lo, n) + (np.arange(int(n.sum())) - start)]
    inter = np.minimum(pred.tokens.count[rp], gold.variants.count[rv])
    p_row, variant = pred.tokens.owner[rp], gold.variants.owner[rv]
    key = p_row * len(gold.variant_owner) + variant
    uniq, inv = np.unique(key, return_inverse=True)
    inter_sum = np.bincount(inv, weights=inter)
    p_row, variant = uniq // len(gold.variant_owner), uniq % len(gold.variant_owner)
    f1 = 2 * inter_sum / (pred.tokens.length[p_row] + gold.variants.length[variant])
    np.maximum.at(out, pair_index(p_row, gold.variant_owner[variant]), f1)
    return out


def _doc_counts(
    n_docs: int, gold: GoldTable, pred: PredTable, gold_match: IntArray, gold_ok: BoolArray
) -> IntArray:
    """Per-document (tp, fp, fn) for every row of ROWS."""
    G, P = gold.cols, pred.cols
    out = np.zeros((n_docs, N_ROWS, 3), dtype=np.int64)
    for f in range(5):
        tp = np.bincount(G.doc, weights=gold_ok[:, f], minlength=n_docs)
        out[:, f, 0] = tp
        out[:, f, 1] = np.bincount(P.doc, weights=P.nonnull[:, f], minlength=n_docs) - tp
        out[:, f, 2] = np.bincount(G.doc, weights=G.nonnull[:, f], minlength=n_docs) - tp
    n_p = np.bincount(P.doc, minlength=n_docs)
    n_g = np.bincount(G.doc, minlength=n_docs)
    aligned = gold_match >= 0
    located = np.bincount(G.doc, weights=aligned, minlength=n_docs)
    out[:, LOCATED] = np.stack([located, n_p - located, n_g - located], axis=1)
    exact = np.zeros(len(G), dtype=bool)
    g = np.flatnonzero(aligned)
    both_null = ~P.nonnull[gold_match[g]] & ~G.nonnull[g]
    exact[g] = (gold_ok[g] | both_null).all(axis=1)
    tp_exact = np.bincount(G.doc, weights=exact, minlength=n_docs)
    out[:, EXACT] = np.stack([tp_exact, n_p - tp_exact, n_g - tp_exact], axis=1)
    return out


# ---- the report ---------------------------------------------------------------------------------------


def _counts(a: NDArray[Any]) -> tuple[Counts, ...]:
    return tuple(Counts(int(r[0]), int(r[1]), int(r[2])) for r in a)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def to_json(self) -> list[float]:
        return [self.low, self.high]


@dataclass(frozen=True)
class Consistency:
    """Cross-lingual consistency of one field: align_ids on which EN and FR predictions agree, of those
    compared."""

    agree: int
    total: int

    @property
    def rate(self) -> float | None:
        """agree / total; None when nothing was compared."""
        return None if self.total == 0 else self.agree / self.total


@dataclass(frozen=True)
class InvalidStats:
    lines: int
    invalid_lines: int
    unreadable_claims: int
    predicted_claims: int
    runner_errors: int
    documents_without_prediction: int
    problems: tuple[Any, ...] = ()

    @property
    def invalid_rate(self) -> float:
        """Share of prediction lines refused (0.0 when there are none)."""
        return 0.0 if self.lines == 0 else self.invalid_lines / self.lines

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "invalid_lines": self.invalid_lines,
            "invalid_rate": self.invalid_rate,
            "unreadable_claims": self.unreadable_claims,
            "predicted_claims": self.predicted_claims,
            "runner_errors": self.runner_errors,
            "documents_without_prediction": self.documents_without_prediction,
            "problems": [p.to_json() for p in self.problems[:1000]],
        }


@dataclass(frozen=True)
class ScoreReport:
    """A complete, signed score. Counts are stored; every ratio is derived from them.

    ``counts[lang]`` holds one Counts per row of ROWS. Micro pools the languages' counts; macro is the
    mean over languages of each ratio. The headline is the macro-F1 over the five fields and the
    languages: the mean of the (language, field) F1 values. Stable API for the run/evaluate commands."""

    signature: Any  # bench.signature.Signature
    config: ScoreConfig
    langs: tuple[Lang, ...]
    documents: int
    counts: Mapping[Lang, tuple[Counts, ...]]
    metric_soft: Mapping[Lang, float | None]  # mean token F1 over aligned pairs; None if none
    per_subset: Mapping[str, Mapping[Lang, tuple[Counts, ...]]]
    per_tag: Mapping[str, Mapping[Lang, tuple[Counts, ...]]]
    per_document: Mapping[str, tuple[Counts, ...]]
    consistency: Mapping[str, Consistency]
    invalid: InvalidStats
    intervals: Mapping[str, Interval] = field(default_factory=dict)
    distractor_fps: int = 0

    def micro(self) -> tuple[Counts, ...]:
        out = [Counts()] * N_ROWS
        for lang in self.langs:
            out = [a + b for a, b in zip(out, self.counts[lang], strict=True)]
        return tuple(out)

    def macro(self, row: str, measure: str = "f1") -> float:
        """Mean over languages of a ratio (precision, recall or f1) of one row."""
        i = ROWS.index(row)
        vals = [getattr(self.counts[lang][i], measure) for lang in self.langs]
        return float(np.mean(vals)) if vals else 1.0

    @property
    def headline(self) -> float:
        """Macro-F1 over the five fields and the languages."""
        vals = [self.counts[lang][i].f1 for lang in self.langs for i in range(len(FIELDS))]
        return float(np.mean(vals)) if vals else 1.0

    def to_json(self) -> dict[str, Any]:
        """The scores JSON (validates against schemas/run-result.schema.json)."""
        from bench import SCHEMA_VERSION

        def table(rows: Sequence[Counts]) -> dict[str, Any]:
            return {name: c.to_json() for name, c in zip(ROWS, rows, strict=True)}

        macro = {r: {m: self.macro(r, m) for m in ("precision", "recall", "f1")} for r in ROWS}
        return {
            "schema_version": SCHEMA_VERSION,
            "signature": str(self.signature),
            "signature_parts": self.signature.parts(),
            "config": {
                "min_agree": self.config.min_agree,
                "value_rtol": self.config.value_rtol,
                "yoy_atol": self.config.yoy_atol,
                "metric_threshold": self.config.metric_threshold,
                "strict": self.config.strict,
                "bootstrap": self.config.bootstrap,
                "seed": self.config.seed,
                "confidence": self.config.confidence,
            },
            "headline": {"name": "macro_f1_fields_langs", "value": self.headline},
            "langs": list(self.langs),
            "documents": self.documents,
            "per_lang": {lang: table(self.counts[lang]) for lang in self.langs},
            "micro": table(self.micro()),
            "macro": macro,
            "metric_soft": dict(self.metric_soft),
            "intervals": {k: v.to_json() for k, v in sorted(self.intervals.items())},
            "per_subset": {
                s: {lang: table(c) for lang, c in by.items()} for s, by in sorted(self.per_subset.items())
            },
            "per_tag": {
                t: {lang: table(c) for lang, c in by.items()} for t, by in sorted(self.per_tag.items())
            },
            "per_document": {d: table(c) for d, c in sorted(self.per_document.items())},
            "consistency": {
                f: {"agree": c.agree, "total": c.total, "rate": c.rate} for f, c in self.consistency.items()
            },
            "invalid": self.invalid.to_json(),
            "distractor_false_positives": self.distractor_fps,
        }


def score(
    gold: GoldSet | Sequence[Document],
    predictions: PredictionSet | Mapping[str, Prediction] | Iterable[Prediction],
    config: ScoreConfig = ScoreConfig(),
) -> ScoreReport:
    """Score predictions against gold (every document of ``gold``; select languages and splits with
    GoldSet.select first). Documents without a prediction count as empty predictions; predictions for
    documents outside ``gold`` are ignored. Stable API."""
    docs = tuple(gold.documents) if isinstance(gold, GoldSet) else tuple(gold)
    return summarize(evaluate(docs, PredictionSet.of(predictions), config))


@no_cycle_collection()
def summarize(ev: Evaluation) -> ScoreReport:
    """Pool an Evaluation's per-document counts into a ScoreReport (with bootstrap intervals)."""
    from bench.bootstrap import intervals
    from bench.signature import signature_for

    docs, dc = ev.docs, ev.doc_counts
    langs = tuple(lang for lang in LANGS if any(d.lang == lang for d in docs))
    lang_of = np.array([LANGS.index(d.lang) for d in docs], dtype=np.int64)
    counts = {lang: _counts(dc[lang_of == LANGS.index(lang)].sum(axis=0)) for lang in langs}
    g_lang = lang_of[ev.gold.cols.doc] if len(docs) else np.zeros(0, dtype=np.int64)
    metric_soft: dict[Lang, float | None] = {}
    for lang in langs:
        f = ev.gold_f1[(g_lang == LANGS.index(lang)) & (ev.gold_match >= 0)]
        metric_soft[lang] = float(f.mean()) if len(f) else None
    subsets: dict[str, dict[Lang, tuple[Counts, ...]]] = {}
    subset_of = np.array([d.subset for d in docs])
    for s in sorted(set(subset_of.tolist())):
        subsets[s] = {
            lang: _counts(dc[(subset_of == s) & (lang_of == LANGS.index(lang))].sum(axis=0))
            for lang in langs
            if ((subset_of == s) & (lang_of == LANGS.index(lang))).any()
        }
    per_tag = {t: _tag_counts(ev, rows, g_lang, langs) for t, rows in ev.gold.tags.items()}
    per_doc = {d.doc_id: _counts(dc[i]) for i, d in enumerate(docs)}
    pset = ev.predictions
    in_scope = [ev.predictions.by_doc.get(d.doc_id) for d in docs]
    invalid = InvalidStats(
        lines=pset.lines,
        invalid_lines=pset.invalid_lines,
        unreadable_claims=int(ev.pred.unreadable.sum()),
        predicted_claims=len(ev.pred.cols),
        runner_errors=sum(1 for p in in_scope if p is not None and p.error),
        documents_without_prediction=sum(1 for p in in_scope if p is None),
        problems=pset.problems,
    )
    cis = intervals(ev, langs) if ev.config.bootstrap else {}
    from bench.consistency import consistency
    from bench.details import distractor_false_positives

    return ScoreReport(
        signature=signature_for(docs, langs, ev.config),
        config=ev.config,
        langs=langs,
        documents=len(docs),
        counts=counts,
        metric_soft=metric_soft,
        per_subset=subsets,
        per_tag=per_tag,
        per_document=per_doc,
        consistency=consistency(ev),
        invalid=invalid,
        intervals=cis,
        distractor_fps=distractor_false_positives(ev),
    )


def _tag_counts(
    ev: Evaluation, rows: IntArray, g_lang: IntArray, langs: Sequence[Lang]
) -> dict[Lang, tuple[Counts, ...]]:
    """Counts restricted to gold claims with a tag: their aligned predictions and their misses (a spurious
    prediction belongs to no tag, so tag precision only sees predictions aligned to tagged claims)."""
    out: dict[Lang, tuple[Counts, ...]] = {}
    G, P = ev.gold.cols, ev.pred.cols
    for lang in langs:
        g = rows[g_lang[rows] == LANGS.index(lang)]
        if not len(g):
            continue
        a = np.zeros((N_ROWS, 3), dtype=np.int64)
        m = ev.gold_match[g]
        tp = ev.gold_ok[g].sum(axis=0)
        a[:5, 0] = tp
        a[:5, 1] = P.nonnull[m[m >= 0]].sum(axis=0) - tp
        a[:5, 2] = G.nonnull[g].sum(axis=0) - tp
        aligned = int((m >= 0).sum())
        a[LOCATED] = (aligned, 0, len(g) - aligned)
        gm = g[m >= 0]
        both_null = ~P.nonnull[ev.gold_match[gm]] & ~G.nonnull[gm]
        exact = int((ev.gold_ok[gm] | both_null).all(axis=1).sum())
        a[EXACT] = (exact, aligned - exact, len(g) - exact)
        out[lang] = _counts(a)
    return out
