"""The fast path of prediction validation: plainly_valid_prediction only ever accepts what the JSON Schema
accepts, it accepts the plain records runners write, and validating a file with it gives exactly the
problems the schema alone gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import validate
from bench.perf import synthetic
from bench.schema import schema_errors
from bench.validate import plainly_valid_claim, plainly_valid_prediction, validate_predictions_file

_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
    st.text(min_size=199, max_size=201),
    st.text(min_size=499, max_size=501),
    st.sampled_from(["exact", "approx", "range", "roughly", "1.0.0", "1.0"]),
    st.lists(st.integers(), max_size=1),
    st.dictionaries(st.sampled_from(["start", "text"]), st.integers(-1, 1), max_size=1),
)
_NUMBER = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=2),
    st.text(min_size=199, max_size=201),
)
_SURFACE = st.one_of(st.none(), st.integers(0, 1), st.text(max_size=3), st.text(min_size=499, max_size=501))
_ID = st.one_of(st.none(), st.integers(0, 1), st.text(max_size=3))
_EVIDENCE = st.one_of(
    _ANY,
    st.fixed_dictionaries(
        {},
        optional={
            "start": st.one_of(st.integers(-1, 3), st.floats(0, 3), st.booleans()),
            "end": st.one_of(st.integers(-1, 3), st.none()),
            "text": st.one_of(st.text(max_size=3), st.none()),
            "page": st.just(1),
        },
    ),
)
_FIELDS = {
    "claim_id": _ID,
    "align_id": _ID,
    "metric": _SURFACE,
    "value": _NUMBER,
    "value_high": _NUMBER,
    "unit": _SURFACE,
    "period": _SURFACE,
    "yoy_change": _NUMBER,
    "yoy_unit": _SURFACE,
    "qualifier": st.sampled_from([None, "exact", "approx", "lower_bound", "roughly", 1]),
    "evidence": _EVIDENCE,
    "confidence": st.one_of(st.none(), st.booleans(), st.integers(-1, 2), st.floats(-0.5, 1.5)),
    "source": st.just("extra"),
}
_PLAIN_CLAIM = st.lists(st.sampled_from(sorted(_FIELDS)), max_size=3, unique=True).flatmap(
    lambda keys: st.fixed_dictionaries({k: _FIELDS[k] for k in keys})
)
_CLAIMS = st.one_of(_ANY, _PLAIN_CLAIM)
_RECORD_FIELDS = {
    "schema_version": st.sampled_from(["1.0.0", "2.0.0", None, 1]),
    "error": st.one_of(st.none(), st.text(max_size=3), st.integers(0, 1)),
    "doc_hash": st.one_of(st.text(max_size=3), st.none()),
    "latency_s": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-1, 3), st.booleans()),
    "runner": st.just("extra"),
}
_RECORDS = st.tuples(
    st.sampled_from(["d.en", "d.en", "", 0]),
    st.lists(st.one_of(_PLAIN_CLAIM, _PLAIN_CLAIM, _ANY), max_size=2),
    st.lists(st.sampled_from(sorted(_RECORD_FIELDS)), max_size=2, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({k: _RECORD_FIELDS[k] for k in keys})
    ),
).map(lambda t: {"doc_id": t[0], "claims": t[1], **t[2]})


@settings(max_examples=600, deadline=None)
@given(_RECORDS)
def test_what_the_fast_check_accepts_the_schema_accepts(rec: Any) -> None:
    if plainly_valid_prediction(rec):
        assert schema_errors("prediction", rec) == []
        json.dumps(rec, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(_CLAIMS)
def test_a_plainly_valid_claim_is_a_valid_claim(claim: Any) -> None:
    if plainly_valid_claim(claim):
        assert schema_errors("prediction", {"doc_id": "d", "claims": [claim]}) == []


def test_the_plain_records_runners_write_take_the_fast_path() -> None:
    _, preds = synthetic(20)
    preds[0]["claims"][0]["value"] = "1,73 million"
    preds[1].update(error=None, doc_hash="abc", latency_s=0.5, schema_version="1.0.0")
    preds[1]["claims"][0].update(claim_id="c1", align_id=None, qualifier="approx", confidence=1)
    assert all(plainly_valid_prediction(p) for p in preds)


@pytest.mark.parametrize(
    "rec",
    [
        {"doc_id": "", "claims": []},
        {"doc_id": "d", "claims": [], "extra": 1},
        {"doc_id": "d", "claims": [{"value": True}]},
        {"doc_id": "d", "claims": [{"value": ""}]},
        {"doc_id": "d", "claims": [{"claim_id": None}]},
        {"doc_id": "d", "claims": [{"evidence": {"start": -1}}]},
        {"doc_id": "d", "claims": [{"qualifier": "roughly"}]},
        {"doc_id": "d", "claims": [], "latency_s": -1},
        {"doc_id": "d", "claims": [], "schema_version": "2.0.0"},
        {"doc_id": "d", "claims": (), "doc_hash": None},
        None,
        [{"doc_id": "d", "claims": []}],
    ],
)
def test_a_record_off_the_plain_form_goes_to_the_schema(rec: Any) -> None:
    assert not plainly_valid_prediction(rec)


def test_a_file_gets_the_same_problems_with_and_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, preds = synthetic(6)
    lines = [json.dumps(p) for p in preds]
    lines[1] = json.dumps({**preds[1], "claims": [{"value": True, "metric": 3}]})
    lines[2] = lines[0]  # duplicate doc_id
    lines[3] = json.dumps({**preds[3], "doc_id": "nowhere.en"})
    lines[4] = "{not json"
    path = tmp_path / "predictions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    known = frozenset(p["doc_id"] for p in preds)
    fast = validate_predictions_file(path, known)
    monkeypatch.setattr(validate, "plainly_valid_prediction", lambda rec: False)
    slow = validate_predictions_file(path, known)
    assert fast == slow
    assert [p.line for p in fast[1]] == [2, 2, 3, 4, 5]
    assert [line for line, _ in fast[0]] == [1, 6]
