"""Cross-lingual consistency: does the extractor say the same thing about one fact in English and French?

Units compared: if the runner gave align_ids, each align_id found among both the EN and the FR predictions
of an article pair (the first prediction carrying it on each side); otherwise each gold align_id found in
both languages, with the predictions aligned to those gold claims. A unit with no prediction on either side
is skipped; one side missing is a disagreement on every field. Fields agree when both are null or both
satisfy the field's rule against each other (value: range rule; unit, period: equality; yoy_change:
same yoy_unit and tolerance). Metric texts are in different languages, so the metric field agrees when
both predictions have the same metric verdict against the gold (both right, or both wrong).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from bench.fields import RELATIVE_YOY_UNITS, close_v, range_close_v
from bench.types import FIELDS

if TYPE_CHECKING:
    from bench.score import Consistency, Evaluation


def consistency(ev: Evaluation) -> dict[str, Consistency]:
    """Per field: align_ids on which the EN and FR predictions agree, of those compared."""
    from bench.score import Consistency

    en, fr = _units(ev)
    keep = (en >= 0) | (fr >= 0)
    en, fr = en[keep], fr[keep]
    both = (en >= 0) & (fr >= 0)
    e, f = np.where(both, en, 0), np.where(both, fr, 0)
    P, cfg = ev.pred.cols, ev.config
    out: dict[str, Consistency] = {}
    if len(P) == 0:
        return {name: Consistency(0, len(en)) for name in FIELDS}
    verdict = np.zeros(len(P), dtype=bool)
    pm = ev.pred_match
    has = pm >= 0
    verdict[has] = ev.gold_ok[pm[has], 0]

    def nulls(x: NDArray[np.bool_]) -> NDArray[np.bool_]:
        return ~x[e] & ~x[f]

    rel_codes = [ev.vocab.codes[u] for u in RELATIVE_YOY_UNITS if u in ev.vocab.codes]
    relative = np.isin(P.yoy_unit[e], rel_codes)
    with np.errstate(invalid="ignore"):
        yoy_near = np.where(
            relative, np.abs(P.yoy[e] - P.yoy[f]) <= cfg.yoy_atol, close_v(P.yoy[e], P.yoy[f], cfg.value_rtol)
        )
    agree = {
        "metric": verdict[e] == verdict[f],
        "value": nulls(P.nonnull[:, 1])
        | range_close_v(P.value[e], P.high[e], P.value[f], P.high[f], cfg.value_rtol),
        "unit": P.unit[e] == P.unit[f],
        "period": P.period[e] == P.period[f],
        "yoy_change": nulls(P.nonnull[:, 4]) | ((P.yoy_unit[e] == P.yoy_unit[f]) & yoy_near),
    }
    for name in FIELDS:
        out[name] = Consistency(int((agree[name] & both).sum()), len(en))
    return out


def _units(ev: Evaluation) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(EN prediction row, FR prediction row) of every unit, -1 where a side has none."""
    by_pair: dict[str, dict[str, int]] = defaultdict(dict)
    for i, d in enumerate(ev.docs):
        by_pair[d.pair_id][d.lang] = i
    P, G = ev.pred, ev.gold
    en_rows: list[int] = []
    fr_rows: list[int] = []
    for pair_id in sorted(by_pair):
        side = by_pair[pair_id]
        if "en" not in side or "fr" not in side:
            continue
        de, df = side["en"], side["fr"]
        ids = [P.align_id[P.offsets[d] : P.offsets[d + 1]] for d in (de, df)]
        if any((x >= 0).any() for x in ids):
            first = [_first_rows(x, int(P.offsets[d])) for x, d in zip(ids, (de, df), strict=True)]
            for code in sorted(set(first[0]) & set(first[1])):
                en_rows.append(first[0][code])
                fr_rows.append(first[1][code])
            continue
        gold_rows = []
        for k in (de, df):
            doc = ev.docs[k]
            rows = range(int(G.offsets[k]), int(G.offsets[k + 1]))
            gold_rows.append({doc.claims[int(G.claim_index[g])].align_id: g for g in rows})
        for aid in sorted(gold_rows[0].keys() & gold_rows[1].keys()):
            en_rows.append(int(ev.gold_match[gold_rows[0][aid]]))
            fr_rows.append(int(ev.gold_match[gold_rows[1][aid]]))
    return np.array(en_rows, dtype=np.int64), np.array(fr_rows, dtype=np.int64)


def _first_rows(codes: NDArray[np.int64], base: int) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, c in enumerate(codes.tolist()):
        if c >= 0 and c not in out:
            out[c] = base + i
    return out
