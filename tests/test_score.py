"""The scorer: a hand-computed table on the seed article, the counting rules, and invariants."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bench.bootstrap import paired_test
from bench.counts import Counts
from bench.details import number_category, records
from bench.fields import verdicts
from bench.gold import GoldSet, load_gold
from bench.normalize import metric_tokens, normalize_claim
from bench.predictions import PredictionSet
from bench.schema import schema_errors
from bench.score import ROWS, ScoreConfig, evaluate, score
from bench.types import Document, Evidence, GoldClaim, PredictedClaim, Prediction
from tests.conftest import seed_json

EN, FR = "xinhua-shenzhen-industries-2024.en", "xinhua-shenzhen-industries-2024.fr"
NO_BOOT = ScoreConfig(bootstrap=0)


@pytest.fixture(scope="module")
def seed() -> GoldSet:
    docs = tuple(
        sorted((Document.from_json(seed_json(lang)) for lang in ("en", "fr")), key=lambda d: d.doc_id)
    )
    return GoldSet(docs, "seed")


def as_prediction(c: GoldClaim, **changes: Any) -> PredictedClaim:
    return dataclasses.replace(PredictedClaim.from_gold(c), **changes)


def gold_predictions(gold: GoldSet) -> list[Prediction]:
    return [Prediction(d.doc_id, tuple(as_prediction(c) for c in d.claims)) for d in gold.documents]


def table(report: Any, lang: str) -> dict[str, tuple[int, int, int]]:
    return {r: (c.tp, c.fp, c.fn) for r, c in zip(ROWS, report.counts[lang], strict=True)}


# ---- the seed article, by hand ----------------------------------------------------------------------------


def seed_predictions(seed: GoldSet) -> list[Prediction]:
    en, fr = (d for d in seed.documents)
    c1, c2, c3, _c4 = en.claims
    en_preds = (
        as_prediction(c1),  # all right
        as_prediction(c2, metric="industrial funds", value=2.32e9, unit="USD"),  # the alternative
        as_prediction(c3, value=13e6),  # scale slip: value wrong, the rest right
        PredictedClaim(  # spurious, on the distractor "opened three dedicated offices"
            metric="dedicated offices", value=3, unit="count", evidence=Evidence(812, 842, "")
        ),
    )  # c4 is missed
    fr_preds = tuple(
        as_prediction(
            c,
            value=None if c.value is None else _french(c.value),
            yoy_change=None if c.yoy_change is None else f"{c.yoy_change:g} %".replace(".", ","),
            yoy_unit=None,
        )
        for c in fr.claims
    )
    return [Prediction(EN, en_preds), Prediction(FR, fr_preds)]


def _french(v: float) -> str:
    for scale, word in ((1e9, "milliard"), (1e6, "million")):
        if abs(v) >= scale:
            x = v / scale
            return f"{x:g}".replace(".", ",") + f" {word}" + ("s" if x >= 2 else "")
    return f"{v:g}".replace(".", ",")


def test_seed_article_hand_computed(seed: GoldSet) -> None:
    r = score(seed, seed_predictions(seed), NO_BOOT)
    assert table(r, "en") == {
        "metric": (3, 1, 1),
        "value": (2, 2, 2),
        "unit": (3, 1, 1),
        "period": (2, 0, 1),
        "yoy_change": (2, 0, 1),
        "claim_located": (3, 1, 1),
        "claim_exact": (2, 2, 2),
    }
    assert table(r, "fr") == {row: ((0, 0, 0) if row != "claim_exact" else (4, 0, 0)) for row in ROWS} | {
        "metric": (4, 0, 0),
        "value": (4, 0, 0),
        "unit": (4, 0, 0),
        "period": (3, 0, 0),
        "yoy_change": (3, 0, 0),
        "claim_located": (4, 0, 0),
    }
    en_f1 = [0.75, 0.5, 0.75, 0.8, 0.8]
    assert [c.f1 for c in r.counts["en"][:5]] == pytest.approx(en_f1)
    assert r.headline == pytest.approx((sum(en_f1) / 5 + 1.0) / 2)  # 0.86
    assert r.macro("value") == pytest.approx((0.5 + 1.0) / 2)
    assert r.micro()[1] == Counts(6, 2, 2)
    consistency = {f: (c.agree, c.total) for f, c in r.consistency.items()}
    assert consistency == {
        "metric": (3, 4),  # c4 has no EN prediction
        "value": (1, 4),  # c2: USD alternative vs CNY; c3: scale slip
        "unit": (2, 4),
        "period": (3, 4),
        "yoy_change": (3, 4),
    }
    assert r.invalid.predicted_claims == 8 and r.invalid.unreadable_claims == 0
    assert r.distractor_fps == 1


@pytest.mark.parametrize(
    ("value", "unit", "value_ok", "unit_ok"),
    [
        (2.32e9, "USD", True, True),  # the alternative, value and unit together
        (16.5e9, "CNY", True, True),  # the claim itself
        (2.32e9, "CNY", False, True),  # the conversion's number in the original currency: a wrong value
        (16.5e9, "USD", True, False),  # the mirror slip: the original number in the converted currency
        (2.32e9, None, True, False),  # no unit: the value may be either; a null unit is never right
    ],
)
def test_an_alternative_counts_as_its_value_and_unit_together(
    seed: GoldSet, value: float, unit: str | None, value_ok: bool, unit_ok: bool
) -> None:
    en = next(d for d in seed.documents if d.doc_id == EN)
    c2 = en.claims[1]
    assert (c2.value, c2.unit, c2.alternatives[0].value, c2.alternatives[0].unit) == (
        16.5e9,
        "CNY",
        2.32e9,
        "USD",
    )
    pred = as_prediction(c2, value=value, unit=unit)
    v = verdicts(
        normalize_claim(pred, en.published, en.lang),
        c2,
        [metric_tokens(c2.metric, "en")],
        value_rtol=1e-6,
        yoy_atol=1e-6,
        metric_threshold=0.5,
    )
    assert (v.value, v.unit) == (value_ok, unit_ok)
    r = score(seed, [Prediction(EN, (pred,))], NO_BOOT)  # the vectorized scorer says the same
    counts = table(r, "en")
    assert (counts["value"][0], counts["unit"][0]) == (int(value_ok), int(unit_ok))


def test_seed_article_details(seed: GoldSet) -> None:
    ev = evaluate(seed.documents, PredictionSet.of(seed_predictions(seed)), NO_BOOT)
    recs = [r for r in records(ev) if r["doc_id"] == EN]
    kinds = [(r["kind"], r.get("gold_index"), r.get("pred_index"), r["categories"]) for r in recs]
    assert kinds == [
        ("aligned", 0, 0, []),
        ("aligned", 1, 1, []),
        ("aligned", 2, 2, ["scale"]),
        ("missed", 3, None, ["missed"]),
        ("spurious", None, 3, ["spurious", "distractor"]),
    ]
    assert recs[2]["verdicts"] == {
        "metric": "correct",
        "value": "wrong",
        "unit": "correct",
        "period": "correct",
        "yoy_change": "correct",
    }
    assert recs[1]["verdicts"]["period"] == "none"


@pytest.mark.parametrize(
    ("p", "g", "expected"),
    [
        (13e6, 13e9, "scale"),
        (13e12, 13e9, "scale"),
        (-10.6, 10.6, "sign"),
        (12.0, 13.0, None),
        (None, 1.0, None),
    ],
)
def test_number_categories(p: float | None, g: float, expected: str | None) -> None:
    assert number_category(p, g, 1e-6) == expected


def test_hallucinated_and_distractor(seed: GoldSet) -> None:
    en = seed.documents[0]
    preds = [
        Prediction(
            EN,
            (
                PredictedClaim(metric="loans", value=777, unit="CNY"),  # in no number of the text
                PredictedClaim(metric="allocation", value=10e9, unit="CNY"),  # the sidebar headline
            ),
        )
    ]
    ev = evaluate((en,), PredictionSet.of(preds), NO_BOOT)
    spurious = [r["categories"] for r in records(ev) if r["kind"] == "spurious"]
    assert spurious == [["spurious", "hallucinated"], ["spurious", "distractor"]]
    assert score((en,), preds, NO_BOOT).distractor_fps == 1


# ---- counting rules ----------


def test_empty_predictions_and_zero_division(seed: GoldSet) -> None:
    r = score(seed, [], NO_BOOT)
    value = r.counts["en"][1]
    assert (value.tp, value.fp, value.fn) == (0, 0, 4)
    assert (value.precision, value.recall, value.f1) == (1.0, 0.0, 0.0)
    assert r.headline == 0.0
    assert r.invalid.documents_without_prediction == 2
    assert Counts().f1 == Counts().precision == Counts().recall == 1.0
    assert Counts(0, 3, 0).f1 == 0.0


def test_extra_field_is_a_false_positive(seed: GoldSet) -> None:
    en = seed.documents[0]
    c2 = en.claims[1]  # no period, no yoy in the gold
    preds = [Prediction(EN, (as_prediction(c2, period="2024", yoy_change=5.0, yoy_unit="percent"),))]
    r = score((en,), preds, NO_BOOT)
    t = table(r, "en")
    assert t["period"] == (0, 1, 3) and t["yoy_change"] == (0, 1, 3)
    assert t["claim_located"] == (1, 0, 3) and t["claim_exact"] == (0, 1, 4)


def test_ranges_compare_both_ends() -> None:
    class P:
        metric = "x"
        metric_tokens = ("x",)
        unit = period = yoy_change = yoy_unit = None

    gold = GoldClaim(
        "c1", "a", "x", 1.0, "percent", None, None, None, "range", Evidence(0, 1, "x"), value_high=2.0
    )
    kw = {"value_rtol": 1e-6, "yoy_atol": 1e-6, "metric_threshold": 0.5}
    for low, high, ok in [(1.0, 2.0, True), (1.0, None, False), (1.0, 2.5, False), (1.0000001, 2.0, True)]:
        p = P()
        p.value, p.value_high = low, high  # type: ignore[attr-defined]
        assert verdicts(p, gold, [("x",)], **kw).value is ok


def test_absolute_yoy_uses_value_tolerance() -> None:
    gold = GoldClaim("c1", "a", "exports", None, None, None, 3e9, "USD", "exact", Evidence(0, 1, "x"))
    kw = {"value_rtol": 1e-6, "yoy_atol": 1e-6, "metric_threshold": 0.5}

    def v(y: float, unit: str) -> bool:
        n = normalize_claim(PredictedClaim(metric="exports", yoy_change=y, yoy_unit=unit), "en", "2024-01-01")
        return verdicts(n, gold, [("export",)], **kw).yoy_change

    assert v(3e9 + 1000, "USD")  # relative 3e-7: within rtol although far beyond atol
    assert not v(3.1e9, "USD")
    assert not v(3e9, "EUR")


# ---- invariants ----------


def test_bundled_gold_against_itself_is_perfect() -> None:
    gold = load_gold()
    r = score(gold, gold_predictions(gold), ScoreConfig(bootstrap=50))
    j = r.to_json()
    assert schema_errors("run-result", j) == []
    for lang in r.langs:
        assert all(c.f1 == 1.0 and c.precision == 1.0 and c.recall == 1.0 for c in r.counts[lang])
    assert all(v["f1"] == 1.0 for v in j["macro"].values())
    assert all(lo == hi == 1.0 for lo, hi in j["intervals"].values())
    assert all(c["rate"] == 1.0 for c in j["consistency"].values())
    assert all(x == 1.0 for x in j["metric_soft"].values())
    assert j["headline"]["value"] == 1.0


NOISE = st.sampled_from(["keep", "drop", "scale", "period", "metric", "sign", "dup", "spurious", "unit"])


def noisy(seed_docs: GoldSet, plan: list[str]) -> list[Prediction]:
    out = []
    i = 0
    for d in seed_docs.documents:
        claims: list[PredictedClaim] = []
        for c in d.claims:
            action = plan[i % len(plan)]
            i += 1
            p = as_prediction(c)
            if action == "drop":
                continue
            if action == "scale" and c.value is not None:
                p = dataclasses.replace(p, value=c.value * 1000)
            elif action == "period":
                p = dataclasses.replace(p, period="2019")
            elif action == "metric":
                p = dataclasses.replace(p, metric="unrelated words")
            elif action == "sign" and c.yoy_change is not None:
                p = dataclasses.replace(p, yoy_change=-c.yoy_change)
            elif action == "unit":
                p = dataclasses.replace(p, unit="EUR")
            claims.append(p)
            if action == "dup":
                claims.append(p)
            if action == "spurious":
                claims.append(PredictedClaim(metric=c.metric, value=1.0, unit=c.unit))
        out.append(Prediction(d.doc_id, tuple(claims)))
    return out


PLAN = st.lists(NOISE, min_size=1, max_size=8)


def _key(report: Any) -> str:
    j = report.to_json()
    return json.dumps(j, sort_keys=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=PLAN, shuffle_seed=st.integers(0, 2**16))
def test_order_never_matters(seed: GoldSet, plan: list[str], shuffle_seed: int) -> None:
    preds = noisy(seed, plan)
    base = _key(score(seed, preds, ScoreConfig(bootstrap=20)))
    rnd = random.Random(shuffle_seed)
    shuffled = [Prediction(p.doc_id, tuple(rnd.sample(p.claims, len(p.claims)))) for p in preds]
    rnd.shuffle(shuffled)
    docs = list(seed.documents)
    rnd.shuffle(docs)
    docs = [dataclasses.replace(d, claims=tuple(rnd.sample(d.claims, len(d.claims)))) for d in docs]
    gold = GoldSet(tuple(sorted(docs, key=lambda d: d.doc_id)), "shuffled")
    r = score(gold, shuffled, ScoreConfig(bootstrap=20))
    # gold claims were reordered inside documents: their content hash changes, nothing else may
    a, b = json.loads(base), json.loads(_key(r))
    for j in (a, b):
        j.pop("signature")
        j["signature_parts"].pop("gold")
    assert a == b


def _ratios(report: Any, measure: str) -> list[float]:
    vals = [getattr(c, measure) for lang in report.langs for c in report.counts[lang]]
    return vals + [getattr(c, measure) for c in report.micro()]


def admissible_partners(doc: Document, claim: PredictedClaim) -> int:
    """How many gold claims of doc a prediction agrees with on at least two fields."""
    n = normalize_claim(claim, doc.lang, doc.published)
    kw = {"value_rtol": 1e-6, "yoy_atol": 1e-6, "metric_threshold": 0.5}
    return sum(
        sum(
            verdicts(
                n, g, [metric_tokens(t, doc.lang) for t in (g.metric, *g.metric_aliases)], **kw
            ).as_tuple()
        )
        >= 2
        for g in doc.claims
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=PLAN, pick=st.integers(0, 1000))
def test_duplicating_a_prediction_never_raises_precision(seed: GoldSet, plan: list[str], pick: int) -> None:
    """A duplicate is never credited twice for one gold claim. (A duplicate that also agrees with a second,
    unclaimed gold claim on two fields is a partial match of that claim and may be credited for it: that
    case is outside this property, see SCORING.md.)"""
    preds = noisy(seed, plan)
    flat = [(i, j) for i, p in enumerate(preds) for j in range(len(p.claims))]
    assume(flat)
    i, j = flat[pick % len(flat)]
    doc = seed.documents[i]
    assume(admissible_partners(doc, preds[i].claims[j]) <= 1)
    dup = list(preds)
    dup[i] = Prediction(preds[i].doc_id, (*preds[i].claims, preds[i].claims[j]))
    before = _ratios(score(seed, preds, NO_BOOT), "precision")
    after = _ratios(score(seed, dup, NO_BOOT), "precision")
    assert all(a <= b + 1e-12 for a, b in zip(after, before, strict=True))


def test_a_duplicate_may_partially_match_another_claim(seed: GoldSet) -> None:
    """The counter-example that bounds the property above, kept as a fixed case: x agrees with c3 on
    value, unit, period and yoy, and with c2 on metric and unit."""
    fr = seed.documents[1]
    c1, c2, c3, c4 = fr.claims
    assert "montant total des fonds industriels" in c2.metric_aliases
    x = as_prediction(c3, metric="montant total des fonds industriels")
    assert admissible_partners(fr, x) == 2
    once = score((fr,), [Prediction(FR, (as_prediction(c1), x, as_prediction(c4)))], NO_BOOT)
    twice = score((fr,), [Prediction(FR, (as_prediction(c1), x, as_prediction(c4), x))], NO_BOOT)
    assert once.counts["fr"][0] == Counts(2, 1, 2)  # metric: x's metric is wrong for c3
    assert twice.counts["fr"][0] == Counts(3, 1, 1)  # the duplicate is aligned to c2: its metric is right
    assert twice.counts["fr"][0].precision > once.counts["fr"][0].precision


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=PLAN, pick=st.integers(0, 1000))
def test_removing_a_correct_prediction_never_raises_recall(seed: GoldSet, plan: list[str], pick: int) -> None:
    preds = noisy(seed, plan)
    exact = [
        (i, j)
        for i, p in enumerate(preds)
        for j, c in enumerate(p.claims)
        if any(c == as_prediction(g) for d in seed.documents if d.doc_id == p.doc_id for g in d.claims)
    ]
    if not exact:
        return
    i, j = exact[pick % len(exact)]
    fewer = list(preds)
    fewer[i] = Prediction(preds[i].doc_id, preds[i].claims[:j] + preds[i].claims[j + 1 :])
    before, after = (
        _ratios(score(seed, preds, NO_BOOT), "recall"),
        _ratios(score(seed, fewer, NO_BOOT), "recall"),
    )
    assert all(a <= b + 1e-12 for a, b in zip(after, before, strict=True))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mask=st.lists(st.booleans(), min_size=8, max_size=8))
def test_french_surface_forms_score_like_canonical_values(seed: GoldSet, mask: list[bool]) -> None:
    fr = seed.documents[1]
    canonical = [Prediction(FR, tuple(as_prediction(c) for c in fr.claims))]
    surface = []
    for k, c in enumerate(fr.claims):
        p = as_prediction(c)
        if mask[2 * k] and c.value is not None:
            p = dataclasses.replace(p, value=_french(c.value))  # "1,73 million", "16,5 milliards"
        if mask[2 * k + 1] and c.yoy_change is not None:
            p = dataclasses.replace(p, yoy_change=f"{c.yoy_change:g} %".replace(".", ","))  # "104,2 %"
        surface.append(p)
    a = score((fr,), canonical, NO_BOOT).to_json()
    b = score((fr,), [Prediction(FR, tuple(surface))], NO_BOOT).to_json()
    assert a == b
    assert a["headline"]["value"] == 1.0


def test_explicit_french_examples(seed: GoldSet) -> None:
    fr = seed.documents[1]
    c1 = fr.claims[0]
    n = normalize_claim(as_prediction(c1, value="1,73 million", yoy_change="104,2 %"), "fr", fr.published)
    v = verdicts(
        n, c1, [metric_tokens(c1.metric, "fr")], value_rtol=1e-6, yoy_atol=1e-6, metric_threshold=0.5
    )
    assert v.as_tuple() == (True, True, True, True, True)


def test_strict_mode_refuses_surface_forms(seed: GoldSet) -> None:
    fr = seed.documents[1]
    preds = [Prediction(FR, (as_prediction(fr.claims[0], value="1,73 million"),))]
    lenient = score((fr,), preds, NO_BOOT)
    strict = score((fr,), preds, ScoreConfig(bootstrap=0, strict=True))
    assert lenient.counts["fr"][1].tp == 1
    assert strict.counts["fr"][1].tp == 0 and strict.invalid.unreadable_claims == 1
    assert "norm:off" in str(strict.signature) and "norm:on-v" in str(lenient.signature)


@pytest.mark.parametrize(
    ("changes", "unreadable"),
    [
        ({"period": ""}, 0),  # blank is not filled
        ({"unit": "  "}, 0),
        ({"yoy_change": None, "yoy_unit": "percent"}, 0),  # a yoy_unit beside no change says nothing
        ({"period": "sometime"}, 1),
        ({"yoy_change": "plenty", "yoy_unit": "percent"}, 1),
        ({"value": "a lot"}, 1),
    ],
)
def test_unreadable_claims_are_filled_fields_the_normalizer_could_not_read(
    seed: GoldSet, changes: dict[str, Any], unreadable: int
) -> None:
    en = seed.documents[0]
    preds = [Prediction(EN, (as_prediction(en.claims[0], **changes),))]
    assert score((en,), preds, NO_BOOT).invalid.unreadable_claims == unreadable


def test_runner_align_ids_drive_consistency(seed: GoldSet) -> None:
    en, fr = seed.documents
    preds = [
        Prediction(EN, (as_prediction(en.claims[0], align_id="x"),)),
        Prediction(FR, (as_prediction(fr.claims[1], align_id="x"),)),  # claims "x" is another fact
    ]
    r = score(seed, preds, NO_BOOT)
    assert {f: (c.agree, c.total) for f, c in r.consistency.items()} == {
        "metric": (1, 1),  # both metric verdicts right
        "value": (0, 1),
        "unit": (0, 1),
        "period": (0, 1),
        "yoy_change": (0, 1),
    }


def test_predictions_outside_the_gold_are_ignored_and_duplicates_refused(seed: GoldSet) -> None:
    r = score(seed, [Prediction("nope.en", (PredictedClaim(metric="x", value=1),))], NO_BOOT)
    assert r.invalid.predicted_claims == 0
    with pytest.raises(ValueError, match="two predictions"):
        score(seed, [Prediction(EN), Prediction(EN)], NO_BOOT)


# ---- bootstrap ----------


def test_bootstrap_is_deterministic_and_seeded(seed: GoldSet) -> None:
    gold = load_gold()
    preds = noisy(gold, ["keep", "scale", "drop", "keep", "period"])
    a = score(gold, preds, ScoreConfig(bootstrap=200))
    b = score(gold, preds, ScoreConfig(bootstrap=200))
    c = score(gold, preds, ScoreConfig(bootstrap=200, seed=7))
    assert a.intervals == b.intervals and a.intervals != c.intervals
    hl = a.intervals["headline"]
    assert hl.low <= a.headline <= hl.high and hl.low < hl.high


def test_paired_test(seed: GoldSet) -> None:
    gold = load_gold()
    good = PredictionSet.of(gold_predictions(gold))
    bad = PredictionSet.of(noisy(gold, ["keep", "scale", "drop", "period", "metric"]))
    ev_good, ev_bad = (evaluate(gold.documents, p, NO_BOOT) for p in (good, bad))
    same = paired_test(ev_good, ev_good, n=200)
    assert same.p_value == 1.0 and same.difference == 0.0
    diff = paired_test(ev_bad, ev_good, n=200)
    assert diff.difference > 0 and diff.p_value < 0.05
    with pytest.raises(ValueError, match="unknown statistic"):
        paired_test(ev_good, ev_bad, statistic="nope")
    with pytest.raises(ValueError, match="same gold"):
        paired_test(ev_good, evaluate(seed.documents, good, NO_BOOT))


def test_tags_and_subsets(seed: GoldSet) -> None:
    r = score(seed, seed_predictions(seed), NO_BOOT)
    assert set(r.per_subset) == {"news"}
    # "half" tags only c3 (scale slip on value): located, value wrong
    half = r.per_tag["half"]["en"]
    assert (half[5].tp, half[5].fn) == (1, 0) and (half[1].tp, half[1].fp, half[1].fn) == (0, 1, 1)
    assert set(r.per_document) == {EN, FR}


def test_vectorized_rules_agree_with_the_scalar_rules() -> None:
    gold = load_gold()
    preds = noisy(gold, ["keep", "scale", "period", "metric", "sign", "unit", "spurious"])
    ev = evaluate(gold.documents, PredictionSet.of(preds), NO_BOOT)
    cfg = ev.config
    checked = 0
    for g in np.flatnonzero(ev.gold_match >= 0):
        d = int(ev.gold.cols.doc[g])
        doc = ev.docs[d]
        gc = doc.claims[int(ev.gold.claim_index[g])]
        p = int(ev.gold_match[g])
        raw = ev.predictions.by_doc[doc.doc_id].claims[int(ev.pred.claim_index[p])]
        n = normalize_claim(raw, doc.lang, doc.published)
        variants = [metric_tokens(t, doc.lang) for t in (gc.metric, *gc.metric_aliases)]
        v = verdicts(n, gc, variants, value_rtol=1e-6, yoy_atol=1e-6, metric_threshold=cfg.metric_threshold)
        assert v.as_tuple() == tuple(ev.gold_ok[g].tolist()), (doc.doc_id, gc.claim_id)
        assert v.metric_f1 == pytest.approx(ev.gold_f1[g])
        checked += 1
    assert checked > 100


def test_report_json_validates(seed: GoldSet, tmp_path: Path) -> None:
    r = score(seed, seed_predictions(seed), ScoreConfig(bootstrap=30))
    assert schema_errors("run-result", r.to_json()) == []
