"""Period phrases (EN and FR) -> canonical periods: YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM, YYYY-MM-DD, FYyyyy, A/B.

Rules:
- Canonical strings pass through unchanged (checked with bench.periods.period_bounds).
- Explicit years and year spans (``2019-2023``, ``2023-24``, ``entre 2019 et 2023``: a two-digit second
  year only after a dash or slash); quarters (``Q3 2024``, ``3Q24``, ``T3 2024``, ``third quarter of
  2024``, ``troisième trimestre 2024``); halves (``H1 2024``, ``S1 2024``, ``first half``, ``premier
  semestre``, ``first six months``); months (``October 2024``, ``octobre 2024``); days (``October 30,
  2024``, ``30 octobre 2024``); fiscal years (``FY2024``, ``FY24``, ``fiscal 2024``, ``exercice 2024``;
  ``FY2023/24`` -> FY2024, the year it ends); intervals (``January-September 2024``, ``de janvier à
  septembre``, ``in January-July``, ``first nine months of 2024`` -> 2024-01/2024-09; the first 3, 6 and 12
  months are Q1, H1 and the year; ``the first three quarters``/``les trois premiers trimestres``, ``Q1-Q3``
  and earnings-release ``9M 2025``/``9M25``/``9 mois 2025`` (a year required) are the first nine months,
  ``the first two quarters`` H1; ``the second and third quarters``/``between Q2 and Q3`` -> Q2 to Q3), also
  across years (``between July 2019 and June 2020`` -> 2019-07/2020-06; ``the 12 months to March`` ->
  the 12 months ending with the most recent March that has ended).
- ``the nine months to/ended September (30)``, ``les neuf mois à fin septembre``/``clos le 30 septembre``:
  the n months ending with that month.
- French ``3T 2025`` and ``3e trim. 2025`` are quarters (``3t`` alone is three tonnes); ``1H25`` is 2025-H1.
- Numeric dates with the year first (``2025-03-10``, ``2025/03/10``, ``2025.03.10``) are year, month, day.
  ``DD/MM/YYYY``, ``MM/DD/YYYY``, ``DD.MM.YYYY``, ``DD-MM-YYYY`` and ``MM/YYYY``: when only one
  reading is a valid date it is taken (``31/12/2025``, ``12/31/2025``); otherwise dots read day first in
  every language, and slashes and dashes read day first in French and month first in English and when the
  language is unknown (the US convention: ``03/10/2025`` is 2025-03-10 in English, 2025-10-03 in French),
  unless that reading falls after ``published`` and the other does not (a dateline ``10/03/2025`` on an
  English article published 2025-03-10 is 10 March). An invalid date (``31/02/2025``) is no period, not its
  year.
- ``of the year``/``de l'année`` after a unit names the year of the most recent such unit that has started
  on or before ``published`` (``the second half of the year`` in January 2020 -> 2019-H2; ``the first ten
  months of the year`` on 2024-10-30 -> 2024-01/2024-10).
- ``by December``/``d'ici décembre`` is the next December on or after ``published``.
- A year can be relative: ``last year``/``l'an dernier``/``l'année dernière``/``l'an passé``/``the previous
  year`` -> the year before ``published``; ``this year``/``cette année``; ``next year``/``l'an prochain``;
  it combines with a sub-year unit (``the third quarter of last year``).
- A sub-year unit with no year is the most recent one that has started on or before ``published``
  (``in March`` in an article of 2024-10-30 -> 2024-03; in one of 2024-02-10 -> 2023-03). Cumulative spans
  that start in January (``first nine months``, ``January-September``) are the most recent one that has
  ended on or before ``published`` (figures for them are reported after they end). A day with no year is
  the most recent such day on or before ``published``.
- Relative units: ``the previous quarter``/``last quarter``/``le trimestre précédent``; ``last month``/``le
  mois dernier``; ``this quarter``/``this month``; ``yesterday``/``hier``; ``today``/``aujourd'hui``; a
  weekday (``on Monday``/``lundi``) is the most recent such day on or before ``published``.
- ``year to date``/``so far this year``/``depuis le début de l'année`` -> YYYY-01/YYYY-MM up to the month
  of ``published``; ``since March``/``depuis mars`` likewise from that month.
- An interval that covers exactly a year, half, quarter or month is written as that (``2019-01/2019-06`` ->
  ``2019-H1``; ``January to March`` -> Q1), also when a canonical interval is given (see collapse).
- ``over the next six years`` -> the six years after ``published``'s year; ``the past five years``/``les
  cinq dernières années`` -> the five years before it.
- normalize_period of a longer phrase takes the first period found in it (find_periods lists them all).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bench.normalize.text import fold
from bench.periods import period_bounds
from bench.types import Lang


@dataclass(frozen=True)
class PeriodMatch:
    """A period phrase in a text: its span and its canonical period."""

    start: int
    end: int
    period: str
    text: str


def normalize_period(text: str | None, lang: Lang | None, published: str) -> str | None:
    """Canonical period of a surface phrase (rules in the module docstring); None if it names none."""
    if not isinstance(text, str) or not text.strip():
        return None
    return _normalize_period(text, lang, published)


@lru_cache(maxsize=1 << 16)
def _normalize_period(text: str, lang: Lang | None, published: str) -> str | None:
    """normalize_period of a non-empty string, cached: periods repeat across claims."""
    s = text.strip()
    if is_canonical(s):
        return collapse(s)
    found = find_periods(s, lang, published)
    return found[0].period if found else None


def collapse(period: str) -> str:
    """The shortest canonical form of a canonical period: an interval that covers exactly one year, half,
    quarter, month or day is written as that (``2019-01/2019-06`` -> ``2019-H1``, ``2019-01/2019-03`` ->
    ``2019-Q1``, ``2024-01/2024-01`` -> ``2024-01``); other periods are returned unchanged."""
    if "/" not in period:
        return period
    start, end = period_bounds(period)
    y = start.year
    if end.year != y:
        return period
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(y)
    for h in (1, 2):
        if (start, end) == period_bounds(f"{y}-H{h}"):
            return f"{y}-H{h}"
    for q in (1, 2, 3, 4):
        if (start, end) == period_bounds(f"{y}-Q{q}"):
            return f"{y}-Q{q}"
    if start.month == end.month and (start, end) == period_bounds(f"{y}-{start.month:02d}"):
        return f"{y}-{start.month:02d}"
    if start == end:
        return start.isoformat()
    return period


def is_canonical(period: str) -> bool:
    try:
        period_bounds(period)
    except ValueError:
        return False
    return True


def find_periods(text: str, lang: Lang | None, published: str) -> list[PeriodMatch]:
    """Every period phrase of text, in order, non-overlapping (the longest wins where two overlap)."""
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        pub = dt.date.today() if not published else dt.date(1970, 1, 1)
    folded = fold(text)
    candidates: list[tuple[int, int, str | None]] = []
    found = [(m, fn(m, pub)) for rx, fn in _RULES for m in rx.finditer(folded)]
    found += [(m, lfn(m, pub, lang)) for rx, lfn in _LANG_RULES for m in rx.finditer(folded)]
    for m, period in found:
        if period == UNREADABLE:
            candidates.append((m.start(), m.end(), None))
        elif period is not None and is_canonical(period):
            candidates.append((m.start(), m.end(), collapse(period)))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[PeriodMatch] = []
    last_end = -1
    for start, end, canonical in candidates:
        if start >= last_end:
            if canonical is not None:  # an unreadable phrase still hides the periods inside it
                out.append(PeriodMatch(start, end, canonical, text[start:end]))
            last_end = end
    return out


UNREADABLE = "?"
"""What a rule returns for a period phrase it recognizes but cannot resolve with certainty (``the year to
June``, ``a year earlier``): the phrase is no period, and no shorter period inside it is read either."""


# --- vocabulary (folded: lowercase, no accents) ---

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan janvier janv",
        "february feb fevrier fev fevr",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout",
        "september sep sept septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
}  # fmt: skip
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
    "last": 4, "premier": 1, "1er": 1, "deuxieme": 2, "2e": 2, "2eme": 2, "troisieme": 3,
    "3e": 3, "3eme": 3, "quatrieme": 4, "4e": 4, "4eme": 4, "dernier": 4,
}  # fmt: skip
_ORD = r"(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip

_YEAR = r"(?:19|20)\d{2}"
_REL_YEARS = {
    "last year": -1, "the previous year": -1, "the year before": -1, "the prior year": -1, "l'an dernier": -1,
    "l'annee derniere": -1, "l'an passe": -1, "l'annee passee": -1, "l'annee precedente": -1,
    "this year": 0, "the current year": 0, "cette annee": 0, "l'annee en cours": 0, "next year": 1,
    "l'an prochain": 1, "l'annee prochaine": 1,
}  # fmt: skip
_REL_YEAR = r"(?:" + "|".join(re.escape(k) for k in sorted(_REL_YEARS, key=len, reverse=True)) + r")"
# A year attached to a sub-year unit: "of 2024", "2024", "de l'annee derniere", "of last year".
_YSUF = (
    r"(?:[ ,]*(?:of |in |de |du |en |d')?(?:the year |l'annee |l'exercice )?"
    r"(?:(?P<y>" + _YEAR + r")(?!\d)|(?P<yrel>" + _REL_YEAR + r"|the year|l'annee|l'exercice)(?![a-z])))?"
)
_ISO_TOKEN = r"(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?|-[qh][1-4])?"
_B = r"(?<![a-z0-9])"  # word start
_E = r"(?![a-z0-9])"  # word end


def _year_of(m: re.Match[str], pub: dt.date) -> int | None:
    y, rel = _g(m, "y"), _g(m, "yrel")
    if y:
        return int(y)
    if rel in _REL_YEARS:
        return pub.year + _REL_YEARS[rel]
    return None  # "of the year" / "de l'annee": the year the text is about, resolved like no year


def _latest_start(pub: dt.date, first_month: int) -> int:
    """Year of the most recent unit starting in first_month that has started on or before pub."""
    return pub.year if first_month <= pub.month else pub.year - 1


def _latest_end(pub: dt.date, last_month: int) -> int:
    """Year of the most recent span ending with last_month that has ended on or before pub."""
    return pub.year if last_month < pub.month else pub.year - 1


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it did not take part."""
    value = m.groupdict().get(name)
    return value if isinstance(value, str) else None


