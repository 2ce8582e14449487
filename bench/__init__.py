"""claimbench: a benchmark harness for quantitative claim extraction from English and French news."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0.0"

__all__ = ["SCHEMA_VERSION", "__version__", "score"]


def score(*args: Any, **kwargs: Any) -> Any:
    """Score predictions against gold: see :func:`bench.score.score`."""
    from bench.score import score as _score

    return _score(*args, **kwargs)
