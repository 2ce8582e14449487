"""The ``recognizers`` runner: Microsoft Recognizers-Text (``recognizers-text-suite``) as a peer extractor,
English and French.

A thin adapter: four of the library's models run on the text (number, percentage, currency, dimension;
ordinal, age and temperature are not asked for); each result becomes a Found and the shared filter of
runners/peers/common.py decides what is a claim (money, percentages, physical units, numbers with a scale
word; not bare years, small spelled-out numbers or ordinals), the same in both languages. Values are the
library's resolutions read with bench.normalize.parse_number (French resolutions keep a decimal comma);
units are the resolution's ISO currency code, or its unit name through bench.normalize.normalize_unit.
Evidence is the library's span (its ``end`` is inclusive). A resolution without a value (the unit word
alone: "euros", « litre ») has no number and is dropped by the filter."""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib.metadata import version as dist_version
from typing import Any, ClassVar

from bench.types import LANGS, InputDocument, Lang, PredictedClaim
from runners.base import BaseRunner
from runners.peers.common import Found, Kind, to_claims

if (
    importlib.util.find_spec("recognizers_suite") is None
):  # the registry turns this into "pip install ...[peers]"
    raise ImportError("recognizers-text-suite is not installed", name="recognizers_suite")

CULTURES: dict[Lang, str] = {"en": "en-us", "fr": "fr-fr"}
MODELS: tuple[tuple[str, Kind], ...] = (
    ("number", "number"),
    ("percentage", "percent"),
    ("currency", "money"),
    ("dimension", "physical"),
)


@cache
def _models(lang: Lang) -> tuple[tuple[Kind, Any], ...]:
    """The library's models for lang, built once per process (building them compiles many patterns)."""
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer

    numbers, with_unit = NumberRecognizer(CULTURES[lang]), NumberWithUnitRecognizer(CULTURES[lang])
    getters = {
        "number": numbers.get_number_model,
        "percentage": numbers.get_percentage_model,
        "currency": with_unit.get_currency_model,
        "dimension": with_unit.get_dimension_model,
    }
    return tuple((kind, getters[model]()) for model, kind in MODELS)


def found_of(kind: Kind, result: Any, lang: Lang) -> Found:
    """One model result as a Found."""
    from bench.normalize import normalize_unit, parse_number

    resolution = result.resolution or {}
    resolved = resolution.get("value", result.text)
    unit = None
    if kind in ("money", "physical"):
        unit = resolution.get("isoCurrency") or normalize_unit(resolution.get("unit"), lang)
    if resolved is None:  # a unit word alone ("euros", "litre"): no number, the filter drops it
        return Found(kind, None, unit, result.start, result.end + 1)
    raw = str(resolved)
    value = parse_number(raw, lang)
    return Found(kind, raw if value is None else value, unit, result.start, result.end + 1)


class RecognizersRunner(BaseRunner):
    name: ClassVar[str] = "recognizers"
    version: ClassVar[str] = f"2+recognizers-text-suite-{dist_version('recognizers-text-suite')}"
    description: ClassVar[str] = (
        "Peer: Microsoft Recognizers-Text numbers, percentages, currencies (extra: peers)"
    )
    io_bound: ClassVar[bool] = False
    languages: ClassVar[frozenset[Lang]] = frozenset(LANGS)
    requires_extra: ClassVar[str] = "peers"

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        found = [
            found_of(kind, result, document.lang)
            for kind, model in _models(document.lang)
            for result in model.parse(document.text)
        ]
        return to_claims(found, document.text)
