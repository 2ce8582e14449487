"""Canonical periods: parsing the canonical forms into date intervals (not surface-text normalization,
which lives in bench.normalize)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ONE = re.compile(
    r"^(?:FY(?P<fy>\d{4})|(?P<y>\d{4})(?:-Q(?P<q>[1-4])|-H(?P<h>[12])|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?)$"
)


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by a canonical period; ValueError if it is not one.

    A fiscal year FYyyyy is taken as the calendar year yyyy (fiscal calendars differ by issuer); an
    interval A/B runs from the start of A to the end of B and needs A to start no later than B ends."""
    if "/" in period:
        a, b = period.split("/", 1)
        start, _ = period_bounds(a)
        _, end = period_bounds(b)
        if end < start:
            raise ValueError(f"interval {period} ends before it starts")
        return start, end
    m = _ONE.match(period)
    if not m:
        raise ValueError(f"{period!r} is not a canonical period")
    if m["fy"]:
        y = int(m["fy"])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    y = int(m["y"])
    if m["q"]:
        q = int(m["q"])
        return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if m["h"]:
        h = int(m["h"])
        return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    if m["m"]:
        mo = int(m["m"])
        if m["d"]:
            day = dt.date(y, mo, int(m["d"]))  # ValueError for 2023-02-30
            return day, day
        return dt.date(y, mo, 1), _month_end(y, mo)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month_end(y: int, m: int) -> dt.date:
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} out of range")
    return dt.date(y, m, calendar.monthrange(y, m)[1])
