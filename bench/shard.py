"""Deterministic shards of a document list, so N machines can split a corpus under any launcher.

The rule is datasets' ``split_dataset_by_node`` for a map-style dataset, i.e. ``Dataset.shard(num_shards=N,
index=I, contiguous=True)`` applied to the documents sorted by doc_id: shard I (0-based) gets a contiguous
block, and the first ``n % N`` shards get one document more than the others."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


@dataclass(frozen=True)
class Shard:
    index: int
    """0-based, like a torchrun rank or a 0-based SLURM array task id."""
    count: int

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise ValueError(f"shard index must be in 0..{self.count - 1} for {self.count} shards")

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """``"I/N"`` -> Shard(I, N); ValueError with the reason otherwise."""
        m = _SPEC.fullmatch(spec)
        if not m:
            raise ValueError(f"--shard {spec!r}: expected I/N, e.g. 0/4")
        index, count = int(m.group(1)), int(m.group(2))
        if count < 1:
            raise ValueError(f"--shard {spec!r}: the number of shards must be at least 1")
        if index >= count:
            raise ValueError(f"--shard {spec!r}: the index is 0-based, so it must be below {count}")
        return cls(index, count)

    def bounds(self, n: int) -> tuple[int, int]:
        """[start, end) of this shard among n items."""
        div, mod = divmod(n, self.count)
        start = div * self.index + min(self.index, mod)
        return start, start + div + (1 if self.index < mod else 0)

    def take(self, items: Sequence[T]) -> list[T]:
        """This shard's items; items must already be in the canonical (doc_id) order."""
        start, end = self.bounds(len(items))
        return list(items[start:end])

    def label(self) -> str:
        return f"shard{self.index}of{self.count}"

    def to_json(self) -> dict[str, int | str]:
        return {"index": self.index, "count": self.count, "rule": "contiguous by sorted doc_id"}
