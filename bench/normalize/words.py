"""Spelled-out numbers in English and French running text (``two thousand``, ``half a million``,
``quatre-vingt-dix``, ``deux millions``, ``un demi-milliard``).

Rules:
- A run of number words joined by spaces, hyphens, ``and``/``et`` is one number, read left to right:
  units and tens add up, ``hundred``/``cent`` multiplies what precedes it (or 1), and each of
  ``thousand``/``mille``, ``million``, ``billion``/``milliard``, ``trillion`` closes a group
  (``two million three hundred thousand`` = 2300000). French ``billion`` is 1e12 (long scale), as in
  bench.normalize.numbers; ``a``/``un``/``une`` count as one only before a scale word (``a million``).
- ``half a million``, ``un demi-million``, ``un demi-milliard`` are halves of the scale; ``a quarter of a
  million``/``three quarters of a billion``/``trois quarts de million`` quarters of it; ``two and a half
  (million)`` and ``deux millions et demi`` add a half before the scale applies.
- A spelled number followed by a fraction noun (``two-thirds``, ``three quarters``, ``deux tiers``) is a
  share whose value as a claim (0.67? 66.7 percent?) the words do not fix: it is no number.
- A lone word that is also an ordinary word is not a number: ``one``/``un``/``une`` (pronoun, article),
  ``neuf`` (new), ``sept`` (the month abbreviation), ``cent`` (a coin) -- only when nothing else is spelled
  with them.
"""

from __future__ import annotations

import re
from functools import cache

from bench.normalize.text import fold
from bench.types import Lang

_EN_SMALL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_EN_SMALL = _EN_SMALL_WORDS.split()
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90}  # fmt: skip
_FR_SMALL_WORDS = (
    "zero un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
)
_FR_SMALL = _FR_SMALL_WORDS.split()
_FR_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}

_EN = {w: i for i, w in enumerate(_EN_SMALL)} | _EN_TENS
_FR = {w: i for i, w in enumerate(_FR_SMALL)} | _FR_TENS | {"une": 1}
_HUNDRED = {"en": ("hundred",), "fr": ("cent", "cents")}
_SCALES = {
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12},
    "fr": {
        "mille": 3,
        "million": 6,
        "millions": 6,
        "milliard": 9,
        "milliards": 9,
        "billion": 12,
        "billions": 12,
    },
}
_LONE_AMBIGUOUS = frozenset({"one", "un", "une", "neuf", "sept", "cent", "a"})
_JOINERS = ("and", "et")


@cache
def _vocabulary(lang: Lang | None) -> tuple[dict[str, int], frozenset[str], dict[str, int]]:
    langs: tuple[Lang, ...] = (lang,) if lang else ("en", "fr")
    values: dict[str, int] = {}
    hundreds: set[str] = set()
    scales: dict[str, int] = {}
    for lg in langs:
        values |= _EN if lg == "en" else _FR
        hundreds |= set(_HUNDRED[lg])
        scales |= _SCALES[lg]
    if lang is None:
        scales["billion"] = 9  # unknown language: the English reading, as in bench.normalize.numbers
    return values, frozenset(hundreds), scales


@cache
def _run_regex(lang: Lang | None) -> re.Pattern[str]:
    values, hundreds, scales = _vocabulary(lang)
    word = "|".join(sorted({*values, *hundreds, *scales, "a"}, key=len, reverse=True))
    half = r"half an? (?:million|billion|milliard)|(?:un )?demi-(?:million|milliard)"
    joiner = r"(?:[ -]+|[ -]+(?:and|et)[ -]+)"
    return re.compile(
        rf"(?<![a-z0-9-])(?:(?P<half>{half})|(?P<run>(?:{word})(?:{joiner}(?:{word}))*))(?![a-z0-9])"
    )


_FRACTION_NOUN = re.compile(
    r"[ -](?:thirds?|quarters?|halves|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|tiers|quarts?|"
    r"cinquiemes?|sixiemes?|huitiemes?|dixiemes?)(?![a-z])"
)
_QUARTERS_OF = re.compile(
    r"(?<![a-z0-9-])(?P<n>a|one|three|un|trois) quarts? (?:of an? |de )(?P<s>million|billion|milliard)s?"
    r"(?![a-z0-9])|(?<![a-z0-9-])(?P<en>a|one|three)[ -]quarters? of an? (?P<es>million|billion|trillion)"
    r"(?![a-z0-9])"
)


