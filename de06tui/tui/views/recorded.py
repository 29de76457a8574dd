"""Views from the history store, for a source whose fetches are recorded (a portal or a feed).

Every function here runs in a worker: it is given the store's root and the source's key (a
``Recorded``), opens the store itself and reads nothing off the app. The comparison rules are the
core's (``core.snapshot_compare``, ``history.compare``); a refusal becomes the view's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from de06tui.tui.views.board import BoardRow, BoardView, view_for
from de06tui.tui.views.detail import HistoryPoint
from de06tui.tui.views.movers import MoverRow, MoversView

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.core.query import BoardQuery
    from de06tui.history.snapshot import SnapshotInfo
    from de06tui.history.store import Store


@dataclass(frozen=True)
class Recorded:
    """What a view needs to read the history: where the store is, which source, what is asked."""

    root: str
    source: str
    since_yesterday: bool = False
    as_of: str = ""  # a snapshot id; "" is the latest recorded day


@dataclass(frozen=True)
class RecordedRow(BoardRow):
    value_change: float | None = None  # since yesterday, when compared
    status: str | None = None  # both | new | gone, when compared


@dataclass(frozen=True)
class RecordedBoardView(BoardView):
    as_of: str = ""  # the shown snapshot's fetch time, ISO, Vietnam time
    snapshot_ids: tuple[str, ...] = ()  # the period's recorded snapshots, oldest first
    snapshot_id: str = ""
    since_yesterday: bool = False
    before_day: str = ""  # the Vietnam date compared with, when there was one
    reason: str = ""  # why every change is blank
    rank_reason: str = ""  # why rank changes are blank
    gone: tuple[str, ...] = ()  # names of units yesterday had and the shown snapshot has not


@dataclass(frozen=True)
class RecordedMovers(MoversView):
    as_of: str = ""
    before_day: str = ""
    reason: str = ""


def as_of_text(iso: str, lang: str) -> str:
    """"as of 10/10/2026 07:00 (ICT)" from a Vietnam-time ISO stamp."""
    stamp = f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]} {iso[11:16]}"
    return f"tính đến {stamp} (giờ VN)" if lang == "vi" else f"as of {stamp} (ICT)"


def day_text(day: str) -> str:
    """A Vietnam date "2026-10-09" as 09/10/2026."""
    return f"{day[8:10]}/{day[5:7]}/{day[0:4]}"


def _store(rec: Recorded) -> Store:
    from de06tui.history.store import Store

    return Store(Path(rec.root))


def _shown(store: Store, snaps: list[SnapshotInfo], as_of: str) -> SnapshotInfo:
    """The asked snapshot when it is one of the period's, else the one standing for the last day."""
    for s in snaps:
        if s.id == as_of:
            return s
    last = snaps[-1]
    return store.of_day(last.source, last.period, last.period_type, last.day) or last


def snapshot_dataset(store: Store, info: SnapshotInfo, like: Dataset) -> Dataset:
    """One snapshot's rows as a dataset of the shown period (the same metrics and registry)."""
    from de06tui.core.dataset import dataset_from_records

    rows = store.rows(info).drop("flag").rename({"unit": "province"})
    records = [{"period": info.period, **r} for r in rows.iter_rows(named=True)]
    return dataset_from_records(records, source=info.source_label, synthetic=info.synthetic,
                                catalog=like.catalog, registry=like.registry)


def board(ds: Dataset, query: BoardQuery, rec: Recorded, changed: frozenset = frozenset()) -> BoardView:
    """The board, with its as-of and, since yesterday, the core's comparison of the two days."""
    from de06tui.history.store import StoreError

    base = view_for(ds, query, changed)
    if base.period is None:
        return base
    store = _store(rec)
    try:
        snaps = store.snapshots(rec.source, base.period)
    except StoreError as exc:
        return _wrap(base, reason=str(exc))
    if not snaps:
        return base  # nothing recorded for this period: the board as the data gives it
    info = _shown(store, snaps, rec.as_of)
    ids = tuple(s.id for s in snaps)
    try:
        if rec.as_of == info.id:
            base = view_for(snapshot_dataset(store, info, ds), query, changed)
        if not rec.since_yesterday:
            return _wrap(base, as_of=info.fetched_ict, snapshot_ids=ids, snapshot_id=info.id)
        return _since_yesterday(base, store, info, ids, ds.catalog[query.metric].higher_is_better)
    except StoreError as exc:
        return _wrap(base, as_of=info.fetched_ict, snapshot_ids=ids, snapshot_id=info.id, reason=str(exc))


def _compare(store: Store, info: SnapshotInfo, metric: str, higher: bool):
    """The core's since-yesterday comparison, or (None, why it is refused)."""
    from de06tui.core.snapshot_compare import ComparisonRefused
    from de06tui.history.compare import since_yesterday

    try:
        return since_yesterday(store, info, metric, higher), ""
    except ComparisonRefused as exc:
        return None, str(exc)


