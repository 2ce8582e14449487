"""Numbers as newswire writes them, in English and French: digit groups, decimal marks, signs and scale words.

Rules (each one a decision, stated once):
- Thousands separators: comma, dot, apostrophe (' or U+2019), no-break space U+00A0, narrow no-break space
  U+202F and thin space U+2009 -- always, in every language. A plain space separates thousands in French
  and when the language is unknown (None); in English running text it does not (``in 2023 300 firms``
  would otherwise read as one number), but ``parse_number`` of a lone value accepts it in every language.
- A group is a run of exactly three digits after a first run of one to three digits not starting with 0.
  Two or more groups with the same separator, or a group followed by the other decimal mark, are unambiguous.
- One comma followed by exactly three digits (``1,234``): thousands in English and when the language is
  unknown (English figures are the common case), a decimal comma in French (French never groups with
  commas): EN 1234, FR 1.234.
- One dot followed by exactly three digits (``1.234``): a decimal point in English and when unknown; in
  French a thousands dot (``1.250 emplois``, Belgian/Swiss/African usage) unless a scale word follows
  (``1.250 milliard`` is 1.25e9).
- A comma or dot followed by any other number of digits is a decimal mark in every language (``1,73``).
- Scale words apply to the number before them: thousand/mille/k/K 1e3; million(s)/mn/mln/mio/M 1e6;
  billion(s)/bn/bln 1e9 in English and when unknown, but French ``billion`` is 1e12 (long scale);
  milliard(s)/Md/Mds/Mrd 1e9; trillion(s)/tn/trn 1e12 (French ``trillion`` 1e18, long scale).
  A scale word of two letters or more may be joined by a hyphen (``$1.2-billion``, ``1.2-billion-dollar``);
  a one-letter one never is (``5-M``).
- ``G`` is 1e9 only right before a currency symbol (Quebec ``5,8 G$``; ``5G`` stays an identifier), and
  k/K/M/G/Md/Mds/Mrd glued to an ISO currency code or ``FCFA`` are scale words (``12 MEUR``, ``1,2 MdEUR``,
  ``12 MFCFA``), as are k/M/G glued to ``t`` (``812 kt``, ``12 Mt``, ``5 Gt``: kilo-, mega-, gigatonnes).
- South Asian lakh(s) 1e5, crore(s) 1e7 and lakh crore 1e12 (``Rs 1,200 crore``); in English and when the
  language is unknown, Indian grouping (``1,20,000``, ``12,34,567.50``: two-digit comma groups, then one
  three-digit group) is one number.
- A number glued to a currency code (``EUR1.2bn``, ``RMB3m``, ``Rs1,200``) is a number; glued to any other
  letters (``A1.2``, ``L3``) it is an identifier, and no part of it is a number.
- Lowercase ``m`` and ``b`` glued to a number (``5m`` is more often metres) are scale words right after a
  currency symbol (``$5m``, ``£3b``), right before a unit or counted noun (``5m visitors``, ``3b tonnes``:
  metres of visitors make no sense) and, in English and when the language is unknown, on a number with a
  decimal fraction (``4.6m``) unless a dimension word follows (``2.5m high``, ``2.5m-long``). French writes
  millions with a capital M, so French ``4,6m`` stays metres, as does ``5m`` alone in every language.
- ``pc``/``pct``/``bp``/``bps`` glued to a number are its unit (``12.5pc``), not an identifier suffix.
- In a range ``1.2-1.5 million`` / ``between 3 and 4 billion`` the scale word of the second number also
  applies to the first.
- A number glued to a preceding letter (``L3``, ``A320``, ``COVID-19``) or followed by an ordinal suffix
  (``21st``, ``3e``, ``1er``, ``2ème``) is an identifier or ordinal, not a number.
- A leading ``+``/``-``/U+2212 or an en dash U+2013 (French typesetting's minus) glued to the number is a
  sign only when it is not glued to a word or number before it (``2019\u20132023`` is a span). A sign
  spaced from the number counts only at the start of a lone value (``- 3.1%``): in running text a spaced
  dash is punctuation. A lone value that is a bare figure in parentheses is an accounting negative
  (``(3.1)``, ``(3,1 %)``); with words inside (``(about $2.3bn)``) it is read as usual.
- Vulgar fractions ``½``, ``¼``, ``¾`` after a whole number add to it (``1½ million`` = 1500000); other
  vulgar fractions (``⅓``) make the number unreadable: no number rather than a wrong one.
- Spelled-out numbers (``two thousand``, ``half a million``, ``deux millions``, read by
  bench.normalize.words) are numbers for parse_number and parse_range, and for find_numbers when asked
  (``spelled=True``; off by default, so the digits of a text are what find_numbers lists).
Values are computed with decimal arithmetic, so ``1,73 million`` is exactly 1730000.0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from bench.normalize.units import currency_before, unit_at
from bench.normalize.words import find_spelled
from bench.schema import currency_codes
from bench.types import Lang

_GROUP_SEPS = frozenset(",.'\u2019\u00a0\u202f\u2009 ")
_SPACE_SEPS = frozenset("\u00a0\u202f\u2009")

# A token: an optional sign, then digits with single separators between digits.
_TOKEN = re.compile(
    r"(?<![^\W_])(?<![^\W\d_]-)(?<!\d[.,])"  # not glued to a letter/digit, nor to "word-" (COVID-19),
    # nor the tail of a number whose head was not taken (A1.2)
    r"(?P<sign>(?<![\w.,%)])[+\-\u2212\u2013](?=\d))?"
    r"\d(?:\d|[,.'\u2019\u00a0\u202f\u2009 ](?=\d))*"
)

_SCALE_WORDS: tuple[tuple[str, str, bool], ...] = (
    # (pattern, scale key, case-insensitive)
    (r"thousands?", "k", True),
    (r"mille", "k", True),
    (r"k", "k", False),
    (r"K", "k", False),
    (r"millions?", "M", True),
    (r"mln|mn|mio", "M", True),
    (r"M", "M", False),
    (r"G(?=[$€£¥₹])", "G", False),
    (r"milliards?", "G", True),
    (r"mds?|mrds?", "G", True),
    (r"billions?", "billion", True),
    (r"bn|bln", "G", True),
    (r"trillions?", "trillion", True),
    (r"tn|trn", "T", True),
    (r"lakh crores?", "LC", True),
    (r"lakhs?", "L", True),
    (r"crores?", "C", True),
)
_SCALE_RE = re.compile(
    r"(?P<sep>[ \u00a0\u202f\u2009-])?(?:"
    + "|".join(f"(?P<s{i}>{'(?i:' + p + ')' if ci else p})" for i, (p, _, ci) in enumerate(_SCALE_WORDS))
    + r")(?![^\W\d_])"
)
_CURRENCY_SCALE_RE = re.compile(r"(?P<w>m|b)(?![\w²³])")
_GLUED_SCALE_RE = re.compile(
    r"[ \u00a0\u202f\u2009]?(?P<w>Mrds?|Mds?|Md|k|K|M|G)(?=(?P<iso>FCFA|[A-Z]{3})(?![^\W\d_])|t(?![^\W\d_]))"
)
_ISO_SCALE_KEYS = {"k": "k", "K": "k", "M": "M", "G": "G"}
_DIMENSION_AFTER = re.compile(
    r"[ -]?(?i:high|tall|long|wide|deep|thick|away|across|in (?:height|length|diameter|depth))(?![^\W\d_])"
)
_CURRENCY_BEFORE = re.compile(r"(?:[A-Z]{1,3}|U\.S\.)?[$€£¥₹]\s?$")
_ORDINAL_AFTER = re.compile(r"(?i:st|nd|rd|th|e|er|re|ere|ère|eme|ème|nde?|d)(?![^\W\d_])")

_POWERS = {"k": 3, "L": 5, "M": 6, "C": 7, "G": 9, "T": 12, "LC": 12}


@dataclass(frozen=True)
class NumberMatch:
    """A number in a text: its span (sign and scale word included) and its value with the scale applied."""

    start: int
    end: int
    value: float
    text: str


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int  # end of the digits
    value: Decimal
    scaled: bool


def find_numbers(text: str, lang: Lang | None, *, spelled: bool = False) -> list[NumberMatch]:
    """Every number written with digits in text, in order, with its scale word applied (rules in the module
    docstring); with spelled=True also the spelled-out ones (``two thousand``)."""
    return _find(text, lang, plain_space=lang != "en", spelled=spelled)


def parse_number(text: str | float | int | None, lang: Lang | None = None) -> float | None:
    """The one number a value holds: a JSON number as is, or the single number of a string
    (``"1,73 million"`` -> 1730000.0, ``"+104,2 %"`` -> 104.2, ``"2.5bn"`` -> 2.5e9, ``"1.65e10"``).

    None for None, booleans, NaN/infinity, and strings holding no number or more than one (a range goes
    through parse_range). A plain space groups thousands here in every language (the string is one value)."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        value = float(text)
        return value if math.isfinite(value) else None
    return _parse_string(text.strip(), lang)


