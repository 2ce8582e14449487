from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (a test run is as reproducible as a score); set
# HYPOTHESIS_PROFILE=explore to search with fresh random examples, and pin what it finds with @example.
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "gold" / "test" / "xinhua-shenzhen-industries-2024"


def seed_json(lang: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(f"{SEED}.{lang}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.fixture
def seed_pair_dir(tmp_path: Path) -> Path:
    """A gold folder holding a copy of the seed pair."""
    for lang in ("en", "fr"):
        (tmp_path / f"xinhua-shenzhen-industries-2024.{lang}.json").write_text(
            json.dumps(seed_json(lang), indent=2, ensure_ascii=False), encoding="utf-8"
        )
    return tmp_path
