"""The runner plugin API. A runner turns one document into predicted claims.

A runner is a class with the class attributes below, a frozen dataclass ``Config`` (every field has a
default; ``claimbench run --set key=value`` sets them), a constructor taking that config, and
``extract``. It is registered in the ``claimbench.runners`` entry-point group as ``name = "module:Class"``
and imported only when chosen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from bench.types import LANGS, InputDocument, Lang, PredictedClaim


@dataclass(frozen=True)
class NoConfig:
    """Config of a runner that has no settings."""


@runtime_checkable
class Runner(Protocol):
    name: ClassVar[str]
    """Registry name, as typed on the command line."""
    version: ClassVar[str]
    """Changes whenever outputs may change (code, prompt, or wrapped library version)."""
    description: ClassVar[str]
    """One line for `claimbench runners`."""
    io_bound: ClassVar[bool]
    """True: documents run concurrently in threads; False: in processes."""
    languages: ClassVar[frozenset[Lang]]
    """Languages it supports; documents in other languages are recorded as unsupported, not failed."""
    Config: ClassVar[type[Any]]

    def __init__(self, config: Any) -> None: ...

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        """Predicted claims of one document; raise on failure (the run records it and goes on)."""
        ...


class BaseRunner:
    """Convenience base: defaults for the class attributes, and a batch form built on extract."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    description: ClassVar[str] = ""
    io_bound: ClassVar[bool] = False
    languages: ClassVar[frozenset[Lang]] = frozenset(LANGS)
    Config: ClassVar[type[Any]] = NoConfig

    def __init__(self, config: Any = None) -> None:
        self.config = config if config is not None else self.Config()

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        raise NotImplementedError

    def extract_batch(
        self, documents: Sequence[InputDocument]
    ) -> Iterable[list[PredictedClaim] | BaseException]:
        """Optional batch form: one claim list or exception per document, in order; a list, or an iterator
        yielding each as soon as it is ready (the run loop writes it at once, and closes the iterator when
        it stops). The default calls extract per document and keeps each failure."""
        out: list[list[PredictedClaim] | BaseException] = []
        for doc in documents:
            try:
                out.append(self.extract(doc))
            except Exception as e:  # a runner's failure on one document is data, not a crash
                out.append(e)
        return out