def _quarter(m: re.Match[str], pub: dt.date) -> str:
    digit = _g(m, "qa") or _g(m, "qb")
    ordinal = _g(m, "qo") or _g(m, "qf") or "first"
    q = int(digit) if digit else _ORDINALS[ordinal]
    year = _year_of(m, pub)
    y2 = _g(m, "y2")
    if year is None and y2:
        year = 2000 + int(y2)
    return f"{year if year is not None else _latest_start(pub, 3 * q - 2)}-Q{q}"


def _half(m: re.Match[str], pub: dt.date) -> str:
    ordinal = _g(m, "ho") or _g(m, "hf")
    digit = _g(m, "ha") or _g(m, "hb")
    h = int(digit) if digit else (1 if _g(m, "hsix") or _ORDINALS.get(ordinal or "", 1) == 1 else 2)
    year = _year_of(m, pub)
    return f"{year if year is not None else _latest_start(pub, 6 * h - 5)}-H{h}"


# Month words that are also ordinary words or abbreviations: a month only with a year or a preposition.
_AMBIGUOUS_MONTH_WORDS = "may mar jan feb apr jun jul aug sep sept oct nov dec janv fev fevr avr juil"
_AMBIGUOUS_MONTHS = frozenset(_AMBIGUOUS_MONTH_WORDS.split())


