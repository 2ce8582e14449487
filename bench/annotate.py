"""Annotation helpers: fill evidence offsets from the evidence text, so annotators never count characters."""

from __future__ import annotations

import json
from collections.abc import Mapping, MutableMapping
from typing import Any


def find_span(text: str, snippet: str, hint: int | None = None) -> tuple[int, int]:
    """Offsets of snippet in text: the occurrence at hint if there is one, else the only occurrence.

    ValueError when the snippet is absent, or occurs several times and no hint picks one."""
    if hint is not None and text[hint : hint + len(snippet)] == snippet:
        return hint, hint + len(snippet)
    starts = []
    i = text.find(snippet)
    while i != -1:
        starts.append(i)
        i = text.find(snippet, i + 1)
    if not starts:
        raise ValueError(f"{snippet!r} does not occur in the text")
    if len(starts) > 1:
        raise ValueError(
            f"{snippet!r} occurs {len(starts)} times (at {starts}); set evidence.start to choose"
        )
    return starts[0], starts[0] + len(snippet)


def fill_offsets(doc: MutableMapping[str, Any]) -> list[str]:
    """Set start/end of every claim's and distractor's evidence from its text; returns the problems found."""
    problems = []
    text = doc.get("text", "")
    for key in ("claims", "distractors"):
        for i, item in enumerate(doc.get(key, [])):
            ev = item.get("evidence")
            if not isinstance(ev, dict) or not isinstance(ev.get("text"), str):
                problems.append(f"/{key}/{i}/evidence: needs a text")
                continue
            try:
                ev["start"], ev["end"] = find_span(text, ev["text"], ev.get("start"))
            except ValueError as e:
                problems.append(f"/{key}/{i}/evidence: {e}")
            item["evidence"] = {"start": ev.get("start"), "end": ev.get("end"), "text": ev["text"]}
    return problems


def dump_gold(doc: Mapping[str, Any]) -> str:
    """The canonical on-disk form of a gold file: 2-space indented UTF-8 JSON with a final newline."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
