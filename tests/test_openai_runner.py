"""The openai runner: pure request/response helpers, and the runner against a local fake server
(tests/fake_openai_server.py) on 127.0.0.1: success, retries, malformed output, json_schema fallback,
cache, concurrency limit, and the API key never written anywhere."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

openai = pytest.importorskip("openai")
# the HTTP library the client is built on (httpx, or a fork of it), for building error responses
httpx = pytest.importorskip(openai.DefaultHttpxClient.__mro__[1].__module__.split(".")[0])

from bench.gold import load_gold  # noqa: E402
from bench.run import run  # noqa: E402
from bench.types import Document, Evidence, PredictedClaim  # noqa: E402
from runners.llm.parse import MalformedOutput, is_valid_answer, locate, parse_claims  # noqa: E402
from runners.llm.prompts import load_prompt, prompt_hashes  # noqa: E402
from runners.llm.request import build_request, request_key  # noqa: E402
from runners.llm.retry import backoff_delay, with_retries  # noqa: E402
from runners.llm.schema import LLM_FIELDS, STRIP, response_schema  # noqa: E402
from runners.openai_runner import OpenAIConfig, OpenAIRunner, retry_after  # noqa: E402
from tests.conftest import ROOT  # noqa: E402
from tests.fake_openai_server import FakeOpenAI, gold_answer, serve  # noqa: E402

SECRET = "sk-test-3f9a1c77d2e84b0c9e5aa1b2c3d4e5f6"
SEED = "xinhua-shenzhen-industries-2024"


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    gold = load_gold(ROOT / "gold" / "test")
    return [d for d in gold.documents if d.pair_id == SEED]


@pytest.fixture
def fake(seed_docs: list[Document]) -> FakeOpenAI:
    return FakeOpenAI(documents=seed_docs)


@pytest.fixture
def base_url(fake: FakeOpenAI) -> Iterator[str]:
    with serve(fake) as url:
        yield url


@pytest.fixture
def make(base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CLAIMBENCH_TEST_KEY", SECRET)

    def _make(**kw: Any) -> OpenAIRunner:
        cfg = OpenAIConfig(
            base_url=base_url,
            model="fake-model",
            auth_env="CLAIMBENCH_TEST_KEY",
            backoff_s=0.001,
            cache_dir=tmp_path / "cache",
        )
        return OpenAIRunner(replace(cfg, **kw))

    return _make


# --- pure helpers -----------------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_response_schema_meets_strict_mode() -> None:
    schema = response_schema(strict=True)
    claim = schema["properties"]["claims"]["items"]
    assert list(claim["properties"]) == [*LLM_FIELDS, "evidence"]
    for node in _walk(schema):
        assert not (STRIP | {"$ref"}) & node.keys(), node
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert sorted(node["required"]) == sorted(node["properties"])
        if "enum" in node:
            assert node["type"] == "string"


def test_response_schema_accepts_gold_answers(seed_docs: list[Document]) -> None:
    from jsonschema import Draft202012Validator

    for doc in seed_docs:
        Draft202012Validator(response_schema(strict=True)).validate(gold_answer(doc.claims))


def test_build_request_json_schema(seed_docs: list[Document]) -> None:
    doc = seed_docs[0].input()
    payload = build_request(doc, load_prompt(doc.lang), model="m", temperature=0.0, mode="json_schema")
    assert payload["model"] == "m" and payload["temperature"] == 0.0
    system, user = payload["messages"]
    assert system == {"role": "system", "content": load_prompt(doc.lang).text}
    assert user["content"].startswith(f"Published: {doc.published}\nTitle: {doc.title}\n\n")
    assert user["content"].endswith(doc.text)
    fmt = payload["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"] == response_schema(strict=True)


def test_build_request_json_object_carries_schema_in_prompt(seed_docs: list[Document]) -> None:
    doc = seed_docs[1].input()
    payload = build_request(doc, load_prompt(doc.lang), model="m", temperature=0.0, mode="json_object")
    assert payload["response_format"] == {"type": "json_object"}
    assert json.dumps(response_schema(strict=True), sort_keys=True) in payload["messages"][0]["content"]


def test_prompts_per_language_and_hashes() -> None:
    assert "French" in load_prompt("fr").text and "English" in load_prompt("en").text
    hashes = prompt_hashes()
    assert set(hashes) == {"prompt.en", "prompt.fr"}
    assert hashes["prompt.en"].startswith("claims.en.v1.md:sha256:")
    assert OpenAIRunner.version.startswith("1+prompts-")


def test_request_key_is_stable_and_depends_on_request(seed_docs: list[Document]) -> None:
    doc = seed_docs[0].input()
    p = build_request(doc, load_prompt("en"), model="m", temperature=0.0, mode="json_schema")
    q = build_request(doc, load_prompt("en"), model="m2", temperature=0.0, mode="json_schema")
    assert request_key(p, "http://h/v1") == request_key(json.loads(json.dumps(p)), "http://h/v1/")
    assert request_key(p, "http://h/v1") != request_key(q, "http://h/v1")
    assert request_key(p, "http://h/v1") != request_key(p, "http://other/v1")


TEXT = "Output rose 5% to 12 bln."


def test_parse_claims_locates_evidence() -> None:
    content = json.dumps(
        {
            "claims": [
                {"metric": "output", "value": 12e9, "unit": "USD", "evidence": "12 bln"},
                {"value": "5 %"},
            ]
        }
    )
    claims = parse_claims(content, TEXT)
    assert claims == [
        PredictedClaim(metric="output", value=12e9, unit="USD", evidence=Evidence(18, 24, "12 bln")),
        PredictedClaim(value="5 %"),
    ]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [("rose 5%", Evidence(7, 14, "rose 5%")), ("not there", None), ("", None), (None, None)],
)
def test_locate(quote: str | None, expected: Evidence | None) -> None:
    assert locate(TEXT, quote) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no content"),
        ("  ", "no content"),
        ("{not json", "not JSON"),
        ('{"claims": [{"value": NaN}]}', "not JSON"),
        ("[]", "breaks the schema at /"),
        ('{"claims": 3}', "at /claims"),
        ('{"claims": [{"qualifier": "maybe"}]}', "at /claims/0/qualifier"),
        ('{"claims": [{"colour": "red"}]}', "at /claims/0"),
        ('{"claims": [], "extra": 1}', "at /"),
    ],
)
def test_parse_claims_malformed(content: str | None, message: str) -> None:
    with pytest.raises(MalformedOutput, match=message):
        parse_claims(content, TEXT)


_JSONISH = (
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=3)
    | st.sampled_from(["exact", "approx", "range", "maybe"])
    | st.lists(st.integers(0, 3), max_size=2)
)
_CLAIM = st.dictionaries(st.sampled_from([*LLM_FIELDS, "evidence", "junk"]), _JSONISH, max_size=5)
_ANSWER = (
    st.fixed_dictionaries({"claims": st.lists(_CLAIM | _JSONISH, max_size=3)})
    | st.dictionaries(st.sampled_from(["claims", "other"]), st.lists(_CLAIM, max_size=2) | _JSONISH)
    | _JSONISH
)


@settings(max_examples=400, deadline=None)
@given(_ANSWER)
def test_fast_validity_check_agrees_with_jsonschema(data: Any) -> None:
    from jsonschema import Draft202012Validator

    assert is_valid_answer(data) == Draft202012Validator(response_schema(strict=False)).is_valid(data)


@pytest.mark.parametrize(
    ("attempt", "retry_after_s", "expected"),
    [
        (1, None, 1.0),
        (2, None, 2.0),
        (3, None, 4.0),
        (6, None, 10.0),
        (1, 3.0, 3.0),
        (3, 1.0, 4.0),
        (1, 60.0, 10.0),
    ],
)
def test_backoff_delay(attempt: int, retry_after_s: float | None, expected: float) -> None:
    assert backoff_delay(attempt, 1.0, 10.0, retry_after_s) == expected


class Transient(Exception):
    pass


def _flaky(failures: int) -> Any:
    calls = {"n": 0}

    def call() -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise Transient(str(calls["n"]))
        return "ok"

    return call, calls


def test_with_retries_backs_off_then_succeeds() -> None:
    call, calls = _flaky(3)
    slept: list[float] = []
    out = with_retries(
        call, retries=3, backoff_s=0.5, max_backoff_s=30, retry_after=lambda e: 0.0, sleep=slept.append
    )
    assert out == "ok" and calls["n"] == 4 and slept == [0.5, 1.0, 2.0]


def test_with_retries_gives_up_with_last_error() -> None:
    call, calls = _flaky(10)
    with pytest.raises(Transient, match="3"):
        with_retries(call, retries=2, backoff_s=0, max_backoff_s=0, retry_after=lambda e: 0.0, sleep=print)
    assert calls["n"] == 3


def test_with_retries_does_not_retry_permanent_errors() -> None:
    call, calls = _flaky(1)
    with pytest.raises(Transient):
        with_retries(call, retries=5, backoff_s=0, max_backoff_s=0, retry_after=lambda e: None)
    assert calls["n"] == 1


def _status_error(cls: type[Exception], status: int, headers: dict[str, str] | None = None) -> Exception:
    req = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    resp = httpx.Response(status, headers=headers or {}, request=req)
    return cls("x", response=resp, body=None)


def test_retry_after_classifies_errors() -> None:
    req = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    assert retry_after(_status_error(openai.RateLimitError, 429, {"retry-after": "2.5"})) == 2.5
    assert retry_after(_status_error(openai.RateLimitError, 429, {"retry-after": "soon"})) == 0.0
    assert retry_after(_status_error(openai.InternalServerError, 503)) == 0.0
    assert retry_after(openai.APITimeoutError(request=req)) == 0.0
    assert retry_after(openai.APIConnectionError(request=req)) == 0.0
    assert retry_after(_status_error(openai.BadRequestError, 400)) is None
    assert retry_after(_status_error(openai.AuthenticationError, 401)) is None
    assert retry_after(ValueError("x")) is None


# --- the runner against the fake server --------------------------------------------------------------


def _values(claims: list[PredictedClaim]) -> list[tuple[Any, Any, Any]]:
    return [(c.value, c.unit, c.yoy_change) for c in claims]


def test_success_returns_gold_claims_and_sends_key(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    runner = make()
    for doc in seed_docs:
        claims = runner.extract(doc.input())
        assert _values(claims) == [(c.value, c.unit, c.yoy_change) for c in doc.claims]
        assert [c.evidence for c in claims] == [c.evidence for c in doc.claims]
    assert len(fake.requests) == 2
    seen = fake.requests[0]
    assert seen.headers["authorization"] == f"Bearer {SECRET}"
    assert seen.body["model"] == "fake-model" and seen.body["temperature"] == 0.0
    assert seen.body["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize("status", [429, 500])
def test_transient_errors_are_retried(
    status: int, make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    setattr(fake, f"fail_{status}", 2)
    claims = make(retries=2).extract(seed_docs[0].input())
    assert len(claims) == len(seed_docs[0].claims)
    assert len(fake.requests) == 3


@pytest.mark.parametrize(("status", "error"), [(429, "RateLimitError"), (500, "InternalServerError")])
def test_retries_exhausted_raise(
    status: int, error: str, make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    setattr(fake, f"fail_{status}", 5)
    with pytest.raises(getattr(openai, error)):
        make(retries=1).extract(seed_docs[0].input())
    assert len(fake.requests) == 2


def test_timeout_is_an_error_of_the_document(make: Any, fake: FakeOpenAI, seed_docs: list[Document]) -> None:
    fake.latency_s = 1.0
    with pytest.raises(openai.APITimeoutError):
        make(timeout_s=0.1, retries=1).extract(seed_docs[0].input())
    assert len(fake.requests) == 2  # the timeout was retried once


def test_malformed_output_is_a_document_error_and_not_cached(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document], tmp_path: Path
) -> None:
    fake.malformed = True
    runner = make()
    with pytest.raises(MalformedOutput, match="not JSON"):
        runner.extract(seed_docs[0].input())
    assert not list((tmp_path / "cache").rglob("*.json"))
    fake.malformed = False
    assert len(runner.extract(seed_docs[0].input())) == 4
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "response is not JSON"),
        ('"just a string"', "not a chat completion"),
        ('{"id": "x", "choices": []}', "no choices"),
    ],
)
def test_broken_response_body_is_a_document_error(
    body: str, message: str, make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.broken_body = body
    with pytest.raises(MalformedOutput, match=message):
        make().extract(seed_docs[0].input())
    assert len(fake.requests) == 1  # not retried


def test_json_schema_refused_falls_back_to_json_mode(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.reject_json_schema = True
    runner = make(cache=False)
    en, fr = (d.input() for d in seed_docs)
    assert len(runner.extract(en)) == 4
    assert [r.body["response_format"]["type"] for r in fake.requests] == ["json_schema", "json_object"]
    assert len(runner.extract(fr)) == 4  # remembered: no second refused request
    assert [r.body["response_format"]["type"] for r in fake.requests][2:] == ["json_object"]


def test_json_schema_only_mode_does_not_fall_back(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.reject_json_schema = True
    with pytest.raises(openai.BadRequestError):
        make(response_mode="json_schema").extract(seed_docs[0].input())
    assert len(fake.requests) == 1


def test_cache_hit_sends_nothing(make: Any, fake: FakeOpenAI, seed_docs: list[Document]) -> None:
    first = [make().extract(d.input()) for d in seed_docs]
    assert len(fake.requests) == 2
    again = [make().extract(d.input()) for d in seed_docs]  # a new runner: a rerun
    assert again == first
    assert len(fake.requests) == 2


def test_cache_hit_after_fallback(make: Any, fake: FakeOpenAI, seed_docs: list[Document]) -> None:
    fake.reject_json_schema = True
    make().extract(seed_docs[0].input())
    n = len(fake.requests)
    make().extract(seed_docs[0].input())
    assert len(fake.requests) == n


def test_cache_off_sends_again(make: Any, fake: FakeOpenAI, seed_docs: list[Document]) -> None:
    make(cache=False).extract(seed_docs[0].input())
    make(cache=False).extract(seed_docs[0].input())
    assert len(fake.requests) == 2


def test_max_concurrency_bounds_requests_in_flight(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.latency_s = 0.05
    docs = [replace(seed_docs[0].input(), doc_id=f"d{i}", text=f"{i} {seed_docs[0].text}") for i in range(8)]
    runner = make(max_concurrency=2, cache=False)
    runner._slots.acquire()  # one slot taken: at most one request may be in flight
    try:
        out = list(runner.extract_batch(docs))
    finally:
        runner._slots.release()
    assert all(isinstance(o, list) for o in out)
    assert fake.max_in_flight == 1 and len(fake.requests) == 8


def test_extract_batch_keeps_failures_in_place(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.malformed = True
    out = list(make(cache=False).extract_batch([d.input() for d in seed_docs]))
    assert [type(o) for o in out] == [MalformedOutput, MalformedOutput]


def test_run_without_workers_uses_the_batch_form(make: Any, fake: FakeOpenAI, tmp_path: Path) -> None:
    from bench.gold import GoldSet

    fake.latency_s = 0.2  # long enough for all three requests to overlap
    base = load_gold(ROOT / "gold" / "test").documents[0]
    docs = tuple(replace(base, doc_id=f"b{i}.en", pair_id=f"b{i}", text=f"{i} {base.text}") for i in range(6))
    runner = make(max_concurrency=3, cache=False)
    assert runner.batch_size >= len(docs)  # one stream for the whole run
    result = run(runner, GoldSet(docs, "batch"), tmp_path / "run")  # workers=1: the runner's batch form
    assert result.ok == 6
    assert fake.max_in_flight == 3  # the runner's own concurrency, not one document at a time


def test_stream_map_yields_in_input_order_each_when_ready() -> None:
    from runners.llm.stream import stream_map

    released = [threading.Event() for _ in range(3)]
    order: list[int] = []

    def fn(i: int) -> int:
        released[i].wait(2.0)
        order.append(i)
        if i == 1:
            raise ValueError("one")
        return i * 10

    released[2].set()  # the last finishes first: held back until the ones before it are done
    threading.Timer(0.1, released[0].set).start()
    out = stream_map(fn, [0, 1, 2], workers=3)
    assert next(out) == 0
    released[1].set()
    with pytest.raises(ValueError, match="one"):
        next(out)
    assert order == [2, 0, 1]


def test_stream_map_runs_at_most_ahead_items_beyond_the_last_handed_back() -> None:
    """A slow first item holds back at most `ahead` finished ones (what a crash could lose, what memory
    holds); once it is handed back the rest flow again, and closing stops the workers."""
    from runners.llm.stream import stream_map

    slow, started = threading.Event(), []
    lock = threading.Lock()

    def fn(i: int) -> int:
        with lock:
            started.append(i)
        if i == 0:
            slow.wait(2.0)
        return i

    out = stream_map(fn, list(range(100)), workers=3, ahead=5)
    first = threading.Thread(target=lambda: results.append(next(out)))
    results: list[int] = []
    first.start()
    deadline = time.monotonic() + 5.0
    while len(started) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # room for a sixth start, which must not come
    assert sorted(started) == [0, 1, 2, 3, 4]  # item 0 plus 4 finished behind it: the window is full
    slow.set()
    first.join(2.0)
    assert results == [0] and [next(out) for _ in range(10)] == list(range(1, 11))
    out.close()
    time.sleep(0.3)
    assert len(started) <= 11 + 5  # closed: nothing beyond the window is started


def _copies(n: int) -> tuple[Document, ...]:
    base = load_gold(ROOT / "gold" / "test").documents[0]
    return tuple(replace(base, doc_id=f"b{i}.en", pair_id=f"b{i}", text=f"{i} {base.text}") for i in range(n))


class _CtrlCAt:
    """A progress sink raising KeyboardInterrupt at the given advance; notes when it did."""

    def __init__(self, at: int) -> None:
        self.at, self.seen, self.raised_at = at, 0, 0.0

    def start(self, total: int, done: int) -> None:
        pass

    def advance(self, failed: bool) -> None:
        self.seen += 1
        if self.seen == self.at:
            self.raised_at = time.perf_counter()
            raise KeyboardInterrupt


def test_ctrl_c_mid_chunk_keeps_the_finished_documents(make: Any, fake: FakeOpenAI, tmp_path: Path) -> None:
    """6 documents, 2 requests at a time, 2 s each, one chunk: Ctrl-C when the second answer is written
    leaves 2 records, returns without waiting for the requests in flight, and never sends the last 2."""
    from bench.gold import GoldSet

    fake.latency_s = 2.0
    runner = make(max_concurrency=2, cache=False)
    assert runner.batch_size >= 6
    sink = _CtrlCAt(2)
    with pytest.raises(KeyboardInterrupt):
        run(runner, GoldSet(_copies(6), "batch"), tmp_path / "run", progress=sink)
    assert time.perf_counter() - sink.raised_at < 1.0  # the requests in flight have about 2 s to go
    records = [json.loads(x) for x in (tmp_path / "run" / "predictions.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["error"]) for r in records] == [("b0.en", None), ("b1.en", None)]
    assert json.loads((tmp_path / "run" / "run.json").read_text())["status"] == "interrupted"
    time.sleep(2.2)  # what was in flight has ended; nothing else was started
    assert len(fake.requests) <= 4  # 2 answered, at most 2 more started; the last 2 never sent


def test_closing_the_batch_returns_at_once_and_sends_nothing_more(
    make: Any, fake: FakeOpenAI, seed_docs: list[Document]
) -> None:
    fake.latency_s = 1.0
    batch = make(max_concurrency=2, cache=False).extract_batch([d.input() for d in _copies(6)])
    assert isinstance(next(batch), list)
    t0 = time.perf_counter()
    batch.close()
    assert time.perf_counter() - t0 < 0.5  # the 2 requests in flight have about 1 s to go: not awaited
    time.sleep(1.2)
    assert len(fake.requests) <= 4  # 2 answered first, at most 2 more started; the rest never sent


def test_a_closed_batch_stops_retrying(make: Any, fake: FakeOpenAI, seed_docs: list[Document]) -> None:
    fake.fail_500 = 1000
    runner = make(cache=False, retries=1000, backoff_s=0.02, max_backoff_s=0.02)
    stop = threading.Event()
    errors: list[BaseException] = []

    def extract() -> None:
        try:
            runner._extract(seed_docs[0].input(), stop)
        except Exception as e:
            errors.append(e)

    worker = threading.Thread(target=extract)
    worker.start()
    time.sleep(0.2)
    stop.set()
    worker.join(timeout=1.0)
    assert not worker.is_alive()
    sent = len(fake.requests)
    assert 1 < sent < 1000 and len(errors) == 1
    time.sleep(0.1)
    assert len(fake.requests) == sent


def test_missing_key_for_openai_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMBENCH_NO_SUCH_KEY", raising=False)
    with pytest.raises(ValueError, match="set the environment variable CLAIMBENCH_NO_SUCH_KEY"):
        OpenAIRunner(OpenAIConfig(auth_env="CLAIMBENCH_NO_SUCH_KEY"))


@pytest.mark.parametrize(
    "bad",
    [{"max_concurrency": 0}, {"timeout_s": 0}, {"retries": -1}, {"temperature": 3.0}, {"model": ""}],
)
def test_config_rejects_bad_values(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        OpenAIConfig(**bad)


def test_run_records_errors_and_never_writes_the_key(
    make: Any, fake: FakeOpenAI, tmp_path: Path, seed_docs: list[Document]
) -> None:
    from bench.gold import GoldSet

    gold = GoldSet(tuple(seed_docs), "seed")
    fake.fail_500 = 10  # the first document fails after its retries; the run goes on
    result_dir = tmp_path / "run"
    run(make(retries=1), gold, result_dir)
    records = [json.loads(line) for line in (result_dir / "predictions.jsonl").read_text().splitlines()]
    errors = [r["error"] for r in records]
    assert sum(e is not None for e in errors) >= 1
    assert any("InternalServerError" in (e or "") for e in errors)
    fake.fail_500 = 0
    run(make(retries=1), gold, result_dir)  # resume: redo the failed documents
    records = [json.loads(line) for line in (result_dir / "predictions.jsonl").read_text().splitlines()]
    assert [r["error"] for r in records] == [None, None]
    run_json = json.loads((result_dir / "run.json").read_text())
    assert "CLAIMBENCH_TEST_KEY" in json.dumps(run_json)  # the variable's name is recorded...
    assert set(prompt_hashes().values()) <= set(json.dumps(run_json).split('"'))  # ...and the prompt hashes
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" and "cache" in p.parts for p in written)
    for path in written:  # ...but the key itself nowhere: run dir, log, cache
        assert SECRET.encode() not in path.read_bytes(), path


def test_perf_case_runs_end_to_end() -> None:
    """The perf case's plumbing (server in a child process, run loop, batch form); its speed is not tested."""
    from runners.llm.perf import throughput

    figures = throughput(documents=6, concurrency=3, latency_s=0.01)
    assert figures["run_loop"]["ok"] == 6 and figures["runner_batch"]["ok"] == 6
    assert figures["ideal_docs_per_s"] == 300.0