SIGNS = "+-\u2212\u2013"
"""The characters that sign a number: plus, hyphen-minus, minus sign, en dash."""

_SPACED_SIGN = re.compile(r"(?P<sign>[+\-\u2212\u2013])\s+(?=\d)")
_ACCOUNTING = re.compile(r"\((?!(?:19|20)\d\d\))(?P<n>[\d.,'\u2019\u00a0\u202f\u2009 ]*\d\s?%?)\)\s?%?")
"""A lone bare figure in parentheses, not a year: ``(3.1)``, ``(3,1 %)``; ``(2024)`` is a year."""


def spaced_sign(s: str) -> str:
    """s with a sign spaced from the number at its very start glued to it (``- 3.1%`` -> ``-3.1%``)."""
    m = _SPACED_SIGN.match(s)
    return m.group("sign") + s[m.end() :] if m else s


def accounting_negative(s: str) -> str | None:
    """The figure inside a lone bare figure in parentheses (``(3.1)``, ``(3,1 %)``), an accounting
    negative; None when s is not one."""
    m = _ACCOUNTING.fullmatch(s.strip())
    return m.group("n") if m else None


@lru_cache(maxsize=1 << 16)
def _parse_string(s: str, lang: Lang | None) -> float | None:
    """parse_number of a stripped string, cached: surface values repeat across claims."""
    s = spaced_sign(s)
    inner = accounting_negative(s)
    if inner is not None:
        value = _parse_string(inner, lang)
        return -value if value is not None and value > 0 else None
    if _SCIENTIFIC.fullmatch(s):
        value = float(s)
        return value if math.isfinite(value) else None
    found = _find(s, lang, plain_space=True, spelled=True)
    return found[0].value if len(found) == 1 else None


