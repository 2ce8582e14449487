"""Length-preserving text folding shared by the normalizers: offsets found in the folded text are offsets
in the original text."""

from __future__ import annotations

import unicodedata

# Every space-like character newswire uses between digits or words, folded to a plain space.
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFKD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    table.update({ord(c): " " for c in SPACES})
    table.update({ord(c): "'" for c in APOSTROPHES})
    table.update({ord(c): "-" for c in DASHES})
    table[ord("\u2212")] = "-"  # minus sign
    return table


_TABLE = _build_table()


def fold(text: str, *, lower: bool = True) -> str:
    """Accent-free, plain-space, plain-apostrophe, plain-hyphen copy of text (lowercased unless told not
    to), of the same length: one character out for one character in."""
    folded = text.translate(_TABLE)
    if not lower:
        return folded
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a few characters lowercase to two (U+0130); keep offsets exact
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return lowered