def _month(m: re.Match[str], pub: dt.date) -> str | None:
    word = m.group("mo")
    mo = _MONTHS[word.rstrip(".")]
    year = _year_of(m, pub)
    if year is None and not (_g(m, "pre") or _g(m, "fut")) and word in _AMBIGUOUS_MONTHS:
        return None
    if year is None and _g(m, "fut"):  # "by December": the next such month, on or after publication
        year = pub.year if mo >= pub.month else pub.year + 1
    return f"{year if year is not None else _latest_start(pub, mo)}-{mo:02d}"


def _first_months(m: re.Match[str], pub: dt.date) -> str | None:
    return _first_n_months(_int(m.group("n")), m, pub)


def _first_n_months(n: int, m: re.Match[str], pub: dt.date) -> str | None:
    """The first n months of the year m names (or of the most recent such span ended by pub)."""
    if not 1 <= n <= 12:
        return None
    year = _year_of(m, pub)
    if year is None:
        year = _latest_start(pub, 1) if _g(m, "yrel") else _latest_end(pub, n)
    if n == 12:
        return str(year)
    if n == 3:
        return f"{year}-Q1"
    if n == 6:
        return f"{year}-H1"
    return f"{year}-01" if n == 1 else f"{year}-01/{year}-{n:02d}"


def _first_quarters(m: re.Match[str], pub: dt.date) -> str | None:
    n = _int(m.group("nq"))
    if not 1 <= n <= 4:
        return None
    return _first_n_months(3 * n, m, pub)


