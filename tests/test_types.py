"""Typed records from JSON: from_json builds exactly the record the keyword constructor gives, and
to_json/from_json round-trip."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bench.types import Alternative, Evidence, GoldClaim, PredictedClaim, Prediction

_TEXT = st.text(max_size=4)
_NUM = st.one_of(st.none(), st.integers(-5, 5), st.floats(-1e6, 1e6))


@st.composite
def gold_claims(draw: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "claim_id": draw(_TEXT),
        "align_id": draw(_TEXT),
        "metric": draw(_TEXT),
        "evidence": {"start": draw(st.integers(0, 9)), "end": draw(st.integers(0, 9)), "text": draw(_TEXT)},
    }
    optional = {
        "value": _NUM,
        "value_high": _NUM,
        "unit": st.one_of(st.none(), _TEXT),
        "period": st.one_of(st.none(), _TEXT),
        "yoy_change": _NUM,
        "yoy_unit": st.one_of(st.none(), _TEXT),
        "qualifier": st.sampled_from(["exact", "approx", "range"]),
        "tags": st.lists(_TEXT, max_size=2),
        "metric_aliases": st.lists(_TEXT, max_size=2),
        "alternatives": st.lists(
            st.fixed_dictionaries({"value": st.integers(0, 9), "unit": _TEXT}, optional={"value_high": _NUM}),
            max_size=2,
        ),
        "note": st.one_of(st.none(), _TEXT),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            d[key] = draw(strategy)
    return d


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


@given(gold_claims())
def test_a_gold_claim_from_json_is_the_keyword_built_claim(d: dict[str, Any]) -> None:
    ev = d["evidence"]
    expected = GoldClaim(
        claim_id=d["claim_id"],
        align_id=d["align_id"],
        metric=d["metric"],
        value=_f(d.get("value")),
        unit=d.get("unit"),
        period=d.get("period"),
        yoy_change=_f(d.get("yoy_change")),
        yoy_unit=d.get("yoy_unit"),
        qualifier=d.get("qualifier", "exact"),
        evidence=Evidence(ev["start"], ev["end"], ev["text"]),
        tags=tuple(d.get("tags", ())),
        metric_aliases=tuple(d.get("metric_aliases", ())),
        value_high=_f(d.get("value_high")),
        alternatives=tuple(
            Alternative(float(a["value"]), a["unit"], _f(a.get("value_high")))
            for a in d.get("alternatives", ())
        ),
        note=d.get("note"),
    )
    claim = GoldClaim.from_json(d)
    assert claim == expected
    assert GoldClaim.from_json(claim.to_json()) == claim


_ANY = st.one_of(st.none(), st.integers(-3, 3), st.floats(allow_nan=False), _TEXT, st.booleans())
_PRED_FIELDS = (
    "metric",
    "value",
    "value_high",
    "unit",
    "period",
    "yoy_change",
    "yoy_unit",
    "qualifier",
    "align_id",
    "claim_id",
    "confidence",
)


@given(
    st.dictionaries(st.sampled_from(_PRED_FIELDS), _ANY),
    st.one_of(
        st.none(),
        st.just("not an object"),
        st.dictionaries(st.sampled_from(["start", "end", "text"]), st.integers(0, 9)),
    ),
)
def test_a_predicted_claim_from_json_is_the_keyword_built_claim(fields: dict[str, Any], ev: Any) -> None:
    d = dict(fields) if ev is None else {**fields, "evidence": ev}
    readable = isinstance(ev, dict) and {"start", "end"} <= ev.keys()
    evidence = Evidence(ev["start"], ev["end"], str(ev.get("text", ""))) if readable else None
    claim = PredictedClaim.from_json(d)
    assert claim == PredictedClaim(**fields, evidence=evidence)
    assert PredictedClaim.from_json(claim.to_json()) == claim
    line = Prediction.from_json({"doc_id": "d", "claims": [d]})
    assert line.claims == (claim,) and Prediction.from_json(line.to_json()) == line
