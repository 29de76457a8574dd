"""Reporting periods: months ("2024-10"), quarters ("2024-Q3") and years ("2026")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from de06tui.core.text import fold

MONTH, QUARTER, YEAR = "month", "quarter", "year"

# The 34-province registry applies from this month on.
MERGER_MONTH = "2025-07"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t].*)?$"), "ym"),
    (re.compile(r"^(?:thang|t|m)?\s*(\d{1,2})\s*[-/.]\s*(\d{4})$"), "my"),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*q\s*([1-4])$"), "yq"),
    (re.compile(r"^(?:quy|q)\s*([1-4])\s*[-/ ]\s*(?:nam\s*)?(\d{4})$"), "qy"),
    (re.compile(r"^(?:nam\s*)?(\d{4})$"), "y"),
]


class PeriodError(ValueError):
    pass


@lru_cache(maxsize=4096)
def parse_period(text: str) -> str:
    """Canonical form of a period as files write it; raises PeriodError."""
    raw = fold(str(text)).replace("thang ", "thang").strip()
    raw = re.sub(r"\s+", " ", raw)
    for pattern, shape in _PATTERNS:
        m = pattern.match(raw)
        if not m:
            continue
        if shape == "ym":
            year, month = int(m.group(1)), int(m.group(2))
        elif shape == "my":
            month, year = int(m.group(1)), int(m.group(2))
        elif shape == "yq":
            _check_year(int(m.group(1)))
            return f"{m.group(1)}-Q{m.group(2)}"
        elif shape == "qy":
            _check_year(int(m.group(2)))
            return f"{m.group(2)}-Q{m.group(1)}"
        else:
            _check_year(int(m.group(1)))
            return m.group(1)
        if not 1 <= month <= 12:
            raise PeriodError(f"month {month} is not between 1 and 12")
        _check_year(year)
        return f"{year:04d}-{month:02d}"
    raise PeriodError(
        "not a period; write e.g. 2024-10, 10/2024, T10/2024, 2024-Q3, Quý 3/2024 or 2026"
    )


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise PeriodError(f"year {year} is outside 2000–2100")


def kind(period: str) -> str:
    if "-Q" in period:
        return QUARTER
    if "-" in period:
        return MONTH
    return YEAR


def year_of(period: str) -> int:
    return int(period[:4])


def sort_key(period: str) -> tuple[int, int, int]:
    """Chronological order, a year after its quarters, a quarter after its months."""
    y = year_of(period)
    k = kind(period)
    if k == MONTH:
        return (y, int(period[5:7]), 0)
    if k == QUARTER:
        return (y, int(period[-1]) * 3, 1)
    return (y, 12, 2)


def first_month(period: str) -> str:
    k = kind(period)
    if k == MONTH:
        return period
    if k == QUARTER:
        return f"{period[:4]}-{(int(period[-1]) - 1) * 3 + 1:02d}"
    return f"{period[:4]}-01"


def last_month(period: str) -> str:
    k = kind(period)
    if k == MONTH:
        return period
    if k == QUARTER:
        return f"{period[:4]}-{int(period[-1]) * 3:02d}"
    return f"{period[:4]}-12"


def months_of(period: str) -> list[str]:
    start, end = first_month(period), last_month(period)
    y = start[:4]
    return [f"{y}-{m:02d}" for m in range(int(start[5:]), int(end[5:]) + 1)]


def derived(periods: Iterable[str]) -> list[str]:
    """The quarters and years the given months fall in, other than periods given themselves:
    what can be computed from months (count-weighted, or flagged approximate)."""
    given = set(periods)
    out = set()
    for p in given:
        if kind(p) == MONTH:
            out.add(f"{p[:4]}-Q{(int(p[5:7]) - 1) // 3 + 1}")
            out.add(p[:4])
    return sorted(out - given, key=sort_key)


def era(period: str) -> int:
    """Which registry a period's data is about: 63 before July 2025, 34 from it.

    A quarter or year that straddles the merger (2025-Q3 is wholly after; 2025 straddles)
    is judged by its last month, since that is the map in force when it is reported.
    """
    return 34 if last_month(period) >= MERGER_MONTH else 63


def shift(period: str, steps: int) -> str:
    """The period ``steps`` units away, in the period's own unit."""
    k = kind(period)
    y = year_of(period)
    if k == YEAR:
        return str(y + steps)
    if k == QUARTER:
        idx = y * 4 + int(period[-1]) - 1 + steps
        return f"{idx // 4}-Q{idx % 4 + 1}"
    idx = y * 12 + int(period[5:7]) - 1 + steps
    return f"{idx // 12}-{idx % 12 + 1:02d}"


def same_period_last_year(period: str) -> str:
    return shift(period, {MONTH: -12, QUARTER: -4, YEAR: -1}[kind(period)])


_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def label(period: str, lang: str = "vi") -> str:
    """Human label: "Tháng 10/2024", "October 2024" style, short for tight columns."""
    k = kind(period)
    y = period[:4]
    if k == MONTH:
        m = int(period[5:7])
        return f"Tháng {m}/{y}" if lang == "vi" else f"{_MONTHS_EN[m - 1]} {y}"
    if k == QUARTER:
        return f"Quý {period[-1]}/{y}" if lang == "vi" else f"Q{period[-1]} {y}"
    return f"Năm {y}" if lang == "vi" else y
