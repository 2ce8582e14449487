"""The rule-based bilingual baseline: the honest floor every extractor must beat.

Deterministic, no network, EN and FR, built only on the shared normalizers (bench.normalize) and the cue
lists of runners.baseline_rules. For each document:

1. Text before the first occurrence of the title is page boilerplate (navigation, related headlines) and is
   skipped. The rest is cut into sentences (line breaks, and ``.!?`` before a capital).
2. Every number (bench.normalize.find_numbers, scale words applied) is a candidate, except: numbers inside
   a date or period phrase (years, days, quarters), bare four-digit years, durations and ages (``5 years``,
   ``45 ans``), phone numbers, and numbers with no unit -- unless they carry a scale word or are at least
   ``min_count`` and followed by a noun (then unit ``count``). Identifiers (``L3``) and ordinals never come
   out of find_numbers; nor does a count below 10 with no scale word. So ``three offices``/``3 offices``
   is not a claim.
3. A unit is the currency symbol or code before the number, or the unit words after it (bench.normalize
   units: currencies, percent, pp, index points, physical units, counted nouns).
4. A number preceded by a word of change (``up``, ``a surge of``, ``hausse de``; not ``fell to``, which
   gives the new level), followed by a comparative (``8.4% more than``, ``5 800 de moins qu'``) or directly
   followed by a year-on-year marker is a change; a rate brought to a level (``slowed to 2.1% year on
   year``, ``à 2,1 % sur un an``) is a level, and a change word before a colon does not reach past it. It is
   a year-on-year change when the sentence holds a YoY marker (``year on year``, ``from a year earlier``,
   ``en glissement annuel``, ``sur un an``, ``soit une augmentation annuelle de``...) or compares with a
   period one year before the figure's (``up 2.3% from 2018`` for a 2019 figure), unless the change names
   its own other base before the next number (``rose 0.8% in March from February``, ``from the previous
   month``, ``on the day``); otherwise it is a non-YoY change, which is not a claim. A non-percent amount is
   a change only after a change word and ``by``/``de`` (``rose by $3bn``) or a comparative. A YoY change is
   attached to the nearest value of its clause (preferring the one before it; ``;``, ``while``,
   ``whereas``, ``tandis que``, ``alors que`` followed by a new subject start a clause); with no value it is
   a change-only claim.
5. A money amount in parentheses right after another value (``(about 2.32 billion U.S. dollars)``) is a
   conversion, and ``, or 4%``/``, soit 4 %`` after a value a restatement: neither is a claim of its own.
   Two values joined by a dash/``to``/``and`` with the same unit are one range claim. A level given as a
   comparison base (``from 7.4% in July``, ``after 3.4%``, ``contre 4,6 % un an plus tôt``, ``against
   162.1 billion in the same period of 2023``) is a claim of its own, for the period written after it or
   the sentence's period moved to the year given; a base with no unit takes the previous figure's unit.
   A base whose nearest earlier figure of its unit is a change restates that change for another period
   (``rose 2.4% in May from a year earlier, after 2.1% in April``, ``following``, ``compared with``,
   ``contre``): a change of the same kind (YoY or not), direction and metric, never attached to a value.
6. Qualifier from the words just before the number: ``more than``/``surpassed``/``plus de``/``dépassé`` ->
   lower_bound, ``about``/``environ`` -> approx, ``nearly``/``près de`` -> upper_bound, else exact.
7. Period: the period phrase of the sentence nearest to the number (bench.normalize.find_periods, relative
   phrases resolved against ``published``), ignoring phrases inside the YoY marker, comparison bases
   (``from April 2021``, ``level with the previous quarter``) and phrases that date a record (``its highest
   since 1992``); none -> the period of the paragraph's previous dated reported figure (newswire dates a
   paragraph once), else null. ``The previous quarter/month/year``, ``le trimestre précédent`` are the
   one before the period of that kind the sentence, else the paragraph, reports (not before
   ``published``); a date ending a fiscal year (``the fiscal year, which ended on Sept. 30``) is that
   fiscal year. A comparison base is dated by the phrase written after it (``contre 4,9 % attendu en
   2024``), or a year back from the figure's period (``a year earlier``, ``in the same period last
   year``), else it shares the figure's; its period dates no other figure. A forecast period written
   after another number with a verb of its own (``employs 9,800 people and plans to cut 1,450 jobs by
   2026``) dates that number's predicate only; a present-tense stock (``employs``, ``compte``) takes no
   period from the paragraph (guideline 2.6).
8. Metric: the noun phrase before the verb that introduces the number, from the start of its clause
   (``the output value of Shenzhen's AI industry``), past appositions (``The company, founded in 1990,``)
   and the verb group (``a dégagé un bénéfice net`` -> ``bénéfice net``), without determiners, period
   phrases, counts or trailing words like ``record``/``total``; what the unit counts when the text says so
   (``318,000 tonnes of crude steel`` -> ``crude steel``); the counted noun after the number when the
   clause belongs to an earlier figure (``including 18,500 electric models``); the action's noun when an
   agent spends, sells, exports... the amount (``Tourists spent £310m`` -> ``spending by Tourists``).
9. Evidence: from the metric (or the number) to the end of the last piece of the claim (unit, YoY change
   and its marker).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import ClassVar, Literal

from bench.normalize import (
    NORMALIZER_VERSION,
    PeriodMatch,
    currency_before,
    find_numbers,
    find_periods,
    is_decrease,
    unit_at,
)
from bench.normalize.text import fold
from bench.periods import period_bounds
from bench.types import Evidence, InputDocument, Lang, PredictedClaim
from runners import baseline_rules as R
from runners.base import BaseRunner
from runners.baseline_metric import Sentence, Span, has_verb, metric_before, noun_after, of_phrase

Kind = Literal["value", "yoy", "skip"]
Role = Literal["reported", "base", "stock"]
"""A claim's part in its paragraph: a figure the text reports (its period dates the paragraph's next
undated figures), a comparison base (its period dates nothing else), or a present-tense stock ("employs
9,800 people": undated unless its own sentence dates it, guideline 2.6)."""


@dataclass(frozen=True)
class BaselineConfig:
    """Settings of the baseline runner."""

    skip_before_title: bool = True
    """Ignore the text before the first occurrence of the title (page navigation, related headlines)."""
    min_count: float = 1000.0
    """A number with no known unit is kept as a count when it is at least this and a noun follows it."""
    carry_period: bool = True
    """A figure whose sentence names no period takes that of the paragraph's previous dated figure."""


class BaselineRunner(BaseRunner):
    """Rule-based EN/FR extractor over the shared normalizers (rules in the module docstring)."""

    name: ClassVar[str] = "baseline"
    version: ClassVar[str] = f"3+norm{NORMALIZER_VERSION}"
    """Its rules' version, then that of the normalizers it is built on: either changing starts a new run."""
    description: ClassVar[str] = (
        "Rule-based bilingual baseline (numbers, units, periods, YoY cues); no network"
    )
    io_bound: ClassVar[bool] = False
    Config: ClassVar[type[BaselineConfig]] = BaselineConfig

    def __init__(self, config: BaselineConfig | None = None) -> None:
        super().__init__(config)
        self.config: BaselineConfig = config if config is not None else BaselineConfig()

    def extract(self, document: InputDocument) -> list[PredictedClaim]:
        return extract_claims(document, self.config)


def extract_claims(doc: InputDocument, config: BaselineConfig | None = None) -> list[PredictedClaim]:
    """The baseline's claims for one document, in text order."""
    cfg = config if config is not None else BaselineConfig()
    start = body_start(doc.text, doc.title) if cfg.skip_before_title else 0
    claims: list[PredictedClaim] = []
    carry: str | None = None  # the period of the paragraph's last dated figure (not a comparison base)
    prev_end = start
    for s_start, s_end in sentences(doc.text, start):
        if "\n" in doc.text[prev_end:s_start]:
            carry = None  # a new paragraph
        prev_end = s_end
        context = carry if cfg.carry_period else None
        for claim, role in _sentence_claims(doc, s_start, s_end, cfg, context):
            if claim.period is None and context is not None and role != "stock":
                claim = replace(claim, period=context)
            if role == "reported":
                carry = claim.period or carry
            claims.append(claim)
    return claims


def body_start(text: str, title: str) -> int:
    """Offset of the first occurrence of the title in text (exact, then ignoring case, accents and
    spacing); 0 when the title is not found."""
    t = title.strip()
    if not t:
        return 0
    i = text.find(t)
    if i >= 0:
        return i
    pattern = r"\s+".join(re.escape(w) for w in fold(t).split())
    m = re.search(pattern, fold(text))
    return m.start() if m else 0


_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"»”]?\s+(?=[\"«“]?[A-ZÀ-Ý])")


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence of text from offset start, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start):
        out.extend(_trimmed(text, pos, m.start()))
        pos = m.end()
    out.extend(_trimmed(text, pos, len(text)))
    return out


