"""The columnar tables the scorer compares: token multisets built once per distinct sequence must equal
the entries a plain per-claim count gives, vocabulary codes included."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from bench.tables import Tokens, Vocab

_WORDS = st.sampled_from(["output", "valu", "ai", "industri", "export", "2024", "de"])


def _reference(seqs: list[tuple[str, ...]], vocab: Vocab) -> list[tuple[int, int, int]]:
    """(owner, token code, count) the obvious way: claim by claim, tokens in first-occurrence order."""
    out = []
    for i, seq in enumerate(seqs):
        for t, c in Counter(seq).items():
            out.append((i, vocab(t), c))
    return out


def test_tokens_of_a_hand_made_table() -> None:
    vocab = Vocab()
    vocab("CNY")  # codes already taken by units stay taken
    t = Tokens.build([("export", "good"), (), ("export", "good"), ("rate", "rate", "export")], vocab)
    assert vocab.codes == {"CNY": 0, "export": 1, "good": 2, "rate": 3}
    assert t.owner.tolist() == [0, 0, 2, 2, 3, 3]
    assert t.token.tolist() == [1, 2, 1, 2, 3, 1]
    assert t.count.tolist() == [1, 1, 1, 1, 2, 1]
    assert t.length.tolist() == [2, 0, 2, 3]


@given(st.lists(st.lists(_WORDS, max_size=5).map(tuple), max_size=12))
def test_tokens_equal_a_per_claim_count(seqs: list[tuple[str, ...]]) -> None:
    built, expected = Vocab(), Vocab()
    t = Tokens.build(seqs, built)
    assert list(zip(t.owner.tolist(), t.token.tolist(), t.count.tolist(), strict=True)) == _reference(
        seqs, expected
    )
    assert built.codes == expected.codes  # same codes in the same order
    assert t.length.tolist() == [len(s) for s in seqs]
