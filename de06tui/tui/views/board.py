"""A leaderboard's rows, and what the other views share with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from de06tui.core.text import clean, fold

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset


@dataclass(frozen=True)
class BoardRow:
    rank: int
    code: str
    name: str  # cleaned for display
    region: str | None
    value: float | None
    numerator: float | None
    denominator: float | None
    band: str  # top | bottom | middle
    rank_change: int | None
    approx: bool
    real: bool
    trend: tuple[float | None, ...] = ()
    folded: str = ""  # fold(name), for the filter
    changed: bool = False  # the value differs from the previous refresh


@dataclass(frozen=True)
class BoardView:
    metric: str
    requested: str  # the period asked for
    period: str | None  # the period shown (the metric's latest when the asked one has none)
    era: int
    rows: tuple[BoardRow, ...]
    frame: Any = field(default=None, compare=False, repr=False)  # polars board, for export
    against: str | None = None  # the period the rank change is measured against


def against_period(ds: "Dataset", period: str, compare: str | None, metric: str) -> str | None:
    """The period a change is measured against, as the core resolves the compare choice."""
    from de06tui.core.ranking import compare_period

    try:
        before = compare_period(ds, period, compare, metric)
    except ValueError:  # RankingError and PeriodError both are
        return None
    return before if before != period else None


def _board(ds: "Dataset", metric: str, period: str, provinces: str | int = "auto",
           compare: str | None = None):
    from de06tui.core.ranking import RankingError, leaderboard

    try:
        return leaderboard(ds, metric, period, provinces=provinces, compare=compare)
    except (RankingError, ValueError):
        return None


def shown_period(ds: "Dataset", metric: str, period: str | None, provinces: str = "auto") -> str | None:
    """The asked period when the metric has data in it, else the metric's latest."""
    if period is not None:
        board = _board(ds, metric, period, provinces)
        if board is not None and board.height:
            return period
    return ds.latest_period(metric)


def board_view(ds: "Dataset", metric: str, period: str | None, trend_count: int = 12,
               changed: frozenset = frozenset(), provinces: str = "auto",
               compare: str | None = None) -> BoardView:
    from de06tui.core.ranking import target_era, trends

    # One ranking for the asked period; only when it is empty, another for the metric's latest.
    shown, board = period, (_board(ds, metric, period, provinces, compare) if period else None)
    if board is None and period is not None and provinces != "auto":
        provinces = "auto"  # 63 asked of a 34-era period: the period's own registry
        board = _board(ds, metric, period, provinces, compare)
    if board is None or board.height == 0:
        shown = ds.latest_period(metric)
        if shown is None:
            return BoardView(metric, period or "", None, 34, ())
        board = _board(ds, metric, shown, provinces, compare)
        if board is None:
            provinces = "auto"
            board = _board(ds, metric, shown, provinces, compare)
    try:
        spark = trends(ds, metric, shown, trend_count, provinces)
    except Exception:  # a sparkline is a nicety; a failure must not hide the board
        spark = {}
    rows = []
    for r in board.iter_rows(named=True):
        name = clean(r["name"])
        rows.append(BoardRow(
            rank=r["rank"], code=r["province"], name=name, region=r["region"], value=r["value"],
            numerator=r["numerator"], denominator=r["denominator"], band=r["band"],
            rank_change=r["rank_change"], approx=bool(r["approx"]), real=bool(r["real"]),
            trend=tuple(spark.get(r["province"], ())), folded=fold(name),
            changed=(shown, r["province"], metric) in changed,
        ))
    return BoardView(metric, period or shown, shown, target_era(shown, provinces), tuple(rows), board,
                     against_period(ds, shown, compare, metric))
