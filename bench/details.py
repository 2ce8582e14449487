"""Error analysis: one JSON record per gold claim and per predicted claim, with its alignment, the verdict
on each field and error categories. Verdicts are the scorer's own (from the Evaluation), never recomputed
differently.

Field verdicts: ``correct`` (TP), ``wrong`` (both present, not correct: FP and FN), ``missing`` (gold
present, prediction null: FN), ``extra`` (prediction present, gold null: FP), ``none`` (both null).
Error categories of an aligned pair: ``scale`` (value or yoy off by a factor 10^3, 10^6 or 10^9), ``sign``
(value or yoy of the opposite sign), ``hallucinated`` (the predicted value appears nowhere in the text,
read with bench.normalize.find_numbers), ``value``/``yoy`` (any other wrong number), ``unit``, ``period``,
``metric``. An unaligned gold claim is ``missed``; an unaligned prediction is ``spurious`` (plus
``hallucinated`` when its value is in no number of the text, and ``distractor`` when it sits on a
number the gold lists as a distractor).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from bench import normalize
from bench.fields import close
from bench.score import Evaluation
from bench.tables import normalize_prediction
from bench.types import FIELDS, Document, PredictedClaim

SCALES = (1e3, 1e6, 1e9)


def _verdict(ok: bool, pred_has: bool, gold_has: bool) -> str:
    if ok:
        return "correct"
    if pred_has and gold_has:
        return "wrong"
    if gold_has:
        return "missing"
    return "extra" if pred_has else "none"


def number_category(p: float | None, g: float | None, rtol: float) -> str | None:
    """scale or sign when a wrong number is a known kind of slip of the gold number, else None."""
    if p is None or g is None or g == 0:
        return None
    if close(p, -g, rtol):
        return "sign"
    for s in SCALES:
        if close(p, g * s, rtol) or close(p * s, g, rtol):
            return "scale"
    return None


class _DocText:
    """Numbers of a document's text and of its distractors, read lazily."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._numbers: list[float] | None = None

    def has_number(self, x: float, rtol: float) -> bool:
        if self._numbers is None:
            self._numbers = [m.value for m in normalize.find_numbers(self.doc.text, self.doc.lang)]
        return any(close(x, n, rtol) or close(abs(x), abs(n), rtol) for n in self._numbers)

    def on_distractor(self, claim: PredictedClaim, value: float | None, rtol: float) -> bool:
        ev = claim.evidence
        for d in self.doc.distractors:
            if ev is not None and min(ev.end, d.evidence.end) > max(ev.start, d.evidence.start):
                return True
            if value is not None and any(
                close(value, m.value, rtol) for m in normalize.find_numbers(d.evidence.text, self.doc.lang)
            ):
                return True
        return False


def _normalized_json(n: Any) -> dict[str, Any]:
    fields = ("metric", "value", "value_high", "unit", "period", "yoy_change", "yoy_unit", "qualifier")
    return {f: getattr(n, f) for f in fields} if n is not None else {}


def records(ev: Evaluation) -> Iterator[dict[str, Any]]:
    """Every error-analysis record, in document order: gold claims (aligned or missed) in claim order,
    then spurious predictions in prediction order."""
    G, P, cfg = ev.gold, ev.pred, ev.config
    pred_match = ev.pred_match
    for d, doc in enumerate(ev.docs):
        text = _DocText(doc)
        pred = ev.predictions.by_doc.get(doc.doc_id)
        raw_claims = pred.claims if pred is not None else ()
        g_rows = sorted(range(int(G.offsets[d]), int(G.offsets[d + 1])), key=lambda g: int(G.claim_index[g]))
        for g in g_rows:
            gold = doc.claims[int(G.claim_index[g])]
            base = {"doc_id": doc.doc_id, "lang": doc.lang, "gold_index": int(G.claim_index[g])}
            p = int(ev.gold_match[g])
            if p < 0:
                yield {**base, "kind": "missed", "gold": gold.to_json(), "categories": ["missed"]}
                continue
            raw = raw_claims[int(P.claim_index[p])]
            n = normalize_prediction(raw, doc.lang, doc.published, cfg.strict)
            ok = ev.gold_ok[g]
            verdicts = {
                f: _verdict(bool(ok[i]), bool(P.cols.nonnull[p, i]), bool(G.cols.nonnull[g, i]))
                for i, f in enumerate(FIELDS)
            }
            yield {
                **base,
                "kind": "aligned",
                "pred_index": int(P.claim_index[p]),
                "gold": gold.to_json(),
                "prediction": raw.to_json(),
                "normalized": _normalized_json(n),
                "verdicts": verdicts,
                "metric_f1": float(ev.gold_f1[g]),
                "categories": _categories(verdicts, n, gold, text, cfg.value_rtol),
            }
        spurious = [p for p in range(int(P.offsets[d]), int(P.offsets[d + 1])) if pred_match[p] < 0]
        for p in sorted(spurious, key=lambda p: int(P.claim_index[p])):
            raw = raw_claims[int(P.claim_index[p])]
            n = normalize_prediction(raw, doc.lang, doc.published, cfg.strict)
            value = None if n is None else n.value
            cats = ["spurious"]
            if value is not None and not text.has_number(value, cfg.value_rtol):
                cats.append("hallucinated")
            if text.on_distractor(raw, value, cfg.value_rtol):
                cats.append("distractor")
            yield {
                "doc_id": doc.doc_id,
                "lang": doc.lang,
                "kind": "spurious",
                "pred_index": int(P.claim_index[p]),
                "prediction": raw.to_json(),
                "normalized": _normalized_json(n),
                "categories": cats,
            }


def _categories(verdicts: dict[str, str], n: Any, gold: Any, text: _DocText, rtol: float) -> list[str]:
    cats: list[str] = []
    if verdicts["value"] == "wrong":
        kind = number_category(n.value, gold.value, rtol)
        if kind is None and not text.has_number(n.value, rtol):
            kind = "hallucinated"
        cats.append(kind or "value")
    if verdicts["yoy_change"] == "wrong":
        cats.append(number_category(n.yoy_change, gold.yoy_change, rtol) or "yoy")
    cats += [f for f in ("unit", "period", "metric") if verdicts[f] == "wrong"]
    return sorted(set(cats), key=cats.index)


def distractor_false_positives(ev: Evaluation) -> int:
    """Spurious predictions sitting on a gold distractor (its evidence span, or one of its numbers)."""
    P, cfg = ev.pred, ev.config
    spurious = ev.pred_match < 0
    total = 0
    for d, doc in enumerate(ev.docs):
        lo, hi = int(P.offsets[d]), int(P.offsets[d + 1])
        if not doc.distractors or not spurious[lo:hi].any():
            continue
        text = _DocText(doc)
        raw_claims = ev.predictions.by_doc[doc.doc_id].claims
        for p in np.flatnonzero(spurious[lo:hi]) + lo:
            raw = raw_claims[int(P.claim_index[p])]
            value = None if np.isnan(P.cols.value[p]) else float(P.cols.value[p])
            total += text.on_distractor(raw, value, cfg.value_rtol)
    return total


def write_details(ev: Evaluation, path: Path) -> int:
    """Write the records as JSONL (sorted keys, UTF-8); returns how many were written."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for rec in records(ev):
            f.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
