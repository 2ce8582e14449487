"""Year-on-year changes as runners write them -> (signed change, yoy_unit code).

Rules:
- A JSON number is the signed change as is.
- In a string, an explicit sign wins (``-3.1``, ``+104,2 %``). Without one, a word of decrease makes the
  change negative (``down``, ``fell``, ``decline``, ``contraction``, ``recul``, ``baisse``, ``repli``...).
- The unit written with the number wins: ``%``/``percent``/``pour cent`` -> percent; ``points``,
  ``percentage points``, ``points de pourcentage``, ``pp`` -> pp (a year-on-year change in points is a
  change of a rate); a currency or other unit -> that code (an absolute change, ``$3bn`` -> (3e9, USD)).
  Otherwise the given yoy_unit, normalized; otherwise percent (the usual meaning of a bare YoY figure).
- A change in basis points (``25 basis points``, ``25bp``, ``-50 bps``, ``25 points de base``, or a
  yoy_unit saying so) is that number / 100 in pp: ``up 25 basis points`` -> (0.25, pp).
- A year is never the change: a four-digit 1900-2099 integer written without sign, separator, scale or
  unit (``on 2023``, ``vs. 2024``, ``par rapport à 2019``) is left out before counting the numbers, so
  ``up 12.5pc on 2023`` is (12.5, percent) and ``in 2023`` alone is no change. More than one number left is
  no single change: (None, None).
"""

from __future__ import annotations

import re

from bench.normalize.numbers import NumberMatch, find_numbers, parse_number
from bench.normalize.text import fold
from bench.normalize.units import currency_before, is_basis_points, normalize_unit, unit_at
from bench.types import Lang

_DECREASE = re.compile(
    r"(?<![a-z])(?:down|fell|fall(?:s|ing)?|declin\w*|decreas\w*|drop\w*|dipp?\w*|slid\w*|slump\w*|shr[ai]nk\w*|"
    r"shrunk|contract\w*|lower|loss|lost|plung\w*|tumbl\w*|sank|sink\w*|minus|negative|less|reduc\w*|"
    r"baiss\w*|recul\w*|diminu\w*|chut\w*|repli\w*|flechi\w*|regress\w*|perte|perdu|moins|"
    r"decroissance|negatif|retrait|ralenti\w*|slow\w*|eased|easing|narrow\w*|cool\w*)(?![a-z])"
)
_BASIS_POINTS = re.compile(r" ?(?:basis points?|bps?|points? de base|pb)(?![a-z])")
_POINTS = re.compile(r"(?<![a-z])(?:points?|pts?)(?![a-z])")


def normalize_yoy(
    value: str | float | int | None, unit: str | None, lang: Lang | None
) -> tuple[float | None, str | None]:
    """(signed change, yoy_unit code) of a year-on-year change; unit is the runner's yoy_unit (surface or
    code). (None, None) when value holds no single number."""
    given = normalize_unit(unit, lang) if unit is not None else None
    bp_given = isinstance(unit, str) and is_basis_points(unit)
    if unit is not None and given is None and not bp_given and _POINTS.search(fold(unit)):
        given = "pp"
    if given == "points":
        given = "pp"
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, (int, float)):
        number = parse_number(value)
        if number is None:
            return None, None
        return (number / 100, "pp") if bp_given else (number, given or "percent")
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
        return (number / 100, "pp") if bp_given else (number, given or "percent")
    match = found[0]
    number = match.value
    folded = fold(value)
    explicit_sign = match.text[:1] in "+-\u2212"
    if not explicit_sign and _DECREASE.search(folded):  # is_decrease, on the already folded text
        number = -abs(number)
    if bp_given or _BASIS_POINTS.match(folded, match.end):
        return number / 100, "pp"
    written = _unit_written(value, match.start, match.end, lang)
    return number, written or given or "percent"


_YEAR = re.compile(r"(?:19|20)\d{2}")


def _is_year(text: str, match: NumberMatch, lang: Lang | None) -> bool:
    """A bare four-digit year with no unit after it (rule in the module docstring)."""
    return (
        _YEAR.fullmatch(match.text) is not None and _unit_written(text, match.start, match.end, lang) is None
    )


def is_decrease(text: str) -> bool:
    """True when text holds a word of decrease (EN or FR, any accents or case)."""
    return _DECREASE.search(fold(text)) is not None


def _unit_written(text: str, start: int, end: int, lang: Lang | None) -> str | None:
    after = unit_at(text, end, lang)
    if after is not None:
        code = after[0]
        return "pp" if code == "points" else code
    if _POINTS.match(fold(text), end + (1 if text[end : end + 1].isspace() else 0)):
        return "pp"
    before = currency_before(text, start)
    return before[0] if before else None