def find_spelled(text: str, lang: Lang | None) -> list[tuple[int, int, float]]:
    """(start, end, value) of every spelled-out number of text (rules in the module docstring)."""
    folded = fold(text)
    out: list[tuple[int, int, float]] = []
    for m in _QUARTERS_OF.finditer(folded):
        n = m.group("n") or m.group("en")
        scale_word = m.group("s") or m.group("es")
        scale = _vocabulary(lang)[2].get(scale_word, 9 if scale_word == "billion" else 6)
        out.append((m.start(), m.end(), (3 if n in ("three", "trois") else 1) * 10**scale / 4))
    for m in _and_half_regex(lang).finditer(folded):
        whole = _read_run(folded, m.start("r"), m.end("r"), lang, lone=True)
        if len(whole) == 1 and whole[0][0] == m.start("r"):
            scale = _vocabulary(lang)[2].get(m.group("s") or "", 0)
            out.append((m.start(), m.end(), (whole[0][2] + 0.5) * 10**scale))
    taken = list(out)
    for m in _run_regex(lang).finditer(folded):
        if any(a < m.end() and m.start() < b for a, b, _ in taken):
            continue
        if m.group("half"):
            words = m.group("half").replace("-", " ").split()
            scale = _vocabulary(lang)[2].get(words[-1], 9 if words[-1] == "billion" else 6)
            out.append((m.start(), m.end(), 0.5 * 10**scale))
            continue
        if _FRACTION_NOUN.match(folded, m.end()):
            continue  # "two-thirds": a share, not the number two
        for start, end, value in _read_run(folded, m.start(), m.end(), lang):
            half = _FR_HALF.match(folded, end)
            if half:  # "deux millions et demi": a half of the scale more; "deux et demi": 2.5
                word = _last_scale(folded, end)
                unit = 10 ** _vocabulary(lang)[2].get(word, 6) if word else 1
                out.append((start, half.end(), value + 0.5 * unit))
            else:
                out.append((start, end, value))
    return sorted(out)


_FR_HALF = re.compile(r" et demie?(?![a-z])")


@cache
def _and_half_regex(lang: Lang | None) -> re.Pattern[str]:
    """``two and a half (million)``: a run, ``and a half``, an optional scale word."""
    values, hundreds, _ = _vocabulary(lang)
    word = "|".join(sorted({*values, *hundreds}, key=len, reverse=True))
    return re.compile(
        rf"(?<![a-z0-9-])(?P<r>(?:{word})(?:[ -]+(?:{word}))*) and a half"
        r"(?: (?P<s>million|billion|trillion))?(?![a-z0-9])"
    )


def _last_scale(folded: str, end: int) -> str | None:
    """The scale word a run ends with (``deux millions`` -> ``millions``), which ``et demi`` halves."""
    m = re.search(r"(million|milliard|billion|trillion)s?$", folded[:end])
    return m.group(1) if m else None


def _read_run(
    folded: str, start: int, end: int, lang: Lang | None, *, lone: bool = False
) -> list[tuple[int, int, float]]:
    values, hundreds, scales = _vocabulary(lang)
    tokens = [
        (t.start() + start, t.end() + start, t.group()) for t in re.finditer(r"[a-z]+", folded[start:end])
    ]
    # trim joiners and a leading "a" that is not followed by a scale or hundred
    while tokens and tokens[-1][2] in (*_JOINERS, "a"):
        tokens.pop()
    while tokens and (
        tokens[0][2] in _JOINERS or (tokens[0][2] == "a" and not _scaled_next(tokens, hundreds, scales))
    ):
        tokens.pop(0)
    if not tokens:
        return []
    if len(tokens) == 1 and tokens[0][2] in _LONE_AMBIGUOUS and not lone:
        return []
    if len(tokens) == 1 and tokens[0][2] in scales and tokens[0][2] != "mille":  # "millions of people"
        return []
    total, current = 0, 0
    for _, _, w in tokens:
        if w in _JOINERS:
            continue
        if w in ("a", "un", "une", "one") and current == 0:
            current = 1
        elif w in ("vingt", "vingts") and current == 4:  # quatre-vingt(s) = 80
            current = 80
        elif w in values:
            current += values[w]
        elif w in hundreds:
            current = max(current, 1) * 100
        elif w in scales:
            total += max(current, 1) * 10 ** scales[w]
            current = 0
    value = total + current
    return [(tokens[0][0], tokens[-1][1], float(value))]


def _scaled_next(
    tokens: list[tuple[int, int, str]], hundreds: frozenset[str], scales: dict[str, int]
) -> bool:
    return len(tokens) > 1 and (tokens[1][2] in scales or tokens[1][2] in hundreds)
