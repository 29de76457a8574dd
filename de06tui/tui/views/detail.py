"""One province: every metric in a period, and one metric's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from de06tui.core import periods as P
from de06tui.core.text import clean
from de06tui.tui.views.board import against_period

if TYPE_CHECKING:
    import polars as pl

    from de06tui.core.dataset import Dataset
    from de06tui.tui.views.kept import MetricBoard


@dataclass(frozen=True)
class MetricLine:
    metric: str
    value: float | None
    rank: int | None
    of: int
    rank_change: int | None
    approx: bool
    real: bool
    value_change: float | None = None


@dataclass(frozen=True)
class HistoryPoint:
    period: str
    value: float | None
    rank: int | None
    of: int
    approx: bool  # combined without counts, or from an incomplete set of predecessors


@dataclass(frozen=True)
class DetailView:
    code: str
    era: int
    name: str
    period: str
    metric: str
    lines: tuple[MetricLine, ...]
    history: tuple[HistoryPoint, ...]  # the chosen metric over every period, oldest first
    absorbed: tuple[str, ...]  # names of the 63 provinces it was formed from (34-era only)
    against: str | None = None  # the period the changes are measured against

    @property
    def series(self) -> tuple[tuple[str, float | None], ...]:
        return tuple((h.period, h.value) for h in self.history)


def detail_view(ds: Dataset, code: str, era: int, period: str, metric: str,
                compare: str | None = None) -> DetailView:
    from de06tui.core.ranking import province_history
    from de06tui.tui.views.kept import period_boards, ranked_history

    code, era = _on_era(ds, code, era, period)
    # The rankings are every province's, worked out once (see views.kept); this one's rows are read.
    boards = period_boards(ds, period, era, compare)
    hist = province_history(ranked_history(ds, metric, era, P.kind(period)), code)
    if hist.height == 0 and P.kind(period) != P.MONTH:
        # A monthly metric charted from a year's view: its months still tell its history.
        hist = province_history(ranked_history(ds, metric, era, P.MONTH), code)
    return _assemble(ds, code, era, period, metric, compare, boards, hist)


def ready_detail(ds: Dataset, code: str, era: int, period: str, metric: str,
                 compare: str | None = None) -> DetailView | None:
    """``detail_view`` when the rankings it reads are already worked out, else None: what is left
    is picking one province's rows, cheap enough to do while a key is handled."""
    from de06tui.core.ranking import province_history
    from de06tui.tui.views.kept import ready_boards, ready_history

    code, era = _on_era(ds, code, era, period)
    boards, ranked = ready_boards(ds, period, era, compare), ready_history(ds, metric, era, P.kind(period))
    if boards is None or ranked is None:
        return None
    hist = province_history(ranked, code)
    if hist.height == 0 and P.kind(period) != P.MONTH:
        return None  # charted from the months: worked out with the rest
    return _assemble(ds, code, era, period, metric, compare, boards, hist)


def _on_era(ds: Dataset, code: str, era: int, period: str) -> tuple[str, int]:
    if era == 63 and P.era(period) == 34:
        # The old province no longer exists: follow it into the province that absorbed it.
        return ds.registry.successor(code), 34
    return code, era


def _assemble(ds: Dataset, code: str, era: int, period: str, metric: str, compare: str | None,
              boards: tuple[MetricBoard, ...], hist: pl.DataFrame) -> DetailView:
    lines = []
    for board in boards:
        r = board.rows.get(code)
        if r is None:
            lines.append(MetricLine(board.metric, None, None, board.height or 0, None, False, False))
            continue
        lines.append(MetricLine(board.metric, r["value"], r["rank"], board.height or 0, r["rank_change"],
                                bool(r["approx"]), bool(r["real"]), r["value_change"]))
    points = tuple(HistoryPoint(r["period"], r["value"], r["rank"], r["of"], bool(r["approx"]))
                   for r in hist.iter_rows(named=True))
    absorbed: tuple[str, ...] = ()
    if era == 34:
        olds = ds.registry.predecessors(code)
        if len(olds) > 1:
            absorbed = tuple(clean(ds.registry.name(c, 63)) for c in olds)
    return DetailView(code, era, clean(ds.registry.name(code, era)), period, metric, tuple(lines),
                      points, absorbed, against_period(ds, period, compare, metric))