def _quarter_range(m: re.Match[str], pub: dt.date) -> str | None:
    a_text = _g(m, "qa1") or _g(m, "qa2") or _g(m, "qa3") or ""
    b_text = _g(m, "qb1") or _g(m, "qb2") or _g(m, "qb3") or ""
    a = int(a_text) if a_text.isdigit() else _ORDINALS[a_text]
    b = int(b_text) if b_text.isdigit() else _ORDINALS[b_text]
    joined = re.search(r" (?:and|et) ", m.group(0)) and not m.group(0).startswith(("between", "entre"))
    if b <= a or (joined and b != a + 1):  # "the first and fourth quarters" are two quarters, not a span
        return None
    year = _year_of(m, pub)
    if year is None:
        year = _latest_start(pub, 3 * a - 2) if _g(m, "yrel") else _latest_end(pub, 3 * b)
    return f"{year}-{3 * a - 2:02d}/{year}-{3 * b:02d}"


def _months_to(m: re.Match[str], pub: dt.date) -> str | None:
    n = _int(m.group("n"))
    end_month = _MONTHS[m.group("mo").rstrip(".")]
    if not 1 <= n <= 24:
        return None
    year = _year_of(m, pub)
    end_year = year if year is not None else _latest_end(pub, end_month)
    start = end_year * 12 + end_month - n  # months since year 0, zero-based
    return f"{start // 12}-{start % 12 + 1:02d}/{end_year}-{end_month:02d}"


_UNIT_MONTHS = {"year": 12, "annee": 12, "quarter": 3, "trimestre": 3, "half": 6, "half-year": 6,
                "half year": 6, "semestre": 6}  # fmt: skip


def _unit_ended(m: re.Match[str], pub: dt.date) -> str | None:
    """``the year/quarter/half ended (day) month (year)``: the 12/3/6 months ending with that month; a
    fiscal year ending then is FY and the year it ends (guideline 5.9)."""
    end_month = _MONTHS[m.group("mo").rstrip(".")]
    year = _year_of(m, pub)
    end_year = year if year is not None else _latest_end(pub, end_month)
    if _g(m, "fiscal"):
        return f"FY{end_year}"
    n = _UNIT_MONTHS[m.group("unit")] if _g(m, "unit") else _int(m.group("n"))
    if not 1 <= n <= 24:
        return None
    start = end_year * 12 + end_month - n  # months since year 0, zero-based
    return f"{start // 12}-{start % 12 + 1:02d}/{end_year}-{end_month:02d}"


def _iso_interval(m: re.Match[str], pub: dt.date) -> str | None:
    """Two canonical dated forms joined by ``to``/``/``/a dash: the interval from the first to the second."""
    a, b = (_canonical_token(m.group(g)) for g in ("a", "b"))
    if not (is_canonical(a) and is_canonical(b)):
        return UNREADABLE
    (a_start, _), (_, b_end) = period_bounds(a), period_bounds(b)
    if a_start > b_end:  # backwards: no span, and not the year inside it either
        return UNREADABLE
    return f"{a_start.isoformat()[:7]}/{b_end.isoformat()[:7]}" if _whole_months(a, b) else f"{a}/{b}"


def _canonical_token(token: str) -> str:
    """A folded runner token as canonical: ``2024-q3`` -> ``2024-Q3``."""
    return re.sub(r"([qh])(?=[1-4]$)", lambda x: x.group(1).upper(), token)


def _whole_months(a: str, b: str) -> bool:
    return not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", a) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", b))


def _year_first_unit(m: re.Match[str], pub: dt.date) -> str | None:
    """``2024 Q3``, ``2024-q3``, ``2024Q3``, ``2024 T3``, ``2024 H1``, ``2024 S1``."""
    kind, n = m.group("k"), int(m.group("n"))
    if kind in "qt":
        return f"{m.group('y')}-Q{n}"
    return f"{m.group('y')}-H{n}" if n <= 2 else None


def _unreadable(m: re.Match[str], pub: dt.date) -> str:
    return UNREADABLE


def _n_months_of_year(m: re.Match[str], pub: dt.date) -> str | None:
    n = int(_g(m, "n") or m.group("nf"))
    y, y2 = _g(m, "y") or _g(m, "yf"), _g(m, "y2")
    year = int(y) if y else 2000 + int(y2 or "0")
    if n == 1:
        return f"{year}-01"
    return f"{year}-01/{year}-{n:02d}"


