"""The versioned prompt files (package data ``runners/prompts/claims.<lang>.v<N>.md``) and their hashes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from bench.types import LANGS, Lang

PROMPT_VERSION = "v1"


@dataclass(frozen=True)
class Prompt:
    name: str
    """File name, e.g. ``claims.en.v1.md``."""
    text: str
    sha256: str


@cache
def load_prompt(lang: Lang, version: str = PROMPT_VERSION) -> Prompt:
    """The system prompt for documents in lang."""
    name = f"claims.{lang}.{version}.md"
    data = files("runners.prompts").joinpath(name).read_bytes()
    return Prompt(name, data.decode("utf-8"), hashlib.sha256(data).hexdigest())


def prompt_hashes(version: str = PROMPT_VERSION) -> dict[str, str]:
    """``{"prompt.en": "claims.en.v1.md:sha256:<hex>", ...}``: the signature inputs of the prompts."""
    out = {}
    for lang in LANGS:
        p = load_prompt(lang, version)
        out[f"prompt.{lang}"] = f"{p.name}:sha256:{p.sha256}"
    return out


def prompts_digest(version: str = PROMPT_VERSION) -> str:
    """First 12 hex digits of the SHA-256 over every language's prompt: part of the runner version."""
    h = hashlib.sha256()
    for lang in LANGS:
        h.update(load_prompt(lang, version).sha256.encode("ascii"))
    return h.hexdigest()[:12]
