"""The biggest risers and fallers between two periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from de06tui.core.text import clean
from de06tui.tui.views.board import shown_period

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset


@dataclass(frozen=True)
class MoverRow:
    code: str
    name: str  # cleaned for display
    rank: int
    prev_rank: int
    rank_change: int  # positive: moved up
    value: float | None
    prev_value: float | None
    value_change: float | None
    approx: bool
    real: bool


@dataclass(frozen=True)
class MoversView:
    metric: str
    start: str | None
    end: str | None
    improved: tuple[MoverRow, ...]
    declined: tuple[MoverRow, ...]
    era: int = 34


def movers_view(ds: Dataset, metric: str, period: str | None, compare: str | None,
                provinces: str = "auto", count: int = 10) -> MoversView:
    """The biggest risers and fallers between the compare period and the period shown."""
    from de06tui.core.ranking import RankingError, compare_period, movers, target_era

    end = shown_period(ds, metric, period, provinces)
    if end is None:
        return MoversView(metric, None, None, (), ())
    try:
        start = compare_period(ds, end, compare, metric)
        up, down = movers(ds, metric, start, end, provinces, count)
        era = target_era(end, provinces)
    except (RankingError, ValueError):
        return MoversView(metric, None, end, (), ())

    def rows(frame) -> tuple[MoverRow, ...]:
        return tuple(MoverRow(code=r["province"], name=clean(r["name"]), rank=r["rank"],
                              prev_rank=r["prev_rank"], rank_change=r["rank_change"], value=r["value"],
                              prev_value=r["prev_value"], value_change=r["value_change"],
                              approx=bool(r["approx"]), real=bool(r["real"]))
                     for r in frame.iter_rows(named=True))

    return MoversView(metric, start, end, rows(up), rows(down), era)