def _numeric_date(m: re.Match[str], pub: dt.date, lang: Lang | None) -> str | None:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day_first = m.group("sep") == "." or lang == "fr"
    dates = []
    for month, day in ((b, a), (a, b)) if day_first else ((a, b), (b, a)):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not dates:
        return None
    if dates[0] > pub and len(dates) > 1 and dates[1] <= pub:
        return dates[1].isoformat()
    return dates[0].isoformat()


def _year_first_date(m: re.Match[str], pub: dt.date) -> str | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("mo")), int(m.group("d"))).isoformat()
    except ValueError:
        return None


def _numeric_month(m: re.Match[str], pub: dt.date) -> str:
    return f"{m.group('y')}-{int(m.group('mo')):02d}"


def _month_range(m: re.Match[str], pub: dt.date) -> str | None:
    a = _MONTHS[m.group("ma").rstrip(".")]
    b = _MONTHS[m.group("mb").rstrip(".")]
    if b < a:  # across a year end: the most recent such span that has ended; a year given is ambiguous
        if _g(m, "y") or _g(m, "yrel"):
            return UNREADABLE
        end = _latest_end(pub, b)
        return f"{end - 1}-{a:02d}/{end}-{b:02d}"
    if b == a:
        return None
    year = _year_of(m, pub)
    if year is None:
        year = _latest_start(pub, a) if _g(m, "yrel") else _latest_end(pub, b)
    return f"{year}-{a:02d}/{year}-{b:02d}"


def _month_year_range(m: re.Match[str], pub: dt.date) -> str | None:
    a = (int(m.group("ya")), _MONTHS[m.group("ma").rstrip(".")])
    b = (int(m.group("yb")), _MONTHS[m.group("mb").rstrip(".")])
    return f"{a[0]}-{a[1]:02d}/{b[0]}-{b[1]:02d}" if a < b else None


def _day(m: re.Match[str], pub: dt.date) -> str | None:
    mo = _MONTHS[m.group("mo").rstrip(".")]
    day = int(m.group("d"))
    year = _year_of(m, pub)
    if year is None:
        year = pub.year if (mo, day) <= (pub.month, pub.day) else pub.year - 1
    try:
        return dt.date(year, mo, day).isoformat()
    except ValueError:
        return None


def _year(m: re.Match[str], pub: dt.date) -> str:
    return m.group("y")


def _rel_year(m: re.Match[str], pub: dt.date) -> str:
    return str(_year_of(m, pub))


def _fiscal(m: re.Match[str], pub: dt.date) -> str:
    first, second = m.group("fy"), _g(m, "fy2")
    if second is None:
        return f"FY{first if len(first) == 4 else '20' + first}"
    if len(second) == 4:
        return f"FY{second}"
    century = first[:2] if len(first) == 4 else "20"
    return f"FY{century}{second}"


def _year_range(m: re.Match[str], pub: dt.date) -> str | None:
    a = int(m.group("ya"))
    b_text = _g(m, "yb") or m.group("yb2")
    b = int(b_text) if len(b_text) == 4 else int(str(a)[:2] + b_text)
    return f"{a}/{b}" if a < b else None


def _rel_quarter(m: re.Match[str], pub: dt.date) -> str:
    q = (pub.month - 1) // 3 + 1
    year = pub.year
    if _g(m, "prev"):
        q, year = (q - 1, year) if q > 1 else (4, year - 1)
    return f"{year}-Q{q}"


def _rel_month(m: re.Match[str], pub: dt.date) -> str:
    year, mo = pub.year, pub.month
    if _g(m, "prev"):
        year, mo = (year, mo - 1) if mo > 1 else (year - 1, 12)
    return f"{year}-{mo:02d}"


def _rel_day(m: re.Match[str], pub: dt.date) -> str:
    word = m.group("rd")
    if word in ("yesterday", "hier"):
        return (pub - dt.timedelta(days=1)).isoformat()
    if word in _WEEKDAYS:
        back = (pub.weekday() - _WEEKDAYS[word]) % 7
        return (pub - dt.timedelta(days=back)).isoformat()
    return pub.isoformat()


def _since_month(m: re.Match[str], pub: dt.date) -> str | None:
    mo = _MONTHS[m.group("mo").rstrip(".")]
    year = _year_of(m, pub)
    if year is None:
        year = _latest_start(pub, mo)
    if (year, mo) > (pub.year, pub.month):
        return None
    return f"{year}-{mo:02d}/{pub.year}-{pub.month:02d}"


