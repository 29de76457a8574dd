"""What the screens show, computed from the core in worker threads.

These functions take the dataset and return plain, immutable Python values, so the UI thread
never touches polars and never re-derives a ranking. Everything here runs off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from de06tui.core import periods as P
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


@dataclass(frozen=True)
class OverviewPanel:
    metric: str
    period: str | None
    top: tuple[BoardRow, ...]
    bottom: tuple[BoardRow, ...]
    sentence: str


@dataclass(frozen=True)
class OverviewView:
    period: str | None
    panels: tuple[OverviewPanel, ...]
    brief: tuple[str, ...]


def overview_view(ds: "Dataset", period: str | None, lang: str, provinces: str = "auto") -> OverviewView:
    from de06tui.core.brief import brief_sentence

    panels = []
    for m in ds.catalog.main():
        view = board_view(ds, m.id, period, trend_count=1, provinces=provinces)
        if view.period is None:
            panels.append(OverviewPanel(m.id, None, (), (), ""))
            continue
        top = tuple(r for r in view.rows if r.band == "top")
        bottom = tuple(r for r in view.rows if r.band == "bottom")
        sentence = brief_sentence(ds, m.id, view.period, lang, board=view.frame) or ""
        panels.append(OverviewPanel(m.id, view.period, top, bottom, clean(sentence)))
    return OverviewView(period, tuple(panels), tuple(p.sentence for p in panels if p.sentence))


def brief_for(ds: "Dataset", period: str | None, lang: str) -> list[str]:
    """The brief's lines for the period (the latest when none), headed by the SAMPLE note."""
    from de06tui.core.brief import brief_heading, brief_lines

    period = period or ds.latest_period()
    if period is None:
        return []
    return [clean(brief_heading(ds, period, lang))] + [clean(x) for x in brief_lines(ds, period, lang)]


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


def detail_view(ds: "Dataset", code: str, era: int, period: str, metric: str,
                compare: str | None = None) -> DetailView:
    from de06tui.core.ranking import history

    view_era = P.era(period)
    if era == 63 and view_era == 34:
        # The old province no longer exists: follow it into the province that absorbed it.
        code, era = ds.registry.successor(code), 34
    lines = []
    for m in ds.catalog:
        board = _board(ds, m.id, period, provinces=era, compare=compare)
        if board is None or board.height == 0:
            lines.append(MetricLine(m.id, None, None, 0, None, False, False))
            continue
        mine = board.filter(board["province"] == code)
        if mine.height == 0:
            lines.append(MetricLine(m.id, None, None, board.height, None, False, False))
            continue
        r = mine.row(0, named=True)
        lines.append(MetricLine(m.id, r["value"], r["rank"], board.height, r["rank_change"],
                                bool(r["approx"]), bool(r["real"]), r["value_change"]))
    hist = history(ds, metric, code, era=era, kind=P.kind(period))
    if hist.height == 0 and P.kind(period) != P.MONTH:
        # A monthly metric charted from a year's view: its months still tell its history.
        hist = history(ds, metric, code, era=era, kind=P.MONTH)
    points = tuple(HistoryPoint(r["period"], r["value"], r["rank"], r["of"], bool(r["approx"]))
                   for r in hist.iter_rows(named=True))
    absorbed: tuple[str, ...] = ()
    if era == 34:
        olds = ds.registry.predecessors(code)
        if len(olds) > 1:
            absorbed = tuple(clean(ds.registry.name(c, 63)) for c in olds)
    return DetailView(code, era, clean(ds.registry.name(code, era)), period, metric, tuple(lines),
                      points, absorbed, against_period(ds, period, compare, metric))


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


def movers_view(ds: "Dataset", metric: str, period: str | None, compare: str | None,
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