def _trimmed(text: str, a: int, b: int) -> list[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return [(a, b)] if a < b else []


@dataclass(frozen=True)
class _Mention:
    start: int  # number span, sentence coordinates
    end: int
    value: float
    unit: str | None
    left: int  # with a currency symbol before
    right: int  # with the unit words after
    kind: Kind
    qualifier: str
    paren: bool
    base: bool = False  # a comparison base ("from 4.6% a year earlier", "contre 162 milliards en 2023")
    base_year: int | None = None  # its year when the text gives it as "the same period of 2023"
    year_back: bool = False  # its period is the one a year before the other figure's ("a year earlier")
    own_period: PeriodMatch | None = None  # the period written right after it ("from 7.4% in July")
    restates: _Mention | None = None  # the change a comparison base restates for another period


def _sentence_claims(
    doc: InputDocument, s_start: int, s_end: int, cfg: BaselineConfig, context: str | None = None
) -> list[tuple[PredictedClaim, Role]]:
    """The claims of one sentence, each with its role; context is the period the paragraph reports
    before the sentence."""
    s = doc.text[s_start:s_end]
    numbers = find_numbers(s, doc.lang, spelled=True)
    if not numbers:
        return []
    folded = fold(s)
    if not any(_may_be_quantity(s, folded, n.start, n.end, n.value, doc.lang, cfg) for n in numbers):
        return []  # dates, small counts, identifiers only: skip reading the sentence's periods
    markers = tuple((m.start(), m.end()) for m in R.YOY_MARKER.finditer(folded))
    found = _anchored(_fiscal_ended(find_periods(s, doc.lang, doc.published), folded), s, context)
    figure_periods = [
        p for p in found if not _inside_any(p.start, p.end, markers) and not _base_period(folded, p)
    ]
    bases = {p.period for p in found if R.BASE_PERIOD_BEFORE.search(folded, max(0, p.start - 40), p.start)}
    period_spans = tuple((p.start, p.end) for p in found)
    phones = [(m.start(), m.end()) for m in R.PHONE.finditer(s) if R.PHONE_CUE.search(folded, 0, m.end())]
    candidates = [
        n
        for n in numbers
        if not _inside_any(n.start, n.end, period_spans) and not _inside_any(n.start, n.end, phones)
    ]
    sent = Sentence(
        text=s,
        folded=folded,
        base=s_start,
        lang=doc.lang,
        markers=markers,
        dated_yoy=any(_shift_years(p.period, -1) in bases for p in figure_periods),
        periods=tuple(figure_periods),
        period_spans=period_spans,
        all_periods=tuple(found),
        context=context,
        published=doc.published,
        numbers=tuple((n.start, n.end) for n in candidates),
    )
    mentions: list[_Mention] = []
    prev_end = 0
    for i, n in enumerate(candidates):
        stop = candidates[i + 1].start if i + 1 < len(candidates) else len(s)
        mention = _mention(sent, n.start, n.end, n.value, n.text, prev_end, stop, cfg)
        if mention is None:
            continue
        mention = _restated(sent, mention, mentions)
        if mention.base:
            mention = _restating_change(sent, mention, mentions)
        if mention.unit is None and mentions and mentions[-1].kind == "value":  # "against 162.1 billion"
            mention = replace(mention, unit=mentions[-1].unit)
        mentions.append(mention)
        prev_end = mention.right
    return _assemble(sent, mentions)


def _may_be_quantity(
    s: str, folded: str, start: int, end: int, value: float, lang: Lang, cfg: BaselineConfig
) -> bool:
    """A cheap necessary condition for _mention to keep a number: a unit, a scale word, or a large value."""
    return (
        abs(value) >= cfg.min_count
        or unit_at(s, end, lang) is not None
        or currency_before(s, start) is not None
        or R.SCALE_WORD.search(folded, start, end) is not None
    )


def _mention(
    sent: Sentence,
    start: int,
    end: int,
    value: float,
    text: str,
    prev_end: int,
    stop: int,
    cfg: BaselineConfig,
) -> _Mention | None:
    """Classify one number of a sentence (stop: where the next number starts), or None when it is not a
    quantity at all."""
    s, folded = sent.text, sent.folded
    if R.DURATION_AFTER.match(folded, end) or R.AGE_BEFORE.search(folded, max(0, start - 25), start):
        return None
    cur = currency_before(s, start)
    after = unit_at(s, end, sent.lang)
    unit: str | None = None
    left, right = start, end
    if after is not None and (cur is None or after[0] in ("percent", "pp")):
        unit, right = after[0], after[2]
    elif cur is not None:
        unit, left = cur
    scaled = R.SCALE_WORD.search(fold(text)) is not None
    if unit is None:
        if re.fullmatch(r"(?:19|20)\d\d", text):
            return None
        noun = re.match(r"\s+(?:de |d')?([a-z]+)", folded[end:])
        range_start = re.match(r"\s*(?:-|to|and|a|et|au)\s*[\d$€£]", folded[end:]) is not None
        named_count = R.NUMBER_OF.search(folded, max(0, start - 80), start) is not None
        noun_follows = noun is not None and not (
            noun.group(1) in R.CONNECTORS or noun.group(1) in R.OF_PHRASE_END
        )
        if not scaled and not range_start:
            if not (abs(value) >= cfg.min_count and (noun_follows or named_count)):
                return None
            unit = "count"
        elif (
            scaled and (noun_follows or named_count) and not (noun and noun.group(1) in R.AMBIGUOUS_CURRENCY)
        ):
            unit = "count"  # "9.4 million subscriptions": a scaled number of things
    if unit == "count" and not scaled and abs(value) < 10:
        return None  # "3 offices": a narrative count (newswire spells small counts; digits here are rare)
    window = folded[max(prev_end, left - 60) : left]
    if R.BASE_BEFORE.search(window):
        return _base_mention(sent, start, end, value, unit, left, right, window)
    comparative = R.COMPARATIVE.match(folded, right)
    after_pos = comparative.end() if comparative else _skip_space(folded, right)
    marker_after = R.YOY_MARKER.match(folded, after_pos) is not None
    compared = (
        comparative is not None and re.match(r"(?:than|que|qu')", folded[comparative.end() :]) is not None
    )
    less = comparative is not None and (marker_after or compared) and comparative.group("cmp") in R.LESS
    if unit in ("percent", "pp", "points"):
        clause = re.split(r"[:;]", window)[-1]  # "Punctuality improved: 81% of flights": no change
        cue = R.CHANGE_WORD.search(_last_words(clause, 6)) and not R.LEVEL_LINK.search(window)
        is_change = (bool(cue) or marker_after or compared) and not _level_to(s, left, window)
    else:
        is_change = bool(R.CHANGE_BY.search(window)) or marker_after or compared
    kind: Kind = "value"
    if is_change:
        yoy = (sent.markers or sent.dated_yoy) and not _own_non_yoy_base(sent, start, right, stop)
        kind = "yoy" if yoy else "skip"
    if kind == "yoy" and (less or is_decrease(_last_words(window, 6))) and value > 0:
        value = -value
    paren = folded.rfind("(", 0, left) > folded.rfind(")", 0, left)
    return _Mention(start, end, value, unit, left, right, kind, _qualifier(window), paren)


def _base_mention(
    sent: Sentence, start: int, end: int, value: float, unit: str | None, left: int, right: int, window: str
) -> _Mention:
    """A level given as a comparison base: its period is written after it ("in July"), or is the other
    figure's one year back ("a year earlier", "in the same period last year") or in the year given ("the
    same period of 2023"). A period phrase written right after it dates the base only."""
    mention = _Mention(start, end, value, unit, left, right, "value", _qualifier(window), False, base=True)
    own = next((p for p in sent.all_periods if right <= p.start <= _skip_words(sent.folded, right)), None)
    mention = replace(mention, own_period=own)
    if R.YEAR_EARLIER_AFTER.match(sent.folded, right):
        return replace(mention, year_back=True)
    same = R.SAME_PERIOD_AFTER.match(sent.folded, right)
    if same:
        return replace(mention, base_year=int(same.group("y")))
    return mention


def _level_to(s: str, left: int, window: str) -> bool:
    """A rate brought to a level ("slowed to 2.1% year on year", "a ralenti à 2,1 % sur un an"): a level,
    the YoY marker saying what kind of rate it is. The English article "a" is no link ("a 4% rise")."""
    link = R.LEVEL_LINK.search(window)
    if link is None:
        return False
    word = s[left - len(window) + link.start() : left].split()[0].lower()
    return word != "a"


def _own_non_yoy_base(sent: Sentence, left: int, right: int, stop: int) -> bool:
    """A change that names its own base, other than a year back, between it and the next number (or a
    ``;``), with no YoY marker there: "rose 0.8% in September from August", "fell 0.5% from the previous
    month", "up 2.9% on the day". Such a change is not year on year, whatever else the sentence says."""
    if R.NON_YOY_AFTER.match(sent.folded, right):
        return True
    semicolon = sent.folded.find(";", right, stop)
    stop = semicolon if semicolon >= 0 else stop
    if any(right <= a < stop for a, _ in sent.markers):
        return False
    if R.NON_YOY_AFTER.search(sent.folded, right, stop):
        return True
    bases = [p for p in sent.all_periods if right <= p.start < stop and _base_period(sent.folded, p)]
    if not bases:
        return False
    own = _nearest_period(left, right, sent.periods)
    return own is not None and any(p.period != _shift_years(own, -1) for p in bases)


def _restating_change(sent: Sentence, m: _Mention, earlier: list[_Mention]) -> _Mention:
    """A comparison base whose nearest earlier figure of its unit is a change restates that change for
    another period ("rose 2.4% in May from a year earlier, after 2.1% in April", "contre 0,9 % en août"):
    a change of the same kind (YoY or not), unit, direction and metric; otherwise it stays a level."""
    if m.unit is None:
        restated = earlier[-1] if earlier else None
    else:
        restated = next((e for e in reversed(earlier) if e.unit == m.unit), None)
    if restated is None or restated.kind == "value":
        return m
    value = -m.value if restated.value < 0 < m.value else m.value
    root = restated.restates or restated
    return replace(m, kind=restated.kind, unit=restated.unit, value=value, restates=root)


def _skip_words(folded: str, pos: int) -> int:
    """Where a period phrase may start right after pos: past spaces, commas, a participle of forecast
    ("expected", "attendu") and a preposition ("in", "for", "at the end of", "lors de l'", "fin")."""
    m = R.OWN_PERIOD_LEAD.match(folded, pos)
    return m.end() if m else pos


def _qualifier(window: str) -> str:
    """Rule 6: the qualifier the words just before a number give; exact when none."""
    for name, rx in R.QUALIFIER_BEFORE:
        if rx.search(window):
            return name
    return "exact"


def _base_period(folded: str, p: PeriodMatch) -> bool:
    """A period phrase that names the comparison base ("from April 2021") or dates a record ("highest since
    1992"), not the figure's period."""
    before = max(0, p.start - 40)
    return (
        R.BASE_PERIOD_BEFORE.search(folded, before, p.start) is not None
        or R.REFERENCE_PERIOD_BEFORE.search(folded, before, p.start) is not None
    )


def _restated(sent: Sentence, m: _Mention, earlier: list[_Mention]) -> _Mention:
    """A conversion in parentheses or a restatement (``, or 4%``) of the previous value is skipped."""
    prev = next((e for e in reversed(earlier) if e.kind != "skip"), None)
    if prev is None or prev.kind != "value" or m.kind != "value":
        return m
    gap = sent.folded[prev.right : m.left]
    if m.paren and re.fullmatch(r"\s*\(\s*(?:[a-z' ]{0,20})", gap):
        return replace(m, kind="skip")
    if R.RESTATEMENT_GAP.match(gap):
        return replace(m, kind="skip")
    return m


def _assemble(sent: Sentence, mentions: list[_Mention]) -> list[tuple[PredictedClaim, Role]]:
    values = [m for m in mentions if m.kind == "value"]
    # ranges: two values joined by a dash/to/and with the same unit
    merged: list[tuple[_Mention, _Mention | None]] = []
    for m in values:
        if merged and merged[-1][1] is None:
            first = merged[-1][0]
            gap = (
                sent.folded[first.right : m.left]
                if first.right > first.end
                else sent.folded[first.end : m.left]
            )
            if R.RANGE_GAP.match(gap) and first.unit in (None, m.unit):
                merged[-1] = (first, m)
                continue
        merged.append((m, None))
    yoys: dict[int, _Mention] = {}
    orphans: list[_Mention] = []
    for y in (m for m in mentions if m.kind == "yoy"):
        target = None if y.base else _nearest_value(sent, y, [a for a, _ in merged], set(yoys))
        if target is None:
            orphans.append(y)
        else:
            yoys[target] = y
    spans = {id(m): _span(sent, m) for m in mentions}

    def before(x: _Mention) -> list[Span]:
        return [spans[id(o)] for o in mentions if o is not x and spans[id(o)][1] <= x.left]

    claims = [
        (*_claim(sent, m, high, yoys.get(i), before(m), values), _role(sent, m))
        for i, (m, high) in enumerate(merged)
    ]
    owned = _owned_periods(mentions)
    claims += [(*_change_only(sent, y, before(y), owned), _role(sent, y)) for y in orphans]
    claims.sort(key=lambda c: c[0])
    return [(c, role) for _, c, role in claims]


def _role(sent: Sentence, m: _Mention) -> Role:
    """A comparison base, a present-tense stock (its verb right before it: "employs about", "compte",
    "has a capacity of"), or a reported figure."""
    if m.base:
        return "base"
    if m.kind == "value" and R.PRESENT_STOCK_BEFORE.search(sent.folded, max(0, m.left - 40), m.left):
        return "stock"
    return "reported"


def _span(sent: Sentence, m: _Mention) -> Span:
    """The stretch of text a mention occupies: a change from its change word to its marker."""
    if m.kind == "value":
        return m.left, m.right
    return min(_change_word_start(sent.folded, m), m.left), _marker_end(m, sent.markers)


def _nearest_value(sent: Sentence, y: _Mention, values: list[_Mention], taken: set[int]) -> int | None:
    """The value a YoY change belongs to: the nearest free one of its clause, preferring one before it."""
    before = [
        i
        for i, v in enumerate(values)
        if v.right <= y.left and i not in taken and not _clause_split(sent.folded, v.right, y.left)
    ]
    if before:
        return before[-1]
    after = [
        i
        for i, v in enumerate(values)
        if v.left >= y.right and i not in taken and not _clause_split(sent.folded, y.right, v.left)
    ]
    return after[0] if after else None


def _clause_split(folded: str, a: int, b: int) -> bool:
    """Between a and b a new clause with its own subject starts (", while exports", "; les
    importations", ", tandis que"): a figure on one side does not belong to the other. A pronoun subject
    ("; elles ont progressé") continues the same figure."""
    return any(
        R.SUBJECT_PRONOUN.match(folded, m.end()) is None for m in R.CLAUSE_SPLIT.finditer(folded, a, b)
    )


def _claim(
    sent: Sentence,
    m: _Mention,
    high: _Mention | None,
    y: _Mention | None,
    skip: list[Span],
    values: list[_Mention],
) -> tuple[int, PredictedClaim]:
    others = [v for v in values if not v.base]
    if m.base and others:  # a comparison base measures what the sentence's other figure measures
        nearest = min(others, key=lambda v: (abs(v.left - m.left), v.left))
        metric, _ = metric_before(sent, nearest.left, [])
        metric_start: int | None = None
    else:
        metric, metric_start = metric_before(sent, m.left, skip)
    if metric_start is not None and any(
        v.start < m.left and v.right > metric_start for v in values if v is not m
    ):
        metric, metric_start = (
            noun_after(sent, m.end, m.unit),
            None,
        )  # the phrase found belongs to an earlier figure
    found_of = of_phrase(sent, m.end, m.right) if m.unit not in ("percent", "pp") and not m.base else None
    if found_of is not None:  # "318,000 tonnes of crude steel": what is counted names the figure
        metric = found_of
    if m.unit not in ("percent", "pp") and not m.base:
        metric = _action_metric(sent, m.left, metric, found_of) or metric
    end = (high or m).right
    yoy_change = yoy_unit = None
    if y is not None:
        yoy_change, yoy_unit = y.value, _yoy_unit(y.unit, m.unit)
        end = max(end, _marker_end(y, sent.markers))
    start = metric_start if metric_start is not None else m.left
    claim = PredictedClaim(
        metric=metric,
        value=m.value,
        value_high=high.value if high is not None else None,
        unit=m.unit if m.unit is not None or high is None else high.unit,
        period=_claim_period(m, values, sent),
        yoy_change=yoy_change,
        yoy_unit=yoy_unit,
        qualifier="range" if high is not None else m.qualifier,
        evidence=_evidence(sent, start, end),
    )
    return sent.base + start, claim


def _action_metric(sent: Sentence, left: int, subject: str | None, counted: str | None) -> str | None:
    """An agent's action whose object is the amount names the figure: "Tourists spent £310m" -> "spending
    by Tourists", "exported 8.4 TWh of electricity" -> "electricity exports" (FR: "dépenses de touristes",
    "exportations d'électricité"); None when no such verb introduces the number."""
    before = sent.folded[max(0, left - 40) : left]
    found = R.ACTION_BEFORE.search(before)
    noun = R.ACTION_NOUNS[sent.lang].get(found.group("verb")) if found else None
    if found is None or noun is None or R.REFLEXIVE_BEFORE.search(before, 0, found.start()):
        return None
    if sent.lang == "fr":
        named = counted or subject
        if named is None:
            return noun
        return f"{noun} d'{named}" if named[:1].lower() in "aeiouéèêh" else f"{noun} de {named}"
    if counted is not None:
        return f"{counted} {noun}"
    return f"{noun} by {subject}" if subject else noun


def _change_only(
    sent: Sentence, y: _Mention, skip: list[Span], owned: set[Span]
) -> tuple[int, PredictedClaim]:
    """A YoY change with no value of its own; a restated change takes the metric of the change it
    restates and the period of a comparison base."""
    metric, metric_start = metric_before(sent, _change_word_start(sent.folded, y.restates or y), skip)
    start = metric_start if metric_start is not None else y.left
    periods = [p for p in sent.periods if (p.start, p.end) not in owned]
    period = _base_claim_period(y, periods, sent.context) if y.base else _period(y, periods)
    claim = PredictedClaim(
        metric=metric,
        yoy_change=y.value,
        yoy_unit=_yoy_unit(y.unit, None),
        period=period,
        qualifier=y.qualifier,
        evidence=_evidence(sent, start, _marker_end(y, sent.markers)),
    )
    return sent.base + start, claim


def _claim_period(m: _Mention, values: list[_Mention], sent: Sentence) -> str | None:
    """Rule 7: the nearest period phrase not owned by a comparison base; for a base, its own period, or
    the other figure's period moved to the base's year."""
    owned = _owned_periods(values)
    periods = [p for p in sent.periods if (p.start, p.end) not in owned]
    if not m.base:
        return _period(m, [p for p in periods if not _other_predicate(sent, m, p)])
    others = [v for v in values if not v.base]
    nearest = min(others, key=lambda v: (abs(v.left - m.left), v.left)) if others else None
    return _base_period_of(m, _period(nearest, periods) if nearest else None, sent.context)


def _base_claim_period(m: _Mention, periods: Sequence[PeriodMatch], context: str | None) -> str | None:
    """The period of a restated change: as a base's, from the restated change's period."""
    return _base_period_of(m, _period(m.restates, periods) if m.restates is not None else None, context)


def _base_period_of(m: _Mention, reported: str | None, context: str | None) -> str | None:
    """A comparison base's period: a year back from (or in the year given for) the period of the figure it
    is compared with, else the paragraph's (context), else the period written after it; a base with none
    of these compares at the same period ("against 7.8% for the country as a whole")."""
    own = m.own_period.period if m.own_period is not None else None
    if m.year_back or m.base_year is not None:
        return _moved_period(m, reported or context) or own
    return own or reported or context


def _other_predicate(sent: Sentence, m: _Mention, p: PeriodMatch) -> bool:
    """A forecast period written after another number that a verb of its own introduces dates that
    number's predicate, not m ("employs about 9,800 people and plans to cut 1,450 jobs by 2026": 2026 is
    the cut's); one predicate with two figures shares it ("to reach €5.2bn and profit €610m in 2026")."""
    if p.start < m.right or not any(m.right <= a and b <= p.start for a, b in sent.numbers):
        return False
    if not _starts_after(p.period, sent.published):
        return False
    return any(m.right <= a and b <= p.start and has_verb(sent, m.right, a) for a, b in sent.numbers)


_PREVIOUS_UNIT = re.compile(
    r"(?<![a-z])(?:(?:the )?(?:previous|prior|preceding) (?P<u>quarter|month|year)|the (?P<y>year) before"
    r"|(?:le |au |du |l'|d')?(?P<f>trimestre|mois|annee|an) precedente?)(?![a-z])"
)
_PREVIOUS_CUE = re.compile(r"previous|prior|preceding|precedent|year before")
_UNIT_KIND = {
    "quarter": "Q",
    "trimestre": "Q",
    "month": "M",
    "mois": "M",
    "year": "Y",
    "annee": "Y",
    "an": "Y",
}


def _period_kind(period: str) -> str | None:
    """Q, M, D or Y for a quarter, a month, a day or a (fiscal) year; None for any other period."""
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return "Q"
    if re.fullmatch(r"\d{4}-\d\d", period):
        return "M"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", period):
        return "D"
    return "Y" if re.fullmatch(r"(?:FY)?\d{4}", period) else None


def _previous_kind(p: PeriodMatch) -> str | None:
    """The unit of an anaphoric period phrase ("the previous quarter", "le mois précédent"), else None."""
    m = _PREVIOUS_UNIT.fullmatch(fold(p.text).strip())
    return _UNIT_KIND[m.group("u") or m.group("y") or m.group("f")] if m else None


def _anchored(found: list[PeriodMatch], text: str, context: str | None) -> list[PeriodMatch]:
    """Rule 7: "the previous quarter/month/year" / "le trimestre (mois) précédent, l'année précédente" is
    the one before the period of that kind the text reports: the nearest other such phrase of the sentence
    (an earlier one first), else the paragraph's period (context); with none, as read against published
    (a phrase the normalizers do not read, "au trimestre précédent", is then no period)."""
    folded = fold(text)
    if not _PREVIOUS_CUE.search(folded):
        return found
    spans = [(p.start, p.end) for p in found]
    unread = [
        PeriodMatch(m.start(), m.end(), "", text[m.start() : m.end()])
        for m in _PREVIOUS_UNIT.finditer(folded)
        if not any(a < m.end() and m.start() < b for a, b in spans)
    ]
    out: list[PeriodMatch] = []
    for p in sorted([*found, *unread], key=lambda p: p.start):
        kind = _previous_kind(p)
        if kind is None:
            out.append(p)
            continue
        same = [o for o in found if _previous_kind(o) is None and _period_kind(o.period) == kind]
        earlier = [o for o in same if o.end <= p.start]
        anchor = earlier[-1].period if earlier else same[0].period if same else None
        if anchor is None and context is not None and _period_kind(context) == kind:
            anchor = context
        if anchor is not None:
            out.append(replace(p, period=_step_back(anchor, kind)))
        elif p.period:
            out.append(p)
    return out


def _fiscal_ended(found: list[PeriodMatch], folded: str) -> list[PeriodMatch]:
    """A date that ends a fiscal year named just before it ("the fiscal year, which ended on Dec. 31",
    "l'exercice, clos le 31 décembre") names that fiscal year, FY and the year it ends (guideline 5.9), as
    bench.normalize reads "the fiscal year ended June 30"."""
    if not R.FISCAL_WORD.search(folded):
        return found
    return [
        replace(p, period=f"FY{p.period[:4]}")
        if _period_kind(p.period) in ("M", "D")
        and R.FISCAL_ENDED_BEFORE.search(folded, max(0, p.start - 60), p.start)
        else p
        for p in found
    ]


def _step_back(period: str, kind: str) -> str:
    """The quarter, month or year before a period of that kind (2024-Q1 -> 2023-Q4, FY2024 -> FY2023)."""
    if kind == "Y":
        return _shift_years(period, -1)
    year, n = int(period[:4]), int(period[-1] if kind == "Q" else period[5:7])
    last = 4 if kind == "Q" else 12
    year, n = (year, n - 1) if n > 1 else (year - 1, last)
    return f"{year}-Q{n}" if kind == "Q" else f"{year}-{n:02d}"


@lru_cache(maxsize=4096)
def _starts_after(period: str, published: str) -> bool:
    """A period that starts after `published` (a projection, a target)."""
    try:
        return period_bounds(period)[0] > dt.date.fromisoformat(published[:10])
    except ValueError:
        return False


def _owned_periods(mentions: Sequence[_Mention]) -> set[Span]:
    """The period phrases written right after a comparison base: they date the base, no other figure."""
    return {(v.own_period.start, v.own_period.end) for v in mentions if v.own_period is not None}


def _moved_period(m: _Mention, period: str | None) -> str | None:
    """A base's period from the other figure's: a year back, or in the year given; else unknown."""
    if period is None:
        return None
    if m.year_back:
        return _shift_years(period, -1)
    if m.base_year is not None:
        return _shift_years(period, m.base_year - int(period.lstrip("FY")[:4]))
    return None


def _shift_years(period: str, years: int) -> str:
    """The same canonical period moved by whole years (2024-03, -1 -> 2023-03; FY2024 -> FY2023)."""
    if "/" in period:
        a, b = period.split("/", 1)
        return f"{_shift_years(a, years)}/{_shift_years(b, years)}"
    if period.startswith("FY"):
        return f"FY{int(period[2:]) + years}"
    rest = "-02-28" if period[4:] == "-02-29" else period[4:]
    return f"{int(period[:4]) + years}{rest}"


def _evidence(sent: Sentence, start: int, end: int) -> Evidence:
    return Evidence(sent.base + start, sent.base + end, sent.text[start:end])


def _yoy_unit(unit: str | None, value_unit: str | None) -> str:
    """The unit of a change: pp for points, percent when written, else an absolute change in the value's
    unit (a change with no unit written is never a percent: "up 1.1 million" counts things)."""
    if unit == "points":
        return "pp"
    return unit or (value_unit if value_unit not in (None, "percent", "pp") else None) or "count"


def _marker_end(y: _Mention, markers: Sequence[Span]) -> int:
    """End of the YoY marker closest after the change (or the change itself when the marker is before)."""
    after = [b for a, b in markers if a >= y.right]
    return min(after) if after else y.right


def _period(m: _Mention, periods: Sequence[PeriodMatch]) -> str | None:
    """The period phrase nearest to the figure (distance in characters; ties: the earlier phrase)."""
    return _nearest_period(m.left, m.right, periods)


def _nearest_period(left: int, right: int, periods: Sequence[PeriodMatch]) -> str | None:
    """The period phrase nearest to the span left..right (ties: the earlier phrase)."""
    best: tuple[int, int, str] | None = None
    for p in periods:
        distance = left - p.end if p.end <= left else p.start - right if p.start >= right else 0
        key = (max(distance, 0), p.start, p.period)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _change_word_start(folded: str, y: _Mention) -> int:
    window_start = max(0, y.left - 60)
    found = list(R.CHANGE_WORD.finditer(folded, window_start, y.left))
    return found[-1].start() if found else y.left


def _inside_any(a: int, b: int, spans: Sequence[Span]) -> bool:
    return any(x <= a and b <= y for x, y in spans)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " ,":
        pos += 1
    return pos


def _last_words(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])
