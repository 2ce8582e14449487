"""Metric text -> comparable tokens, and the soft metric score.

Rules: accent folding and lowercasing; French elisions (``l'``, ``d'``, ``qu'``...) and the English
possessive ``'s`` dropped; tokens are runs of letters and digits; English and French stop words removed
(both lists in every language, so a French metric quoting an English acronym is treated alike); light
stemming, the same in both languages: ``-ies`` -> ``-y``, ``-aux`` -> ``-al``, then a final ``s``/``x``
and a final ``e`` are dropped from words longer than three letters (``biomédicale`` and ``biomédical``,
``values`` and ``value`` meet). The score is token F1 on token multisets; its maximum over the variants."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from bench.normalize.text import fold
from bench.types import Lang

_STOP_WORDS = """
    a an the of in on at for to by with from and or as its it their his her this that these those is was
    were be been being are has have had per than which who over into s
    le la les l un une des du de d au aux en et ou a pour par sur dans son sa ses leur leurs ce cet cette
    ces qui que qu est sont ete etait y se sous avec entre"""
_STOP = frozenset(_STOP_WORDS.split())
_ELISION = re.compile(r"(?<![a-z0-9])(?:l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu)'(?=[a-z0-9])")
_POSSESSIVE = re.compile(r"'s(?![a-z0-9])")
_WORD = re.compile(r"[a-z0-9]+")


def metric_tokens(text: str, lang: Lang | None = None) -> tuple[str, ...]:
    """The comparable tokens of a metric phrase, in order (rules in the module docstring)."""
    return _tokens(text)


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    """metric_tokens, cached: metrics repeat across claims and documents."""
    folded = _POSSESSIVE.sub(" ", _ELISION.sub(" ", fold(text)))
    return tuple(_stem(w) for w in _WORD.findall(folded) if w not in _STOP)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "i"
    elif word.endswith("aux"):
        word = word[:-3] + "al"
    elif word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """F1 of two token multisets; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def metric_similarity(predicted: str | None, gold_variants: Sequence[str], lang: Lang | None = None) -> float:
    """Maximum token F1 of the predicted metric against each gold variant (metric and aliases); 0.0 for
    an empty prediction."""
    if not predicted:
        return 0.0
    tokens = metric_tokens(predicted, lang)
    return max((token_f1(tokens, metric_tokens(v, lang)) for v in gold_variants), default=0.0)
