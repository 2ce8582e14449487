"""The ``quantulum3`` runner: the quantulum3 library (English quantities with units) as a peer extractor.

A thin adapter: quantulum3 finds the quantities; this module translates each into a Found and the shared
filter of runners/peers/common.py decides what is a claim (money, percentages, physical units, numbers
with a scale word; not bare years, small spelled-out numbers or ordinals). Unit mapping: a currency by its
ISO code; a plain number (quantulum3's ``dimensionless``) as a number; any other unit by its first factor
(quantulum3 reads "104.2 percent year on year" as percent·year), through bench.normalize.normalize_unit.
Evidence is quantulum3's span.

English only: French documents are recorded by the run as unsupported. quantulum3 disambiguates units
with its classifier, trained on this machine from the library's own training data
(runners/peers/quantulum_clf.py); the classifier's versions are part of the run's signature inputs."""

from __future__ import annotations

import importlib.util
import warnings
from dataclasses import dataclass
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any, ClassVar

from bench.types import InputDocument, Lang, PredictedClaim
from runners.base import BaseRunner
from runners.peers.common import Found, Kind, to_claims

for _module in ("quantulum3", "stemming"):  # stemming: quantulum3's classifier needs it
    if importlib.util.find_spec(_module) is None:  # the registry turns this into "pip install ...[peers]"
        raise ImportError(f"{_module} is not installed", name=_module)


@dataclass(frozen=True)
class Quantulum3Config:
    classifier_dir: Path | None = None
    """Where the trained classifier is cached; None: $XDG_CACHE_HOME/claimbench/quantulum3."""


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
    Config: ClassVar[type[Any]] = Quantulum3Config

    def __init__(self, config: Quantulum3Config | None = None) -> None:
        from runners.peers.quantulum_clf import classifier_path

        super().__init__(config)
        # trained (once per machine) here, not inside a document's latency; a path pickles to workers
        self._model = str(classifier_path(self.config.classifier_dir))

    def signature_inputs(self) -> dict[str, str]:
        from runners.peers.quantulum_clf import classifier_id

        return {"quantulum3.classifier": classifier_id()}

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        from quantulum3 import parser

        with warnings.catch_warnings():  # quantulum3 warns about optional modules it does not need here
            warnings.simplefilter("ignore")
            quantities = parser.parse(document.text, lang="en_US", classifier_path=self._model)
        return to_claims((found_of(q) for q in quantities), document.text)