_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")


def parse_range(text: str | None, lang: Lang | None = None) -> tuple[float, float] | None:
    """(low, high) of a range written as two numbers joined by a dash, "to", "and", "à" or "et"
    (``"1.2-1.5 million"``, ``"between 3 and 4 billion"``, ``"entre 3 et 4 milliards"``); the second
    number's scale word applies to the first. None unless the text holds exactly two such numbers."""
    if not isinstance(text, str):
        return None
    found = _find(text, lang, plain_space=True, spelled=True)
    if len(found) != 2:
        return None
    a, b = found
    if not _RANGE_GAP.fullmatch(text[a.end : b.start]):
        return None
    lo, hi = sorted((a.value, b.value))
    return lo, hi


def _find(text: str, lang: Lang | None, *, plain_space: bool, spelled: bool) -> list[NumberMatch]:
    raws: list[tuple[_Raw, int, str | None]] = []  # (number, end including scale, scale key)
    for m in _TOKEN.finditer(_unglue_currency_codes(text)):
        sign = m.group("sign")
        body_start = m.start() + (1 if sign else 0)
        for split in _split_token(text, body_start, m.end(), lang, plain_space):
            raw = _vulgar_fraction(text, split)
            if raw is None:
                continue
            if sign and raw.start == body_start:
                signed = raw.value if sign == "+" else -raw.value
                raw = _Raw(m.start(), raw.end, signed, raw.scaled)
            end, key = _scale_after(text, raw, lang)
            if key is None and _ORDINAL_AFTER.match(text, raw.end):
                continue
            if key is None and _is_id_suffix(text, raw.end):
                continue
            raws.append((raw, end, key))
    out: list[NumberMatch] = []
    for s_start, s_end, word_value in find_spelled(text, lang) if spelled else ():
        if not any(r.start < s_end and s_start < e for r, e, _ in raws):
            out.append(NumberMatch(s_start, s_end, word_value, text[s_start:s_end]))
    for i, (raw, end, key) in enumerate(raws):
        if key is None and i + 1 < len(raws):
            nxt, _, nkey = raws[i + 1]
            if nkey is not None and _RANGE_GAP.fullmatch(text[end : nxt.start]):
                key = nkey
        value = raw.value * Decimal(10) ** _power(key, lang) if key else raw.value
        out.append(NumberMatch(raw.start, end, float(value), text[raw.start : end]))
    return sorted(out, key=lambda n: n.start)


