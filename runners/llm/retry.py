"""Retrying a call on transient failures with exponential backoff.

Rule: attempt 0 runs at once; after a retryable failure, attempt k (k >= 1) waits
``min(backoff_s * 2**(k-1), max_backoff_s)``, or the server's Retry-After when that is longer, up to
``retries`` retries; then the last error is raised. Non-retryable errors are raised at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def backoff_delay(
    attempt: int, backoff_s: float, max_backoff_s: float, retry_after: float | None = None
) -> float:
    """Seconds to wait before retry number attempt (1-based)."""
    delay = min(backoff_s * 2.0 ** (attempt - 1), max_backoff_s)
    if retry_after is not None and retry_after > delay:
        delay = min(retry_after, max_backoff_s)
    return delay


def with_retries(
    call: Callable[[], T],
    *,
    retries: int,
    backoff_s: float,
    max_backoff_s: float,
    retry_after: Callable[[BaseException], float | None],
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """call(), retried as the module docstring says. ``retry_after(e)`` is None for a non-retryable error
    and else the server's requested wait in seconds (0.0 when it asked for none)."""
    attempt = 0
    while True:
        try:
            return call()
        except Exception as e:
            wait = retry_after(e)
            if wait is None or attempt >= retries:
                raise
            attempt += 1
            sleep(backoff_delay(attempt, backoff_s, max_backoff_s, wait or None))
