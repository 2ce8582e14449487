"""The bundled corpus meets the sizes and phenomenon coverage that make its scores mean something."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.gold import GoldSet, load_gold
from bench.schema import load_schema, tag_vocabulary

MIN_PAIRS = 40
MIN_CLAIMS_PER_LANG = 300
MIN_PER_TAG = 10
MIN_PER_DISTRACTOR_KIND = 10
MIN_WORDS, MAX_WORDS = 150, 600


@pytest.fixture(scope="module")
def gold() -> GoldSet:
    return load_gold()


def test_pairs_and_claims_per_language(gold: GoldSet) -> None:
    pairs = {d.pair_id for d in gold.documents if d.subset == "challenge"}
    assert len(pairs) >= MIN_PAIRS
    per_lang = Counter(d.lang for d in gold.documents for _ in d.claims)
    assert per_lang["en"] >= MIN_CLAIMS_PER_LANG, per_lang
    assert per_lang["fr"] >= MIN_CLAIMS_PER_LANG, per_lang


def test_subsets_and_splits(gold: GoldSet) -> None:
    news = [d for d in gold.documents if d.subset == "news"]
    assert {d.doc_id for d in news} == {
        "xinhua-shenzhen-industries-2024.en",
        "xinhua-shenzhen-industries-2024.fr",
    }
    assert all(d.split == "test" for d in news)
    pairs_by_split = Counter(d.split for d in gold.documents if d.lang == "en")
    share_dev = pairs_by_split["dev"] / sum(pairs_by_split.values())
    assert 0.15 <= share_dev <= 0.35, pairs_by_split


def test_every_tag_is_covered(gold: GoldSet) -> None:
    per_tag = Counter(t for d in gold.documents for c in d.claims for t in c.tags)
    short = {t: per_tag[t] for t in tag_vocabulary() if per_tag[t] < MIN_PER_TAG}
    assert not short, f"tags under {MIN_PER_TAG} claims: {short}"


def test_every_distractor_kind_is_covered(gold: GoldSet) -> None:
    kinds = load_schema("gold-document")["$defs"]["distractor"]["properties"]["kind"]["enum"]
    per_kind = Counter(x.kind for d in gold.documents for x in d.distractors)
    short = {k: per_kind[k] for k in kinds if per_kind[k] < MIN_PER_DISTRACTOR_KIND}
    assert not short, f"distractor kinds under {MIN_PER_DISTRACTOR_KIND}: {short}"


def test_translation_direction_is_balanced(gold: GoldSet) -> None:
    originals = Counter(
        d.lang for d in gold.documents if d.subset == "challenge" and d.source.translated_from is None
    )
    assert originals["en"] + originals["fr"] >= MIN_PAIRS
    assert abs(originals["en"] - originals["fr"]) <= 0.2 * (originals["en"] + originals["fr"])


def test_article_lengths(gold: GoldSet) -> None:
    for d in gold.documents:
        if d.subset != "challenge":
            continue
        body = d.text[d.text.index(d.title) :]
        words = len(body.split())
        assert MIN_WORDS <= words <= MAX_WORDS, (d.doc_id, words)
        assert d.license == "CC-BY-4.0", d.doc_id
