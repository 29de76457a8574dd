"""What a board is asked for, and what it then shows: one answer for the CLI and every screen.

A ``BoardQuery`` names the leaderboard (level, unit, metric, period, registry, comparison) and how
its rows are narrowed and ordered (filter, region, sort). ``resolve`` turns a query and a dataset
into the period actually shown, its registry, the comparison period and the reason when nothing
can be shown. The rules behind those choices live here and in ``ranking``, never in a UI.

Importing this module is cheap (no polars): the app builds queries before its first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from de06tui.core import periods as P

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset

PROVINCE = "province"
REGISTRIES = ("auto", "34", "63")


@dataclass(frozen=True)
class BoardQuery:
    metric: str
    period: str | None = None  # None: the metric's latest
    registry: str = "auto"  # auto (the period's own) | 34 | 63
    compare: str | None = None  # None (the previous period) | "year" | a period
    level: str = PROVINCE
    unit: str | None = None  # the unit a lower level is inside (a province's code)
    filter: str = ""
    region: str = ""
    sort: str = "rank"
    reverse: bool = False

    def ranked(self) -> BoardQuery:
        """The part that decides the ranking; filter, region and sort only narrow and order it."""
        return replace(self, filter="", region="", sort="rank", reverse=False)


@dataclass(frozen=True)
class Resolved:
    query: BoardQuery
    period: str | None  # the period shown; None when nothing can be shown
    era: int  # the registry the rows are on (63 or 34)
    registry: str  # the registry choice in force: the asked one, or auto when it was refused
    against: str | None = None  # the period the rank change is measured against
    against_approx: bool = False  # that period is computed from months, not given by the source
    reason: str = ""  # why nothing is shown (period is None)
    registry_refused: str = ""  # why the asked registry could not be used for the period
    compare_refused: str = ""  # why the asked comparison could not be used

    @property
    def moved(self) -> bool:
        """The asked period had no data and another one is shown instead."""
        return self.query.period is not None and self.period is not None and self.period != self.query.period


def has_data(given: Iterable[str], period: str) -> bool:
    """Whether a period can be shown from periods given: given itself, or computed from its months."""
    have = set(given)
    if period in have:
        return True
    return P.kind(period) != P.MONTH and any(m in have for m in P.months_of(period))


def period_choices(given: Iterable[str]) -> list[str]:
    """Every period a view can be put on: those the data gives and those computed from months."""
    have = set(given)
    return sorted(have | set(P.derived(have)), key=P.sort_key)


def step_period(given: Iterable[str], current: str, step: int) -> str | None:
    """The period ``step`` places from ``current`` among the choices of its kind; None at the ends."""
    same = [p for p in period_choices(given) if P.kind(p) == P.kind(current)]
    if current not in same:
        return None
    i = same.index(current) + step
    return same[i] if 0 <= i < len(same) else None


def registry_era(period: str, registry: str) -> tuple[int, str, str]:
    """(era, registry in force, refusal): a refused choice falls back to the period's own."""
    from de06tui.core.ranking import RankingError, target_era

    try:
        return target_era(period, registry), registry, ""
    except RankingError as exc:
        return P.era(period), "auto", str(exc)


def resolve(ds: Dataset, query: BoardQuery) -> Resolved:
    """What the board for ``query`` shows on ``ds``."""
    if query.metric not in ds.catalog:
        return Resolved(query, None, 34, query.registry,
                        reason=f"unknown metric '{query.metric}'; known: {', '.join(ds.catalog.ids())}")
    given = ds.periods(query.metric)
    period = query.period
    if period is None or not has_data(given, period):
        period = ds.latest_period(query.metric)
    if period is None:
        return Resolved(query, None, P.era(query.period) if query.period else 34, query.registry,
                        reason=f"no {query.metric} data")
    era, registry, refused = registry_era(period, query.registry)
    against, compare_refused = comparison(ds, period, query.metric, query.compare)
    approx = against is not None and against not in given
    return Resolved(query, period, era, registry, against, approx, "", refused, compare_refused)


def comparison(ds: Dataset, period: str, metric: str, compare: str | None) -> tuple[str | None, str]:
    """(the period ``period`` is compared with, or None; why the asked comparison was refused)."""
    from de06tui.core.ranking import compare_period

    try:
        before = compare_period(ds, period, compare, metric)
    except ValueError as exc:  # RankingError and PeriodError both are
        return None, f"--compare '{compare}': {exc}"
    return (before if before != period else None), ""