def _ytd(m: re.Match[str], pub: dt.date) -> str:
    return f"{pub.year}-01" if pub.month == 1 else f"{pub.year}-01/{pub.year}-{pub.month:02d}"


def _span_years(m: re.Match[str], pub: dt.date) -> str | None:
    n = _int(m.group("n"))
    if n < 1:
        return None
    if _g(m, "fut"):
        return f"{pub.year + 1}/{pub.year + n}" if n > 1 else str(pub.year + 1)
    return f"{pub.year - n}/{pub.year - 1}" if n > 1 else str(pub.year - 1)


def _int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], dt.date], str | None]]


def _rules() -> list[_Rule]:
    weekday = "|".join(_WEEKDAYS)
    raw: list[tuple[str, Callable[[re.Match[str], dt.date], str | None]]] = [
        # intervals first: the longest reading of a phrase wins overlaps anyway
        (
            _B
            + r"(?:from |between |de |d'|entre )?(?P<ya>"
            + _YEAR
            + r")(?: ?(?:-|/|to|and|a|au|et) ?(?P<yb>"
            + _YEAR
            + r")|[-/](?P<yb2>\d{2}))"
            + _E,
            _year_range,
        ),
        (
            _B + r"(?:from |between |de |d'|entre |in |en |for |during |over |pour |sur |durant )?"
            r"(?P<ma>" + _MONTH + r") ?(?:-|to|through|and|a|au|et) ?"
            r"(?P<mb>" + _MONTH + r")" + _E + _YSUF,
            _month_range,
        ),
        (
            _B
            + r"(?:from |between |de |d'|entre )?(?P<ma>"
            + _MONTH
            + r") (?P<ya>"
            + _YEAR
            + r") ?(?:-|to|through"
            r"|and|a|au|et|jusqu'en|jusqu'a) ?(?P<mb>" + _MONTH + r") (?P<yb>" + _YEAR + r")" + _E,
            _month_year_range,
        ),
        (
            _B + r"(?:the )?first (?P<n>" + _NUM + r") months" + _E + _YSUF,
            _first_months,
        ),
        (
            _B + r"(?:les )?(?P<n>" + _NUM + r") premiers mois" + _E + _YSUF,
            _first_months,
        ),
        (
            _B + r"(?:the )?first (?P<nq>" + _NUM + r") quarters" + _E + _YSUF,
            _first_quarters,
        ),
        # "the nine months to September", "nine months ended September 30, 2025", "les neuf mois à fin
        # septembre": the n months ending with that month
        (
            _B + r"(?:the |les |des )?(?P<n>" + _NUM + r") (?:months|mois) (?:to|ended|ending|through|until|"
            r"up to|a fin|a la fin|jusqu'a fin|jusqu'a la fin|clos fin|clos a fin|arretes a fin|"
            r"(?:clos |arretes )?(?:au|le) [0-3]?\d(?:er)?) (?:the end of |(?:the )?end-)?(?P<mo>"
            + _MONTH
            + r")"
            + _E
            + r"(?: [0-3]?\d(?:st|nd|rd|th)?"
            + _E
            + r")?(?:,? (?P<y>"
            + _YEAR
            + r")"
            + _E
            + r")?",
            _months_to,
        ),
        # "the year ended June 30, 2024", "the quarter ended September 30", "le trimestre clos le 30
        # septembre", "the fiscal year ending March 2025", "l'exercice clos fin mars 2024"
        (
            _B
            + r"(?:the |le |la |l')?(?:(?P<fiscal>(?:fiscal|financial) year|exercice(?: fiscal| budgetaire)?)"
            r"|(?P<unit>year|annee|quarter|trimestre|half[- ]year|half|semestre)) "
            r"(?:ended|ending|closed|closing|clos|close|cloture|arrete|acheve|achevee|termine|terminee|"
            r"s'achevant|se terminant)(?: (?:on|le|au|a|fin|a fin|en))?"
            r"(?: (?:the )?[0-3]?\d(?:er|st|nd|rd|th)?(?: of)?)? (?P<mo>"
            + _MONTH
            + r")"
            + _E
            + r"(?: [0-3]?\d(?:st|nd|rd|th)?"
            + _E
            + r")?"
            r"(?:,? (?P<y>" + _YEAR + r")" + _E + r")?",
            _unit_ended,
        ),
        # "the year to June": the 12 months to June or the year to date; the guidelines settle neither
        (
            _B
            + r"(?:the )?year to (?:the end of |end-)?"
            + _MONTH
            + _E
            + r"(?: [0-3]?\d(?:st|nd|rd|th)?"
            + _E
            + r")?(?:,? "
            + _YEAR
            + _E
            + r")?",
            _unreadable,
        ),
        # relative to another figure's period, which the phrase alone does not give (guidelines 5.2, 5.12)
        (
            _B + r"(?:(?:a|one) year (?:earlier|before|ago)|un an (?:plus tot|auparavant)|"
            r"(?:the )?same (?:period|quarter|month|half|months|time) (?:of |in |a )?(?:the )?"
            r"(?:last year|the previous year|the prior year|a year (?:earlier|before|ago)|" + _YEAR + r")|"
            r"(?:la |le )?(?:meme|memes) (?:periode|trimestre|mois|semestre) (?:de |d')?(?:l'an dernier|"
            r"l'annee derniere|l'annee precedente|l'an passe|un an plus tot|" + _YEAR + r"))" + _E,
            _unreadable,
        ),
        # runner-style: "2024 Q3", "2024-q3", "2024Q3", "2024 T3", "2024 H1"
        (_B + r"(?P<y>" + _YEAR + r")[ /-]?(?P<k>[qths])(?P<n>[1-4])" + _E, _year_first_unit),
        # ISO-like intervals: "2024-01 to 2024-09", "2024-01 / 2024-09", "2024-Q1 to 2024-Q3"
        (
            _B
            + r"(?:from |between |de |du |entre )?(?P<a>"
            + _ISO_TOKEN
            + r") ?(?:/|-|to|through|until|and|a|au|et) ?"
            r"(?P<b>" + _ISO_TOKEN + r")" + _E,
            _iso_interval,
        ),
        # "9M 2025", "9M25" (earnings releases), "9 mois 2025": the first n months, a year required
        (
            _B + r"(?:(?P<n>[1-9]|1[01])m(?: ?(?P<y>" + _YEAR + r")|(?P<y2>\d{2}))|(?P<nf>[1-9]|1[01]) mois "
            r"(?:de |d'|en )?(?P<yf>" + _YEAR + r"))" + _E,
            _n_months_of_year,
        ),
        (
            _B + r"(?:les )?(?P<nq>" + _NUM + r") premiers trimestres" + _E + _YSUF,
            _first_quarters,
        ),
        (_B + r"(?<![/.])(?P<mo>0?[1-9]|1[0-2])/(?P<y>" + _YEAR + r")" + _E, _numeric_month),
        (
            _B + r"(?P<y>" + _YEAR + r")(?P<sep>[/.-])(?P<mo>0?[1-9]|1[0-2])(?P=sep)(?P<d>[0-3]?\d)(?![0-9])",
            _year_first_date,
        ),
        (
            _B + r"(?:year[ -]to[ -]date|ytd|so far this year|since the (?:beginning|start) of the year|"
            r"depuis le debut de l'annee|depuis le debut de cette annee)" + _E,
            _ytd,
        ),
        (
            _B + r"(?:(?P<fut>(?:over |in |during )?the next|au cours des|dans les|pour les)|"
            r"(?:over |in |during )?the (?:past|last)|(?:au cours )?(?:des|les)) (?P<n>" + _NUM + r") "
            r"(?:years|(?(fut)prochaines annees|dernieres annees))" + _E,
            _span_years,
        ),
        # days
        (
            _B
            + r"(?P<mo>"
            + _MONTH
            + r") (?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
            + _E
            + r"(?:,? (?P<y>"
            + _YEAR
            + r")(?!\d))?",
            _day,
        ),
        (
            _B
            + r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)? (?:of )?(?P<mo>"
            + _MONTH
            + r")"
            + _E
            + r"(?: (?P<y>"
            + _YEAR
            + r")(?!\d))?",
            _day,
        ),
        # quarters and halves
        (
            _B
            + r"(?:(?:(?:q|t)(?P<qa>[1-4])|(?P<qb>[1-4])q)(?:[/-]?(?P<y2>\d{2}))?|(?:the )?(?P<qo>"
            + _ORD
            + r")[ -]quarter|(?:le |au |du )?(?P<qf>"
            + _ORD
            + r") (?:trimestre|trim\.))"
            + _E
            + _YSUF,
            _quarter,
        ),
        # "3T 2025" (French): a year is required, "3t" alone is three tonnes
        (_B + r"(?P<qb>[1-4])t[ /-]?(?:(?P<y>" + _YEAR + r")|(?P<y2>\d{2}))" + _E, _quarter),
        # quarter ranges: "Q1-Q3 2025", "between Q2 and Q3", "the second and third quarters"
        (
            _B + r"(?:from |between |de |d'|entre |in |en )?"
            r"(?:(?:q|t)(?P<qa1>[1-4]) ?(?:-|to|through|and|a|au|et) ?"
            r"(?:q|t)(?P<qb1>[1-4])|(?:the )?(?P<qa2>"
            + _ORD
            + r") (?:and|to|through) (?:the )?(?P<qb2>"
            + _ORD
            + r") quarters|(?:les |aux |des )?(?P<qa3>"
            + _ORD
            + r") (?:et|au) (?P<qb3>"
            + _ORD
            + r") trimestres)"
            + _E
            + _YSUF,
            _quarter_range,
        ),
        (
            _B + r"(?:(?:h|s)(?P<ha>[12])|(?P<hb>[12])h(?:[/-]?(?P<y2>\d{2}))?|"
            r"(?:the )?(?P<ho>first|second|1st|2nd)[ -]half|"
            r"(?:le |au |du )?(?P<hf>premier|1er|second|deuxieme|2e|2eme) semestre|"
            r"(?P<hsix>(?:the )?first six months|(?:les )?six premiers mois))" + _E + _YSUF,
            _half,
        ),
        # "since January": from that month to the month of publication
        (
            _B
            + r"(?:since|depuis) (?:(?:the )?(?:beginning|start) of |le debut de |debut )?(?P<mo>"
            + _MONTH
            + r")"
            + _E
            + _YSUF,
            _since_month,
        ),
        # months
        (
            _B
            + r"(?:(?:(?P<pre>in|en|since|depuis|early|late|mid|end|fin|debut|of|de|d'|du|au)"
            + r"|(?P<fut>by|until|till|through|before|d'ici|d'ici a|jusqu'en|jusqu'a|avant)) )?(?P<mo>"
            + _MONTH
            + r")"
            + _E
            + _YSUF,
            _month,
        ),
        # fiscal years
        (
            _B + r"(?:fy ?|(?:fiscal|financial) (?:year )?|exercice (?:fiscal |budgetaire )?|annee fiscale )"
            r"(?P<fy>(?:19|20)\d{2}|\d{2})(?:[/-](?P<fy2>(?:19|20)\d{2}|\d{2}))?" + _E,
            _fiscal,
        ),
        # "the 2023-24 financial year", "the 2023/24 fiscal year"
        (
            _B + r"(?:the )?(?P<fy>(?:19|20)\d{2})(?:[/-](?P<fy2>(?:19|20)\d{2}|\d{2}))? "
            r"(?:financial|fiscal) year" + _E,
            _fiscal,
        ),
        # relative units
        (_B + r"(?P<yrel>" + _REL_YEAR + r")" + _E, _rel_year),
        (
            _B + r"(?:(?P<prev>last quarter|the previous quarter|the prior quarter|the preceding quarter|"
            r"le trimestre precedent|le trimestre dernier|le dernier trimestre)|"
            r"this quarter|the current quarter|ce trimestre|le trimestre en cours)" + _E,
            _rel_quarter,
        ),
        (
            _B + r"(?:(?P<prev>last month|the previous month|the prior month|le mois dernier|"
            r"le mois precedent)|this month|ce mois-ci|le mois en cours)" + _E,
            _rel_month,
        ),
        (
            _B + r"(?:on |last |le |ce )?(?P<rd>yesterday|hier|today|aujourd'hui|" + weekday + r")"
            r"(?: dernier)?" + _E,
            _rel_day,
        ),
        # bare years last (never the end of a numeric date: "31/02/2025" is no period)
        (_B + r"(?<![0-9][/.-])(?:in |en |year |l'annee |the year )?(?P<y>" + _YEAR + r")" + _E, _year),
    ]
    return [(re.compile(p), fn) for p, fn in raw]


_RULES = _rules()

_LangRule = tuple[re.Pattern[str], Callable[[re.Match[str], dt.date, Lang | None], str | None]]
# Rules whose reading depends on the language.
_LANG_RULES: list[_LangRule] = [
    (
        re.compile(
            _B + r"(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>" + _YEAR + r")(?![0-9])"
        ),
        _numeric_date,
    ),
]