_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|\u2014|to|and|à|et)\s*", re.IGNORECASE)

_VULGAR = {"\u00bd": Decimal("0.5"), "\u00bc": Decimal("0.25"), "\u00be": Decimal("0.75")}
_VULGAR_RE = re.compile(r"[\u2009\u202f ]?(?P<f>[\u00bc-\u00be\u2150-\u215e])")


def _vulgar_fraction(text: str, raw: _Raw) -> _Raw | None:
    """raw with a vulgar fraction right after it added (``1½``); None when the number cannot be read (a
    fraction after a decimal number, or one with no exact decimal value such as ``⅓``)."""
    m = _VULGAR_RE.match(text, raw.end)
    if m is None:
        return raw
    part = _VULGAR.get(m.group("f"))
    if part is None or raw.value != raw.value.to_integral_value():
        return None
    return _Raw(raw.start, m.end(), raw.value + part, raw.scaled)


_CODE_BEFORE_DIGIT = re.compile(r"(?<![^\W\d_])(?:[A-Z]{3}|Rs\.?)(?=\d)")


def _unglue_currency_codes(text: str) -> str:
    """text with currency codes glued to a number blanked out (``EUR1.2bn``, ``Rs1,200``): same offsets."""
    out = text
    for m in _CODE_BEFORE_DIGIT.finditer(text):
        if m.group() in currency_codes() or m.group() in ("RMB", "Rs", "Rs."):
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def _power(key: str, lang: Lang | None) -> int:
    if key == "billion":
        return 12 if lang == "fr" else 9
    if key == "trillion":
        return 18 if lang == "fr" else 12
    return _POWERS[key]


def _scale_after(text: str, raw: _Raw, lang: Lang | None) -> tuple[int, str | None]:
    m = _SCALE_RE.match(text, raw.end)
    if m:
        for i, (_, key, _) in enumerate(_SCALE_WORDS):
            word = m.group(f"s{i}")
            if word and not (m.group("sep") == "-" and len(word) == 1):
                return m.end(), key
    glued = _GLUED_SCALE_RE.match(text, raw.end)
    if glued and _glued_scale_applies(glued):
        return glued.end("w"), _ISO_SCALE_KEYS.get(glued.group("w"), "G")
    c = _CURRENCY_SCALE_RE.match(text, raw.end)
    if c and _lowercase_scale(text, raw, c.end(), lang):
        return c.end(), "M" if c.group("w") == "m" else "G"
    return raw.end, None


def _glued_scale_applies(m: re.Match[str]) -> bool:
    """k/M/G before ``t`` (kilo-, mega-, gigatonnes); any scale prefix before an ISO code or ``FCFA``."""
    iso = m.group("iso")
    if iso is None:
        return m.group("w") in ("k", "M", "G")
    return iso == "FCFA" or iso in currency_codes()


def _lowercase_scale(text: str, raw: _Raw, end: int, lang: Lang | None) -> bool:
    """Whether a glued lowercase ``m``/``b`` ending at end is a scale word (rule in the module docstring)."""
    if (
        _CURRENCY_BEFORE.search(text, 0, raw.start)
        or currency_before(text, raw.start) is not None
        or unit_at(text, end, lang) is not None
    ):
        return True
    fraction = raw.value != raw.value.to_integral_value()
    return lang != "fr" and fraction and not _DIMENSION_AFTER.match(text, end)


_UNIT_SUFFIX = re.compile(
    r"(?:km2?|kg|kt|Mt|t|g|mg|m[23²³]?|cm|mm|ha|[lL]|ml|hl|bbl|[kMGT]Wh|[kMG]W|W|h|min|s|mph|x|"
    r"(?i:pct|pc|bps|bp))(?![^\W\d_])"
)