def _since_yesterday(base: BoardView, store: Store, info: SnapshotInfo, ids: tuple[str, ...],
                     higher: bool) -> RecordedBoardView:
    cmp, refused = _compare(store, info, base.metric, higher)
    common: dict[str, Any] = dict(as_of=info.fetched_ict, snapshot_ids=ids, snapshot_id=info.id,
                                  since_yesterday=True)
    if cmp is None:
        return _wrap(base, rows=_blank(base.rows), reason=refused, rank_reason=refused, **common)
    table = {r["unit"]: r for r in cmp.table.iter_rows(named=True)}
    rows = []
    for r in base.rows:
        t = table.get(r.code) or {}
        rows.append(_row(r, rank_change=t.get("rank_change"), value_change=t.get("change"),
                         status=t.get("status")))
    shown = {r.code for r in base.rows}
    names = {r.code: r.name for r in base.rows}
    gone = tuple(names.get(u, u) for u, t in table.items() if t["status"] == "gone" and u not in shown)
    return _wrap(base, rows=tuple(rows), before_day=cmp.before.vn_date if cmp.before else "",
                 reason=cmp.reason or "", rank_reason=cmp.rank_reason or "", gone=gone, **common)


def _row(r: BoardRow, **extra: Any) -> RecordedRow:
    own = {f.name: getattr(r, f.name) for f in fields(BoardRow)}
    return RecordedRow(**{**own, **extra})


def _blank(rows: tuple[BoardRow, ...]) -> tuple[RecordedRow, ...]:
    return tuple(_row(r, rank_change=None) for r in rows)


def _wrap(base: BoardView, **extra: Any) -> RecordedBoardView:
    own = {f.name: getattr(base, f.name) for f in fields(BoardView)}
    own.update({k: v for k, v in extra.items() if k in own})
    return RecordedBoardView(**own, **{k: v for k, v in extra.items() if k not in own})


def movers(ds: Dataset, query: BoardQuery, rec: Recorded, count: int = 10) -> MoversView | None:
    """The day's top improvers and drops since yesterday; None when the period is not recorded."""
    from de06tui.core.snapshot_compare import movers as core_movers

    view = board(ds, query, rec)
    if not isinstance(view, RecordedBoardView) or view.period is None:
        return None
    if view.reason:
        return RecordedMovers(query.metric, None, None, (), (), view.era, view.as_of, "", view.reason)
    store = _store(rec)
    info = next(s for s in store.snapshots(rec.source, view.period) if s.id == view.snapshot_id)
    cmp, refused = _compare(store, info, query.metric, ds.catalog[query.metric].higher_is_better)
    if cmp is None or cmp.reason:
        why = refused or (cmp.reason if cmp else "")
        return RecordedMovers(query.metric, None, None, (), (), view.era, view.as_of, "", why or "")
    up, down = core_movers(cmp, count, ds.catalog[query.metric].higher_is_better)
    by_code = {r.code: r for r in view.rows}

    def rows(frame) -> tuple[MoverRow, ...]:
        out = []
        for t in frame.iter_rows(named=True):
            r = by_code.get(t["unit"])
            out.append(MoverRow(code=t["unit"], name=r.name if r else t["unit"], rank=t["rank_after"],
                                prev_rank=t["rank_before"], rank_change=t["rank_change"], value=t["after"],
                                prev_value=t["before"], value_change=t["change"],
                                approx=False, real=bool(r.real) if r else True))
        return tuple(out)

    return RecordedMovers(query.metric, view.period, view.period, rows(up), rows(down), view.era,
                          view.as_of, view.before_day, cmp.rank_reason or "")


def history(rec: Recorded, code: str, period: str, metric: str, higher: bool) -> tuple[HistoryPoint, ...] | None:
    """A unit's recorded history: for a running year one point per Vietnam day, else one per
    recorded period of the same kind (its latest day). None when the period is not recorded."""
    from de06tui.core import periods as P
    from de06tui.history.snapshot import YTD
    from de06tui.history.store import StoreError

    store = _store(rec)
    try:
        snaps = store.snapshots(rec.source, period)
        if not snaps:
            return None
        if snaps[-1].period_type == YTD:
            days = sorted({s.vn_date for s in snaps if s.period_type == YTD})
            standing = [store.of_day(rec.source, period, YTD, _date(d)) for d in days]
            return tuple(_point(store, s, s.vn_date, code, metric, higher) for s in standing if s)
        kind = P.kind(period)
        others = sorted({s.period for s in store.snapshots(rec.source) if P.kind(s.period) == kind},
                        key=P.sort_key)
        out = []
        for p in others:
            ss = store.snapshots(rec.source, p)
            last = store.of_day(rec.source, p, ss[-1].period_type, ss[-1].day) or ss[-1]
            out.append(_point(store, last, p, code, metric, higher))
        return tuple(out)
    except StoreError:
        return None


def _date(day: str):
    from datetime import date

    return date.fromisoformat(day)


def _point(store: Store, info: SnapshotInfo, label: str, code: str, metric: str, higher: bool) -> HistoryPoint:
    import polars as pl

    rows = store.rows(info).filter((pl.col("metric") == metric) & pl.col("value").is_not_null())
    ranked = rows.with_columns(rank=pl.col("value").rank(method="min", descending=higher).cast(pl.Int32))
    mine = ranked.filter(pl.col("unit") == code)
    if mine.height == 0:
        return HistoryPoint(label, None, None, ranked.height, False)
    return HistoryPoint(label, mine["value"][0], int(mine["rank"][0]), ranked.height, False)
