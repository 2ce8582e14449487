"""A local OpenAI-compatible server for tests and the perf script: ``POST /v1/chat/completions`` on
127.0.0.1, answering with the gold claims of the document found in the user message.

Behaviour is set on the FakeOpenAI object (thread-safe counters): ``latency_s`` per request;
``fail_429``/``fail_500`` make the next N requests fail with that status; ``malformed`` answers with
content that is not JSON, ``broken_body`` with this HTTP body instead of a chat completion;
``reject_json_schema`` answers 400 to a json_schema response_format (as servers
without structured output do). Every request's headers and body are kept in ``requests``;
``max_in_flight`` is the most requests seen at once."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.types import Document, GoldClaim


def gold_answer(claims: Iterable[GoldClaim]) -> dict[str, Any]:
    """The answer a perfect model would give: gold fields, evidence as its quote."""
    return {
        "claims": [
            {
                "metric": c.metric,
                "value": c.value,
                "value_high": c.value_high,
                "unit": c.unit,
                "period": c.period,
                "yoy_change": c.yoy_change,
                "yoy_unit": c.yoy_unit,
                "qualifier": c.qualifier,
                "evidence": c.evidence.text,
            }
            for c in claims
        ]
    }


@dataclass
class Seen:
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeOpenAI:
    documents: list[Document] = field(default_factory=list)
    latency_s: float = 0.0
    fail_429: int = 0
    fail_500: int = 0
    malformed: bool = False
    broken_body: str | None = None
    reject_json_schema: bool = False
    requests: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_failure(self) -> int | None:
        """The status of the next injected failure, consuming it."""
        with self.lock:
            if self.fail_429 > 0:
                self.fail_429 -= 1
                return 429
            if self.fail_500 > 0:
                self.fail_500 -= 1
                return 500
        return None

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON body) for one chat-completions request."""
        fmt = (body.get("response_format") or {}).get("type")
        if self.reject_json_schema and fmt == "json_schema":
            return 400, _error("response_format json_schema is not supported", "invalid_request_error")
        status = self.take_failure()
        if status is not None:
            return status, _error(
                f"injected {status}", "rate_limit_error" if status == 429 else "server_error"
            )
        user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
        doc = next((d for d in self.documents if d.text in user), None)
        content = "{not json" if self.malformed else json.dumps(gold_answer(doc.claims if doc else ()))
        return 200, {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


def _error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            with fake.lock:
                fake.requests.append(Seen({k.lower(): v for k, v in self.headers.items()}, body))
                fake.in_flight += 1
                fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
            if fake.latency_s:
                time.sleep(fake.latency_s)
            with fake.lock:
                fake.in_flight -= 1
            if self.path.rstrip("/") != "/v1/chat/completions":
                status, payload = 404, _error("not found", "not_found")
            else:
                status, payload = fake.answer(body)
            data = json.dumps(payload).encode("utf-8")
            if fake.broken_body is not None and status == 200:
                data = fake.broken_body.encode("utf-8")
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            if status == 429:
                self.send_header("retry-after", "0")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the perf case opens 32 connections at once


@contextmanager
def serve(fake: FakeOpenAI) -> Iterator[str]:
    """Run fake on 127.0.0.1 (a free port) in a thread; yields its base_url (``http://127.0.0.1:N/v1``)."""
    server = _Server(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> int:
    """``python tests/fake_openai_server.py [--latency S]``: serve the bundled gold's answers in this
    process until terminated, after printing the base_url on one line (the perf script runs it this way,
    so that the server does not share the measured process's CPU)."""
    import argparse

    from bench.gold import load_gold

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    fake = FakeOpenAI(documents=list(load_gold(None).documents), latency_s=args.latency)
    with serve(fake) as base_url:
        print(base_url, flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()  # until terminated
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