def _is_id_suffix(text: str, pos: int) -> bool:
    """True when letters glued after a number make it an identifier (5G, 3D), not a measure (12km)."""
    return pos < len(text) and text[pos].isalpha() and not _UNIT_SUFFIX.match(text, pos)


def _split_token(text: str, start: int, end: int, lang: Lang | None, plain_space: bool) -> list[_Raw]:
    """The numbers in one digits-and-separators token (usually one; ``2023 300`` in English gives two)."""
    parts = re.findall(r"\d+|[^\d]", text[start:end])
    runs: list[tuple[int, str]] = []  # (offset, digits)
    seps: list[str] = []
    pos = start
    for p in parts:
        if p[0].isdigit():
            runs.append((pos, p))
        else:
            seps.append(p)
        pos += len(p)
    out: list[_Raw] = []
    i = 0
    while i < len(runs):
        i, raw = _one_number(text, runs, seps, i, lang, plain_space)
        out.append(raw)
    return out


def _one_number(
    text: str, runs: list[tuple[int, str]], seps: list[str], i: int, lang: Lang | None, plain_space: bool
) -> tuple[int, _Raw]:
    """Read one number from runs[i]; returns the index of the next unread run and the number."""
    first_pos, first = runs[i]
    integer = first
    j = i + 1  # next run; seps[j - 1] is the separator before runs[j]
    group_sep: str | None = None
    can_group = len(first) <= 3 and not (first.startswith("0"))
    indian = _indian_groups(runs, seps, i) if lang != "fr" else 0
    if indian:
        group_sep = ","
        integer = "".join(r for _, r in runs[i : i + indian + 1])
        j = i + indian + 1
    elif can_group and j < len(runs) and len(runs[j][1]) == 3 and _groups_with(seps[j - 1], plain_space):
        group_sep = seps[j - 1]
        k = j
        while k < len(runs) and seps[k - 1] == group_sep and len(runs[k][1]) == 3:
            k += 1
        n_groups = k - j
        decimal_follows = k < len(runs) and seps[k - 1] in ".," and seps[k - 1] != group_sep
        if (
            n_groups == 1
            and not decimal_follows
            and group_sep in ",."
            and _single_group_is_decimal(text, runs[j], group_sep, lang)
        ):
            group_sep = None
        else:
            integer = first + "".join(r for _, r in runs[j:k])
            j = k
    fraction = ""
    if j < len(runs) and seps[j - 1] in ".," and seps[j - 1] != group_sep:
        fraction = runs[j][1]
        j += 1
    end = runs[j - 1][0] + len(runs[j - 1][1])
    try:
        value = Decimal(integer + ("." + fraction if fraction else ""))
    except InvalidOperation:  # pragma: no cover - digits only
        value = Decimal(0)
    return j, _Raw(first_pos, end, value, False)


def _indian_groups(runs: list[tuple[int, str]], seps: list[str], i: int) -> int:
    """How many groups follow runs[i] in Indian grouping (``1,20,000``, ``12,34,567``: two-digit groups
    with commas, then one three-digit group), or 0 when it is not written so."""
    if len(runs[i][1]) > 2 or runs[i][1].startswith("0"):
        return 0
    k = i + 1
    while k < len(runs) and seps[k - 1] == "," and len(runs[k][1]) == 2:
        k += 1
    if k == i + 1 or k >= len(runs) or seps[k - 1] != "," or len(runs[k][1]) != 3:
        return 0
    if k + 1 < len(runs) and seps[k] == ",":  # a further group: not Indian grouping
        return 0
    return k - i


def _groups_with(sep: str, plain_space: bool) -> bool:
    if sep == " ":
        return plain_space
    return sep in _GROUP_SEPS


def _single_group_is_decimal(text: str, group: tuple[int, str], sep: str, lang: Lang | None) -> bool:
    """The ambiguity rule for ``1,234`` and ``1.234`` (module docstring)."""
    if sep == ",":
        return lang == "fr"
    if lang != "fr":
        return True
    end = group[0] + len(group[1])
    return _SCALE_RE.match(text, end) is not None
