"""Small runners and a tiny gold for testing the run loop, the registry and the CLI (mteb-style mocks).
Module-level classes and functions, so worker processes can import them."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from bench.gold import GoldSet
from bench.types import Document, InputDocument, Lang, PredictedClaim, Source
from runners.base import BaseRunner

TEXTS = {
    "en": "Output rose 5.2 percent to 120 units in {year}.",
    "fr": "La production a augmenté de 5,2 % à 120 unités en {year}.",
}


def make_doc(pair: str, lang: Lang, year: int = 2023, text: str | None = None) -> Document:
    body = text if text is not None else TEXTS[lang].format(year=year)
    return Document(
        doc_id=f"{pair}.{lang}",
        pair_id=pair,
        lang=lang,
        split="test",
        title=pair,
        text=f"{pair}\n{body}",
        published="2024-01-31",
        source=Source("Test", None, "authored", None),
        license="CC0-1.0",
        claims=(),
    )


def tiny_gold(pairs: int = 4) -> GoldSet:
    """2 * pairs documents p00.en, p00.fr, p01.en, ... (doc_id order)."""
    docs = [make_doc(f"p{i:02d}", lang, 2020 + i) for i in range(pairs) for lang in ("en", "fr")]
    return GoldSet(tuple(sorted(docs, key=lambda d: d.doc_id)), "tiny")


def zero_clock() -> float:
    """A clock that never moves: latency_s is 0.0, so files compare byte for byte."""
    return 0.0


def numbers(doc: InputDocument) -> list[PredictedClaim]:
    """One claim per number in the body, as written."""
    body = doc.text.split("\n", 1)[1]
    return [PredictedClaim(metric="output", value=m.group(0)) for m in re.finditer(r"\d+(?:[.,]\d+)?", body)]


@dataclass(frozen=True)
class FailConfig:
    fail_on: tuple[str, ...] = ()
    mode: Literal["raise", "nan", "range", "type", "exit"] = "raise"


class NumbersRunner(BaseRunner):
    """CPU-bound, deterministic; fails on the doc_ids of fail_on, in the given mode."""

    name: ClassVar[str] = "numbers"
    version: ClassVar[str] = "1"
    description: ClassVar[str] = "Every number of the text."
    io_bound: ClassVar[bool] = False
    Config: ClassVar[type[Any]] = FailConfig
    calls: ClassVar[list[str]] = []
    interrupt_on: ClassVar[str | None] = None
    """Simulated Ctrl-C: KeyboardInterrupt on this doc_id, whatever the config (so a rerun can resume)."""

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        NumbersRunner.calls.append(document.doc_id)
        if document.doc_id == NumbersRunner.interrupt_on:
            raise KeyboardInterrupt
        if document.doc_id in self.config.fail_on:
            mode = self.config.mode
            if mode == "raise":
                raise RuntimeError(f"cannot read {document.doc_id}\nsecond line")
            if mode == "nan":
                return [PredictedClaim(value=float("nan"))]
            if mode == "range":
                return [PredictedClaim(value=1.0, confidence=2.0)]
            if mode == "type":
                return "not a list"  # type: ignore[return-value]
            if mode == "exit":
                os._exit(3)
        return numbers(document)


class ThreadedNumbersRunner(NumbersRunner):
    name: ClassVar[str] = "threaded"
    io_bound: ClassVar[bool] = True


class EnglishOnlyRunner(NumbersRunner):
    name: ClassVar[str] = "english"
    languages: ClassVar[frozenset[Lang]] = frozenset({"en"})


def runner_calls() -> Sequence[str]:
    return tuple(NumbersRunner.calls)


# --- classes that break the Runner protocol, for the registry's checks ---


class NoVersion:
    name = "noversion"
    description = "d"
    io_bound = False
    languages = frozenset({"en"})
    Config = FailConfig

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        return []


@dataclass
class MutableConfig:
    x: int = 1


class MutableConfigRunner(NumbersRunner):
    name: ClassVar[str] = "mutable"
    Config: ClassVar[type[Any]] = MutableConfig


@dataclass(frozen=True)
class RequiredConfig:
    x: int


class RequiredConfigRunner(NumbersRunner):
    name: ClassVar[str] = "required"
    Config: ClassVar[type[Any]] = RequiredConfig


class KlingonRunner(NumbersRunner):
    name: ClassVar[str] = "klingon"
    languages: ClassVar[frozenset[Any]] = frozenset({"tlh"})


class NoExtract:
    name = "noextract"
    version = "1"
    description = "d"
    io_bound = False
    languages = frozenset({"en"})
    Config = FailConfig


not_a_class = 42


class BatchRunner(NumbersRunner):
    """Has its own extract_batch (like a runner batching requests); records the batch sizes."""

    name: ClassVar[str] = "batch"
    io_bound: ClassVar[bool] = True
    batch_size: ClassVar[int] = 3
    batches: ClassVar[list[int]] = []
    broken_batch: ClassVar[bool] = False

    def extract_batch(self, documents: Sequence[InputDocument]) -> list[list[PredictedClaim] | BaseException]:
        BatchRunner.batches.append(len(documents))
        if BatchRunner.broken_batch:
            raise ConnectionError("server down")
        return super().extract_batch(documents)


@dataclass(frozen=True)
class SecretConfig:
    api_token: str = ""
    model: str = "m1"


class SecretRunner(NumbersRunner):
    name: ClassVar[str] = "secret"
    Config: ClassVar[type[Any]] = SecretConfig
