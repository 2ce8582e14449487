"""What a figure measures, for the baseline runner: the metric noun phrase of a sentence (rule 8 of
runners.baseline), read on folded text with the cue lists of runners.baseline_rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.normalize import PeriodMatch
from bench.types import Lang
from runners import baseline_rules as R

Span = tuple[int, int]
Word = tuple[int, int, str]


@dataclass(frozen=True)
class Sentence:
    """One sentence and what is read once per sentence; offsets are sentence offsets."""

    text: str
    folded: str
    base: int  # offset of the sentence in the document
    lang: Lang
    markers: tuple[tuple[int, int], ...]  # YoY markers
    dated_yoy: bool  # a comparison with a period one year before the figure's ("up 2.3% from 2018")
    periods: tuple[PeriodMatch, ...]  # period phrases outside the markers
    period_spans: tuple[tuple[int, int], ...]  # every period phrase
    all_periods: tuple[PeriodMatch, ...]  # every period phrase, comparison bases included
    context: str | None = None  # the period the paragraph reports before this sentence
    published: str = ""  # the document's publication date
    numbers: tuple[Span, ...] = ()  # every number that may be a figure (not in a period phrase or a phone)


def metric_before(sent: Sentence, pos: int, skip: Sequence[Span]) -> tuple[str | None, int | None]:
    """The noun phrase naming what the number at pos measures, and its start (rule 8). Words inside the
    spans in skip (other changes and their markers) are passed over like link words."""
    s, folded = sent.text, sent.folded
    words: list[Word] = [(m.start(), m.end(), m.group()) for m in R.WORD.finditer(folded, 0, pos)]
    verbs = R.VERBS[sent.lang]

    listed_verb_seen = False

    def droppable(k: int) -> bool:
        """Link words, verbs, other changes and periods; a participle not in the verb list only while no
        listed verb has been passed ("la production cumulée s'est élevée à": "cumulée" stays)."""
        nonlocal listed_verb_seen
        w = words[k]
        after_auxiliary = k > 0 and _in_verbs(s, words[k - 1], R.AUXILIARIES[sent.lang])
        if _in_verbs(s, w, verbs) or after_auxiliary:
            listed_verb_seen = True
            return True
        return (
            w[2] in R.EDGE_WORDS
            or w[2] in R.TRAILING_WORDS
            or (not listed_verb_seen and _is_verb(s, w, verbs))
            or _inside_any(w[0], w[1], skip)
            or any(a <= w[0] < b for a, b in sent.period_spans)
            or any(a <= w[0] < b for a, b in sent.markers)
        )

    # drop the verb group, qualifiers, link words and other changes right before the number
    i = len(words)
    while i > 0 and droppable(i - 1):
        i -= 1
    # an apposition between subject and verb ("The company, founded in 1990, employs"): skip it
    if i > 0 and "," in folded[words[i - 1][1] : words[i][0] if i < len(words) else pos]:
        comma = folded.rfind(",", 0, words[i - 1][0])
        if comma > 0:
            i = sum(1 for w in words if w[1] <= comma)
            while i > 0 and droppable(i - 1):
                i -= 1
    if i == 0:
        return None, None
    cut = words[i - 1][1]
    bounds = [(b.start(), b.end()) for b in R.CLAUSE_BOUNDARY.finditer(folded, 0, cut)]
    left = bounds[-1][1] if bounds else 0
    for k, w in enumerate(words[:i]):
        adjective = k > 0 and words[k - 1][2] in R.DETERMINERS
        if w[0] >= left and ((_in_verbs(s, w, verbs) and not adjective) or _participle(sent, words, k)):
            left = w[1]
    span = _clean(sent, [w for w in words[:i] if w[0] >= left])
    # an empty clause ("L'entreprise, qui emploie ..."): the noun phrase of the clause before, one step back
    for k in range(len(bounds) - 1, max(len(bounds) - 3, -1), -1):
        if span:
            break
        seg_left = bounds[k - 1][1] if k > 0 else 0
        span = _clean(sent, [w for w in words if seg_left <= w[0] and w[1] <= bounds[k][0]])
    if not span:
        return None, None
    a, b = span[0][0], span[-1][1]
    text = " ".join(s[a:b].split())
    return (text, a) if text else (None, None)


def _clean(sent: Sentence, span: list[Word]) -> list[Word]:
    """Drop period phrases, then determiners, link words and counts at the start, link words at the end."""
    span = [w for w in span if not any(a <= w[0] < b for a, b in sent.period_spans)]
    while span and (span[0][2] in R.EDGE_WORDS or span[0][2].isdigit()):
        span = span[1:]
    while span and (span[-1][2] in R.EDGE_WORDS or span[-1][2] in R.TRAILING_WORDS):
        span = span[:-1]
    return span


def _participle(sent: Sentence, words: Sequence[Word], k: int) -> bool:
    """A participle right after an auxiliary ends the verb group too ("a dégagé un bénéfice net", "has
    booked a net loss"): the metric is the object after it, not the verb."""
    return (
        k > 0
        and _in_verbs(sent.text, words[k - 1], R.AUXILIARIES[sent.lang])
        and _is_verb(sent.text, words[k], R.VERBS[sent.lang])
    )


def _in_verbs(s: str, word: Word, verbs: frozenset[str]) -> bool:
    """In the verb list; the French "a" only when written without accent (not the preposition "à")."""
    start, end, w = word
    return w in verbs and (w != "a" or s[start:end] in ("a", "A"))


def has_verb(sent: Sentence, a: int, b: int) -> bool:
    """A word of the verb list between offsets a and b (a new predicate starts there)."""
    verbs = R.VERBS[sent.lang]
    return any(
        _in_verbs(sent.text, (m.start(), m.end(), m.group()), verbs)
        for m in R.WORD.finditer(sent.folded, a, b)
    )


def _is_verb(s: str, word: Word, verbs: frozenset[str]) -> bool:
    """A verb from the list, or a past participle ending in -ed (EN) / -é(e)(s) (FR) of the original text."""
    start, end, w = word
    if _in_verbs(s, word, verbs):
        return True
    original = s[start:end].lower()
    return (len(w) > 4 and w.endswith("ed")) or original.endswith(("é", "ée", "és", "ées"))


def noun_after(sent: Sentence, end: int, unit: str | None) -> str | None:
    """The counted noun phrase written after a number (``650 jobs``, ``18,500 electric models``), as a
    last-resort metric."""
    if unit in ("percent", "pp"):
        return None
    return _phrase_from(sent, end, allow_link=True)


def of_phrase(sent: Sentence, end: int, right: int) -> str | None:
    """The noun phrase after the unit and "of"/"de" (``tonnes of crude steel``), or None."""
    link = re.match(r"[ ]+(?:of|de|d')[ ]*", sent.folded[right:])
    if right == end or not link:
        return None
    return _phrase_from(sent, right + link.end(), allow_link=False)


def _phrase_from(sent: Sentence, pos: int, *, allow_link: bool) -> str | None:
    """Up to four words from pos, stopping at punctuation, numbers, periods and link words."""
    words: list[Word] = []
    for w in R.WORD.finditer(sent.folded, pos):
        gap = sent.folded[(words[-1][1] if words else pos) : w.start()]
        if gap.strip() or len(words) == 4:
            break
        word = w.group()
        if not words and allow_link and word in ("de", "d'", "of"):
            pos = w.end()
            continue
        if word in R.OF_PHRASE_END or word.isdigit() or any(a <= w.start() < b for a, b in sent.period_spans):
            break
        words.append((w.start(), w.end(), word))
    if not words:
        return None
    return " ".join(sent.text[words[0][0] : words[-1][1]].split())


def _inside_any(a: int, b: int, spans: Sequence[Span]) -> bool:
    return any(x <= a and b <= y for x, y in spans)
