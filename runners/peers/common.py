"""What the peer runners share: the one filter that turns a library's quantities into predicted claims.

A peer adapter only translates what its library found into Found records (kind, value, unit, span). The
filter below is then the same for every peer and every language:

- keep money (unit: its ISO 4217 code, or None when the currency has no code we know);
- keep percentages (unit ``percent``);
- keep quantities whose unit maps to a physical code of the unit vocabulary (``t``, ``kWh``, ``TEU``...);
- keep numbers with a scale word (thousand, million, billion, milliard, bn, mln...): unit ``count`` for a
  plain number, None for one whose unit is outside our vocabulary;
- drop a Found without a number (a unit or currency word alone: "euros", « litre », "cent");
- drop everything else: bare years, small and spelled-out numbers without a scale word ("three",
  « cinq », "half"), ordinals, and quantities in units we have no code for (durations, ages);
- a number inside the span of a kept money, percentage or physical quantity is the same figure: dropped.

Peers extract neither a metric, nor a period, nor a year-on-year change: those fields stay empty."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from bench.schema import currency_codes, load_schema
from bench.types import Evidence, PredictedClaim

Kind = Literal["money", "percent", "physical", "number"]

SCALE_WORD = re.compile(
    r"(?<![^\W\d_])(?:thousands?|millions?|billions?|trillions?|mille|milliards?|"
    r"k|bn|bln|mln|mn|mio|md|mds|mrd|tn|trn)(?![^\W\d_])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """One quantity as a library reports it, before filtering. unit is already one of our codes (or None);
    start/end are character offsets into the document text (end exclusive); value None when the library
    matched a unit without a number."""

    kind: Kind
    value: float | str | None
    unit: str | None
    start: int
    end: int


@cache
def physical_codes() -> frozenset[str]:
    return frozenset(load_schema("units")["$defs"]["physical"]["enum"])


def currency_or_none(code: str | None) -> str | None:
    """code when it is an ISO 4217 code of the vocabulary, else None."""
    return code if code in currency_codes() else None


def physical_or_none(code: str | None) -> str | None:
    """code when it is a physical unit code of the vocabulary, else None."""
    return code if code in physical_codes() else None


def has_scale_word(surface: str) -> bool:
    return SCALE_WORD.search(surface) is not None


def keep(found: Found, text: str) -> PredictedClaim | None:
    """The claim of one Found, or None when the filter (module docstring) drops it."""
    if found.value is None:
        return None
    surface = text[found.start : found.end]
    unit = found.unit
    if found.kind == "money":
        unit = currency_or_none(unit)
    elif found.kind == "percent":
        unit = "percent"
    elif found.kind == "physical" and physical_or_none(unit) is None:
        if not has_scale_word(surface):
            return None
        unit = None
    elif found.kind == "number":
        if not has_scale_word(surface):
            return None
        unit = "count"
    return PredictedClaim(value=found.value, unit=unit, evidence=Evidence(found.start, found.end, surface))


def to_claims(found: Iterable[Found], text: str) -> list[PredictedClaim]:
    """Kept claims in text order; a plain number inside a kept quantity's span is dropped."""
    kept = [(f, c) for f in found if (c := keep(f, text)) is not None]
    quantities = [f for f, _ in kept if f.kind != "number"]
    out = [
        (f.start, f.end, c)
        for f, c in kept
        if f.kind != "number" or not any(q.start <= f.start and f.end <= q.end for q in quantities)
    ]
    return [c for _, _, c in sorted(out, key=lambda t: (t[0], t[1]))]
