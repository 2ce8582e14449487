"""The ``quantulum3`` runner: the quantulum3 library (English quantities with units) as a peer extractor.

A thin adapter: quantulum3 finds the quantities; this module translates each into a Found and the shared
filter of runners/peers/common.py decides what is a claim (money, percentages, physical units, numbers
with a scale word; not bare years, small spelled-out numbers or ordinals). Unit mapping: a currency by its
ISO code; a plain number (quantulum3's ``dimensionless``) as a number; any other unit by its first factor
(quantulum3 reads "104.2 percent year on year" as percent·year), through bench.normalize.normalize_unit.
Evidence is quantulum3's span.

English only: French documents are recorded by the run as unsupported. quantulum3 runs without its
optional classifier (the ``quantulum3[classifier]`` extra needs ``stemming`` and ships a model pickled for
one scikit-learn version): ``classifier_path`` names no file, so the library uses its own heuristic
disambiguation, the same on every machine."""

from __future__ import annotations

import importlib.util
import warnings
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any, ClassVar

from bench.types import InputDocument, Lang, PredictedClaim
from runners.base import BaseRunner
from runners.peers.common import Found, Kind, to_claims

if importlib.util.find_spec("quantulum3") is None:  # the registry turns this into "pip install ...[peers]"
    raise ImportError("quantulum3 is not installed", name="quantulum3")

NO_CLASSIFIER = str(Path(__file__).with_name("no-classifier.joblib"))
"""A path with no file: quantulum3 then falls back to its heuristic unit disambiguation."""


def found_of(quantity: Any) -> Found:
    """A quantulum3 Quantity as a Found (kind, value, unit code, span)."""
    from bench.normalize import normalize_unit
    from runners.peers.common import currency_or_none

    unit = quantity.unit
    start, end = quantity.span
    if unit.name == "dimensionless":  # a plain number (percentages are dimensionless too, with a unit)
        return Found("number", float(quantity.value), None, start, end)
    first = unit.dimensions[0]["base"] if unit.dimensions else unit.name
    code = currency_or_none(unit.currency_code) or normalize_unit(first, "en")
    kind: Kind
    if currency_or_none(code) is not None:
        kind = "money"
    elif code == "percent":
        kind = "percent"
    else:
        kind = "physical"
    return Found(kind, float(quantity.value), code, start, end)


class Quantulum3Runner(BaseRunner):
    name: ClassVar[str] = "quantulum3"
    version: ClassVar[str] = f"1+quantulum3-{dist_version('quantulum3')}"
    description: ClassVar[str] = "Peer: quantulum3 quantities with units, English only (extra: peers)"
    io_bound: ClassVar[bool] = False
    languages: ClassVar[frozenset[Lang]] = frozenset({"en"})
    requires_extra: ClassVar[str] = "peers"

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        from quantulum3 import parser

        with warnings.catch_warnings():  # "classifier not found, falling back to heuristics", by design
            warnings.simplefilter("ignore")
            quantities = parser.parse(document.text, lang="en_US", classifier_path=NO_CLASSIFIER)
        return to_claims((found_of(q) for q in quantities), document.text)
