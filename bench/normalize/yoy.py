"""Year-on-year changes as runners write them -> (signed change, yoy_unit code).

Rules:
- A JSON number is the signed change as is.
- In a string, an explicit sign wins (``-3.1``, ``+104,2 %``, an en dash ``\u20133,1 %``, a sign spaced from
  the number at the start ``- 3.1%``); a bare figure in parentheses is an accounting negative (``(3.1)``).
  Without a sign, a word of fall makes the change negative (``down``, ``fell``, ``decline``,
  ``contraction``, ``recul``, ``baisse``, ``repli``, ``3% less than``, ``4,9 % de moins``), except:
  a bound written before the number is a qualifier (``less than 3%``, ``moins de``, ``au moins``, ``up
  to``); a fall word followed by ``to``/``à`` and the figure gives the level reached (``growth fell to
  2%``); a slowdown (``slowed``, ``ralenti``, ``narrowed``, ``cooled``) is a fall only by
  an amount (``slowed by 0.4 points``, ``a ralenti de 0,4 point``), not ``slowed to 3%`` nor ``slower
  growth of 3%``. Words of rise and of fall together (``down 3%, reversing gains``) give no certain sign:
  (None, None).
- The unit written with the number wins: ``%``/``percent``/``pour cent`` -> percent; ``points``,
  ``percentage points``, ``points de pourcentage``, ``pp`` -> pp (a year-on-year change in points is a
  change of a rate); a currency or other unit -> that code (an absolute change, ``$3bn`` -> (3e9, USD)).
  Otherwise the given yoy_unit, normalized (a given yoy_unit that cannot be read leaves the unit None);
  otherwise percent (the usual meaning of a bare YoY figure).
- A change in basis points (``25 basis points``, ``25bp``, ``-50 bps``, ``25 points de base``, or a
  yoy_unit saying so) is that number / 100 in pp: ``up 25 basis points`` -> (0.25, pp).
- A year is never the change: a four-digit 1900-2099 integer written without sign, separator, scale or
  unit (``on 2023``, ``vs. 2024``, ``par rapport à 2019``) is left out before counting the numbers, so
  ``up 12.5pc on 2023`` is (12.5, percent) and ``in 2023`` alone is no change. More than one number left is
  no single change: (None, None).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bench.normalize.numbers import (
    SIGNS,
    NumberMatch,
    accounting_negative,
    find_numbers,
    parse_number,
    spaced_sign,
)
from bench.normalize.text import fold
from bench.normalize.units import currency_before, is_basis_points, normalize_unit, unit_at
from bench.types import Lang

# Words of fall: the quantity went down (guideline 5.3).
_FALL = re.compile(
    r"(?<![a-z])(?:down|fell|fall(?:s|ing|en)?|declin\w*|decreas\w*|drop\w*|dipp?\w*|slid\w*|slump\w*|"
    r"shr[ai]nk\w*|shrunk|contract\w*|lower|loss|lost|plung\w*|tumbl\w*|sank|sink\w*|minus|"
    r"negative|less|fewer|reduc\w*|weaken\w*|eased|eases|easing|"
    r"baiss\w*|recul\w*|diminu\w*|chut\w*|repli\w*|flechi\w*|regress\w*|perte|perdu\w*|tombe\w*|"
    r"decroissance|negati\w*|retrait|(?:de|en) moins|moins(?= ?[-+]?\d))(?![a-z])"
)
# Words of slowdown: a fall of the rate only when an amount follows ("slowed by 0.4 points", "a ralenti de
# 0,4 point"); "slowed to 3%", "slower growth of 3%" still describe growth of that figure.
_SLOWDOWN = re.compile(
    r"(?<![a-z])(?:slow(?:ed|ing|s)?|slowdown|ralenti\w*|ralentissement|cool(?:ed|ing|s)?|"
    r"narrow(?:ed|ing|s)?|moderat(?:ed|ing|es?))(?![a-z])"
)
_AMOUNT_NEXT = re.compile(r"(?: (?:by|of|de|du)|\s?d')?\s*(?:[-+$\u20ac\u00a3\u00a5]\s?)?(?:\d|$)")
# Right after a word of fall: "to"/"à" then the figure (or the end of a text that precedes it): the level
# reached ("growth fell to 2%"), not the size of the fall.
_LEVEL_NEXT = re.compile(r" (?:to|a|au)(?: [-+$\u20ac\u00a3\u00a5]?\s?\d|\s*$)")
# Words of rise; with a word of fall in the same change, the sign is not certain.
_RISE = re.compile(
    r"(?<![a-z])(?:up|rose|risen|rises?|rising|grew|gain\w*|increas\w*|climb\w*|jump\w*|surg\w*|soar\w*|"
    r"advanc\w*|higher|hausse\w*|augment\w*|progress\w*|bond\w*|grimp\w*|accru\w*|(?:de|en) plus|"
    r"widen\w*|creus\w*|elargi\w*)(?![a-z])"
)
# Bounds written before the figure are qualifiers (guideline 2.7), and a slower rise is still a rise.
_BOUND_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:no|not|pas|au|du) )?(?:(?:less|fewer|lower|more|greater|higher) than|"
    r"(?:moins|plus) (?:de|d')|(?:au|du) (?:moins|plus)|at (?:least|most)|up to|jusqu'(?:a|au|aux)|"
    r"as (?:much|little|many|few) as)"
    r"(?![a-z])"
)
_SLOWER_RISE = re.compile(
    r"(?<![a-z])(?:(?:slower|lower|weaker|smaller|softer|more modest|modest|reduced)[ -]"
    r"(?:growth|increases?|rises?|gains?|expansion)|"
    r"(?:hausse|croissance|progression|augmentation)s? "
    r"(?:moins (?:forte|rapide|marquee|soutenue|importante)s?|"
    r"plus (?:faible|modeste|lente)s?|ralentie)|"
    r"(?:plus faible|moindre|moins forte) (?:hausse|croissance|progression|augmentation))(?![a-z])"
)


def _blank(text: str, rx: re.Pattern[str], end: int | None = None) -> str:
    """text with every match of rx ending at or before end (default: anywhere) replaced by spaces."""
    limit = len(text) if end is None else end
    return rx.sub(lambda m: " " * len(m.group()) if m.end() <= limit else m.group(), text)


def _without_non_directions(folded: str, number_start: int | None = None) -> str:
    """folded with the words that look like direction but are none blanked: bounds written before the
    number (all of them when number_start is None) and slower rises."""
    return _blank(_blank(folded, _BOUND_BEFORE, number_start), _SLOWER_RISE)


def _falls(folded: str) -> bool:
    """A word of fall that is not followed by the level reached, or a slowdown by an amount."""
    for m in _FALL.finditer(folded):
        if not _LEVEL_NEXT.match(folded, m.end()):
            return True
    return any(_AMOUNT_NEXT.match(folded, m.end()) for m in _SLOWDOWN.finditer(folded))


def _direction(folded: str, number_start: int) -> int | None:
    """-1 for a fall, +1 for a rise or no word of direction, None when the words say both. Bounds before
    the number (``less than``, ``moins de``, ``au moins``) and slower rises (``slower growth``) are no
    direction."""
    text = _without_non_directions(folded, number_start)
    fall = _falls(text)
    if fall and _RISE.search(text):
        return None
    return -1 if fall else 1


_BASIS_POINTS = re.compile(r" ?(?:basis points?|bps?|points? de base|pb)(?![a-z])")
_POINTS = re.compile(r"(?<![a-z])(?:points?|pts?)(?![a-z])")


@lru_cache(maxsize=1 << 16, typed=True)  # pure; surface forms of changes repeat (typed: True is not 1)
def normalize_yoy(
    value: str | float | int | None, unit: str | None, lang: Lang | None
) -> tuple[float | None, str | None]:
    """(signed change, yoy_unit code) of a year-on-year change; unit is the runner's yoy_unit (surface or
    code). (None, None) when value holds no single number."""
    unit = _without_yoy_marker(unit)
    given = normalize_unit(unit, lang) if unit is not None else None
    bp_given = isinstance(unit, str) and is_basis_points(unit)
    if unit is not None and given is None and not bp_given and _POINTS.search(fold(unit)):
        given = "pp"
    if given == "points":
        given = "pp"
    # a yoy_unit the runner gave but that cannot be read leaves the unit unknown, never "percent"
    fallback = None if unit and given is None and not bp_given else "percent"
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, (int, float)):
        number = parse_number(value)
        if number is None:
            return None, None
        return (number / 100, "pp") if bp_given else (number, given or fallback)
    value = spaced_sign(value.strip())
    accounting = accounting_negative(value)
    if accounting is not None:
        value = accounting
    found = find_numbers(value, lang)
    years = [m for m in found if _is_year(value, m, lang)]
    if years:
        found = [m for m in found if m not in years]
        for y in years:  # blank the years out for the spelled-out fallback below
            value = value[: y.start] + " " * (y.end - y.start) + value[y.end :]
    if len(found) != 1:
        number = parse_number(value, lang)
        if number is None:
            return None, None
        return (number / 100, "pp") if bp_given else (number, given or fallback)
    match = found[0]
    number = match.value
    folded = fold(value)
    if accounting is not None:
        number = -abs(number)
    elif match.text[:1] not in SIGNS:
        direction = _direction(folded, match.start)
        if direction is None:
            return None, None
        number = direction * abs(number)
    if bp_given or _BASIS_POINTS.match(folded, match.end):
        return number / 100, "pp"
    written = _unit_written(value, match.start, match.end, lang)
    return number, written or given or fallback


_YOY_MARKER = re.compile(
    r"(?:\by/y\b|\byoy\b|\by-o-y\b|\byear[- ]on[- ]year\b|\byear[- ]over[- ]year\b|\bon the year\b|"
    r"\bsur un an\b|\ben glissement annuel\b|\ba/a\b|[,;:.()])",
    re.IGNORECASE,
)


def _without_yoy_marker(unit: str | None) -> str | None:
    """A runner's yoy_unit without the words saying it is year on year, nor punctuation (``%, yoy`` -> ``%``):
    they are no unit."""
    if not isinstance(unit, str):
        return unit
    return " ".join(_YOY_MARKER.sub(" ", unit).split())


_YEAR = re.compile(r"(?:19|20)\d{2}")


def _is_year(text: str, match: NumberMatch, lang: Lang | None) -> bool:
    """A bare four-digit year with no unit after it (rule in the module docstring)."""
    return (
        _YEAR.fullmatch(match.text) is not None and _unit_written(text, match.start, match.end, lang) is None
    )


def is_decrease(text: str) -> bool:
    """True when text, which precedes a number, holds a word of fall (EN or FR, any accents or case): not a
    bound (``less than``, ``au moins``), a slower rise (``slower growth of``), a fall to a level
    (``fell to``, ``a reculé à``) nor a slowdown with no amount (``slowed to``)."""
    return _falls(_without_non_directions(fold(text)))


def _unit_written(text: str, start: int, end: int, lang: Lang | None) -> str | None:
    after = unit_at(text, end, lang)
    if after is not None:
        code = after[0]
        return "pp" if code == "points" else code
    if _POINTS.match(fold(text), end + (1 if text[end : end + 1].isspace() else 0)):
        return "pp"
    before = currency_before(text, start)
    return before[0] if before else None
