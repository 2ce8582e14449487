"""The ``openai`` runner: any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp
server) through the official ``openai`` client (extra ``claimbench[openai]``).

Per document: a request built from the language's versioned prompt (runners/prompts) with the answer
constrained by a strict JSON Schema derived from the prediction schema; when the server refuses
``json_schema`` with a 400, plain JSON mode with the schema in the prompt (remembered for later documents).
Transient failures (429, 5xx, timeouts, connection errors) are retried with exponential backoff
(runners/llm/retry.py; the client's own retries are off so there is one documented policy). Answers that
parse are cached on disk by request hash, so a rerun sends nothing. A malformed answer raises
MalformedOutput: an error of that document, not of the run.

The batch form (``claimbench run openai`` without --workers) streams: each document's claims are handed
back as soon as it and the ones before it are answered. Closing it (the run stops, Ctrl-C) cancels the
documents not yet sent, abandons the requests in flight without waiting for them, and stops their retries.

The API key is read from the environment variable named by ``auth_env`` when the runner is built; it is
never a config field, so it reaches neither run.json, nor the cache key, nor the cache files."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlparse

import openai
from openai.types.chat import ChatCompletion

from bench.types import LANGS, InputDocument, Lang, PredictedClaim
from runners.base import BaseRunner
from runners.llm.cache import ResponseCache, default_cache_dir
from runners.llm.parse import MalformedOutput, parse_claims
from runners.llm.prompts import load_prompt, prompt_hashes, prompts_digest
from runners.llm.request import MODES, build_request, request_key
from runners.llm.retry import with_retries
from runners.llm.stream import stream_map

OPENAI_BASE_URL = "https://api.openai.com/v1"
NO_KEY = "not-needed"
"""Sent to servers other than api.openai.com when the key variable is unset (local servers need none)."""


@dataclass(frozen=True)
class OpenAIConfig:
    base_url: str = OPENAI_BASE_URL
    model: str = "gpt-4o-mini"
    temperature: float = 0.0
    max_concurrency: int = 8
    """Requests in flight at once, across every thread using this runner."""
    timeout_s: float = 120.0
    retries: int = 4
    """Retries of one request after a 429, a 5xx, a timeout or a connection error."""
    backoff_s: float = 1.0
    """Wait before the first retry; doubled for each next one."""
    max_backoff_s: float = 30.0
    auth_env: str = "OPENAI_API_KEY"
    """Name of the environment variable holding the API key (the name, never the key)."""
    response_mode: Literal["auto", "json_schema", "json_object"] = "auto"
    """auto: strict json_schema, falling back to json_object when the server refuses it."""
    cache: bool = True
    cache_dir: Path | None = None
    """Response cache; None means $XDG_CACHE_HOME/claimbench/openai (~/.cache/claimbench/openai)."""

    def __post_init__(self) -> None:
        if self.max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if self.timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        if self.retries < 0 or self.backoff_s < 0 or self.max_backoff_s < 0:
            raise ValueError("retries, backoff_s and max_backoff_s must not be negative")
        if not 0 <= self.temperature <= 2:
            raise ValueError("temperature must be between 0 and 2")
        if not self.model:
            raise ValueError("model must not be empty")


class Abandoned(Exception):
    """The batch this request belonged to was closed: it is neither sent nor retried."""


def retry_after(e: BaseException) -> float | None:
    """None when e is not worth retrying; else the wait the server asked for (Retry-After seconds), or 0."""
    if isinstance(e, openai.APIConnectionError):  # includes APITimeoutError
        return 0.0
    if isinstance(e, openai.APIStatusError) and (e.status_code == 429 or e.status_code >= 500):
        raw = e.response.headers.get("retry-after")
        try:
            return max(float(raw), 0.0) if raw is not None else 0.0
        except ValueError:
            return 0.0
    return None


class OpenAIRunner(BaseRunner):
    name: ClassVar[str] = "openai"
    version: ClassVar[str] = f"1+prompts-{prompts_digest()}"
    description: ClassVar[str] = "LLM through any OpenAI-compatible chat-completions endpoint (extra: openai)"
    io_bound: ClassVar[bool] = True
    languages: ClassVar[frozenset[Lang]] = frozenset(LANGS)
    Config: ClassVar[type[Any]] = OpenAIConfig
    requires_extra: ClassVar[str] = "openai"

    def __init__(self, config: OpenAIConfig | None = None) -> None:
        super().__init__(config)
        self.config: OpenAIConfig
        cfg = self.config
        key = os.environ.get(cfg.auth_env)
        if not key:
            if urlparse(cfg.base_url).hostname == urlparse(OPENAI_BASE_URL).hostname:
                raise ValueError(f"set the environment variable {cfg.auth_env} to your API key")
            key = NO_KEY
        # The client is thread-safe; retries are ours (max_retries=0), the timeout is per request.
        self._client = openai.OpenAI(api_key=key, base_url=cfg.base_url, max_retries=0, timeout=cfg.timeout_s)
        self._slots = threading.BoundedSemaphore(cfg.max_concurrency)
        self._cache = ResponseCache(cfg.cache_dir or default_cache_dir()) if cfg.cache else None
        self._schema_refused = cfg.response_mode == "json_object"

    def signature_inputs(self) -> dict[str, str]:
        """Extra inputs of the run's signature: the prompt files' names and hashes."""
        return prompt_hashes()

    def close(self) -> None:
        """Release the HTTP connections (the run loop calls this at the end)."""
        self._client.close()

    def _modes(self) -> tuple[str, ...]:
        if self.config.response_mode != "auto":
            return (self.config.response_mode,)
        return ("json_object",) if self._schema_refused else MODES

    def _payload(self, doc: InputDocument, mode: str) -> dict[str, Any]:
        cfg = self.config
        return build_request(
            doc, load_prompt(doc.lang), model=cfg.model, temperature=cfg.temperature, mode=mode
        )

    def _complete(self, payload: dict[str, Any], stop: threading.Event) -> tuple[str | None, str | None]:
        """The answer content and the server's model name, retried on transient failures until stop is set."""

        def once() -> tuple[str | None, str | None]:
            if stop.is_set():
                raise Abandoned("the batch was closed")
            with self._slots:
                try:
                    resp = self._client.chat.completions.create(**payload)
                except json.JSONDecodeError as e:
                    raise MalformedOutput(f"the server's response is not JSON: {e}") from None
            if not isinstance(resp, ChatCompletion):
                raise MalformedOutput(f"the server's response is not a chat completion: {str(resp)[:80]!r}")
            if not resp.choices:
                raise MalformedOutput("the server returned no choices")
            return resp.choices[0].message.content, resp.model

        def wait_unless_stopped(seconds: float) -> None:
            stop.wait(seconds)

        cfg = self.config
        return with_retries(
            once,
            retries=cfg.retries,
            backoff_s=cfg.backoff_s,
            max_backoff_s=cfg.max_backoff_s,
            retry_after=lambda e: None if stop.is_set() else retry_after(e),
            sleep=wait_unless_stopped,
        )

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        return self._extract(document, threading.Event())

    def _extract(self, document: InputDocument, stop: threading.Event) -> list[PredictedClaim]:
        modes = self._modes()
        if self._cache is not None:  # a rerun: an answer cached in any allowed mode costs nothing
            for mode in modes if self.config.response_mode != "auto" else MODES:
                hit = self._cache.get(request_key(self._payload(document, mode), self.config.base_url))
                if hit is not None:
                    return parse_claims(hit, document.text)
        for i, mode in enumerate(modes):
            payload = self._payload(document, mode)
            try:
                content, model = self._complete(payload, stop)
            except openai.BadRequestError:
                if mode == "json_schema" and i + 1 < len(modes):
                    continue  # the server refuses structured output: try plain JSON mode
                raise
            if mode == "json_object" and "json_schema" in modes:
                self._schema_refused = True
            claims = parse_claims(content, document.text)
            if self._cache is not None and content is not None:
                self._cache.put(request_key(payload, self.config.base_url), content, model)
            return claims
        raise AssertionError("unreachable: modes is never empty")

    @property
    def batch_size(self) -> int:
        """Documents the run loop hands to extract_batch at once (``claimbench run openai`` without
        --workers): all of them. The batch form streams (each answer is written as soon as it and the ones
        before it are in, and stopping cancels the rest), so chunks would only add a wait for the slowest
        answer at every chunk's end."""
        return 1 << 30

    def extract_batch(
        self, documents: Sequence[InputDocument]
    ) -> Iterator[list[PredictedClaim] | BaseException]:
        """Documents concurrently, max_concurrency at a time, streamed back in order (runners/llm/stream.py),
        each failure in its place. Closing the iterator abandons the rest (module docstring)."""
        stop = threading.Event()

        def one(doc: InputDocument) -> list[PredictedClaim] | BaseException:
            try:
                return self._extract(doc, stop)
            except Exception as e:  # one document's failure is data, not a crash
                return e

        try:
            yield from stream_map(one, documents, self.config.max_concurrency, "claimbench-openai")
        finally:
            stop.set()
