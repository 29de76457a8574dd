"""A leaderboard's rows, and what the other views share with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from de06tui.core.text import clean, fold

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.core.query import BoardQuery


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


def board_view(ds: Dataset, metric: str, period: str | None, trend_count: int = 12,
               changed: frozenset = frozenset(), provinces: str = "auto",
               compare: str | None = None) -> BoardView:
    from de06tui.core.query import BoardQuery

    return view_for(ds, BoardQuery(metric, period, provinces, compare), changed, trend_count)


def view_for(ds: Dataset, query: BoardQuery, changed: frozenset = frozenset(),
             trend_count: int = 12) -> BoardView:
    """The rows of the board ``resolve`` says the query shows (narrowing and order are the screen's)."""
    from de06tui.core.query import resolve
    from de06tui.core.ranking import leaderboard, trends

    shown = resolve(ds, query)
    if shown.period is None:
        return BoardView(query.metric, query.period or "", None, shown.era, ())
    compare = None if shown.compare_refused else query.compare
    board = leaderboard(ds, query.metric, shown.period, provinces=shown.registry, compare=compare)
    try:
        spark = trends(ds, query.metric, shown.period, trend_count, shown.registry)
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
            changed=(shown.period, r["province"], query.metric) in changed,
        ))
    return BoardView(query.metric, query.period or shown.period, shown.period, shown.era, tuple(rows), board,
                     shown.against)


def _board(ds: Dataset, metric: str, period: str, provinces: str | int = "auto",
           compare: str | None = None):
    """One leaderboard, or None when the core refuses it (a view shows nothing rather than fail)."""
    from de06tui.core.ranking import RankingError, leaderboard

    try:
        return leaderboard(ds, metric, period, provinces=provinces, compare=compare)
    except (RankingError, ValueError):
        return None


def against_period(ds: Dataset, period: str, compare: str | None, metric: str) -> str | None:
    """The period a change is measured against, as the core decides it."""
    from de06tui.core.query import comparison

    return comparison(ds, period, metric, compare)[0]


def shown_period(ds: Dataset, metric: str, period: str | None, provinces: str = "auto") -> str | None:
    """The asked period when the metric has data in it, else the metric's latest."""
    from de06tui.core.query import BoardQuery, resolve

    return resolve(ds, BoardQuery(metric, period, provinces)).period
