"""The signature: one string naming everything a score depends on, printed under every table and stored in
the scores JSON. Two scores are comparable exactly when their signatures are equal.

Format (parts in this order, ``key:value`` joined by ``|``)::

    claimbench:0.1.0|schema:1.0.0|gold:3f2a9c1d1234|lang:en+fr|split:test|align:hungarian-min2|
    value:rtol1e-6|yoy:atol1e-6|metric:tokf1-0.5|norm:on-v1|boot:1000-12345

``norm`` is ``on-v<NORMALIZER_VERSION>`` or ``off`` (--strict: only canonical forms count); ``boot`` is
``<resamples>-<seed>`` (then ``-ci<level>`` when the intervals' confidence is not 95%) or ``off``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.types import LANGS, Document

if TYPE_CHECKING:
    from bench.score import ScoreConfig


def fmt_number(x: float) -> str:
    """Shortest plain form of a number for the signature: 1e-06 -> 1e-6, 0.5 -> 0.5, 1000.0 -> 1000."""
    s = f"{x:g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s


@dataclass(frozen=True)
class Signature:
    harness: str
    schema: str
    gold: str
    langs: tuple[str, ...]
    splits: tuple[str, ...]
    align: str
    value_rtol: float
    yoy_atol: float
    metric_threshold: float
    normalizer: str | None  # normalizer version, None in strict mode
    bootstrap: int
    seed: int
    confidence: float = 0.95

    def parts(self) -> dict[str, str]:
        """The signature's parts, in order, as strings."""
        return {
            "claimbench": self.harness,
            "schema": self.schema,
            "gold": self.gold,
            "lang": "+".join(self.langs) or "none",
            "split": "+".join(self.splits) or "none",
            "align": self.align,
            "value": f"rtol{fmt_number(self.value_rtol)}",
            "yoy": f"atol{fmt_number(self.yoy_atol)}",
            "metric": f"tokf1-{fmt_number(self.metric_threshold)}",
            "norm": "off" if self.normalizer is None else f"on-v{self.normalizer}",
            "boot": f"{self.bootstrap}-{self.seed}{self._level()}" if self.bootstrap else "off",
        }

    def _level(self) -> str:
        return "" if self.confidence == 0.95 else f"-ci{fmt_number(round(100 * self.confidence, 6))}"

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.parts().items())


def signature_for(docs: Sequence[Document], langs: Sequence[str], config: ScoreConfig) -> Signature:
    """The signature of scoring ``docs`` with ``config``."""
    from bench import SCHEMA_VERSION, __version__, normalize
    from bench.gold import gold_hash

    return Signature(
        harness=__version__,
        schema=SCHEMA_VERSION,
        gold=gold_hash(docs),
        langs=tuple(lang for lang in LANGS if lang in langs),
        splits=tuple(sorted({d.split for d in docs})),
        align=config.align_rule.name,
        value_rtol=config.value_rtol,
        yoy_atol=config.yoy_atol,
        metric_threshold=config.metric_threshold,
        normalizer=None if config.strict else str(normalize.NORMALIZER_VERSION),
        bootstrap=config.bootstrap,
        seed=config.seed,
        confidence=config.confidence,
    )
