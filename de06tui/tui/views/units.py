"""A units board's rows (departments or communes of one province, or of every province) and a
unit's detail, computed off the UI thread from a ``UnitSet`` (the ranking is the core's)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from de06tui.core.collation import vi_key
from de06tui.core.portal import COMMUNE, DEPARTMENT
from de06tui.core.text import clean, fold

if TYPE_CHECKING:
    from de06tui.core.units import UnitSet

TOTAL = "total_score"
# A snapshot: a period and the day it was taken (None when the source does not say).
Snapshot = tuple[str, "str | None"]


@dataclass(frozen=True)
class UnitQuery:
    """What a units board shows; the screen keeps one and replaces it on each key."""

    province: str | None  # registry code; None: every province
    cohort: str  # department | commune
    snapshot: Snapshot | None = None  # None: the latest
    before: int = 0  # which earlier snapshot the change is against: 0 the one before, -1 none
    cluster: str = ""  # a [clusters] entry of the config (its members shown, ranks kept)
    filter: str = ""
    sort: str = "rank"
    reverse: bool = False

    def ranked(self) -> tuple:
        """What the worker computes on; cluster, filter and sort only narrow and order its rows."""
        return (self.province, self.cohort, self.snapshot, self.before)


@dataclass(frozen=True)
class UnitRow:
    rank: int | None
    source_rank: int | None
    code: str
    name: str  # cleaned for display
    province: str
    province_name: str
    value: float | None
    rank_change: int | None
    value_change: float | None
    flag: str
    real: bool
    folded: str  # name and province, folded: the filter matches either without diacritics


@dataclass(frozen=True)
class UnitBoardView:
    query: tuple  # view_key() of the query it was computed for
    snapshots: tuple[Snapshot, ...]  # every snapshot of the source, oldest first
    snapshot: Snapshot | None  # the one shown
    against: Snapshot | None  # what the change is measured against
    rows: tuple[UnitRow, ...]
    counts: dict[str, int] = field(default_factory=dict)  # units per cohort in scope
    widths: tuple[int, ...] = ()  # column_widths of all the rows, worked out with them
    frame: Any = field(default=None, compare=False, repr=False)  # the core's board, for export


def snapshots(units: UnitSet) -> tuple[Snapshot, ...]:
    return tuple((p, d) for p in units.periods() for d in units.snapshots(p))


def _against(shots: tuple[Snapshot, ...], shown: Snapshot, before: int) -> Snapshot | None:
    earlier = list(shots[: shots.index(shown)]) if shown in shots else []
    if before < 0 or before >= len(earlier):
        return None
    return earlier[-1 - before]


def shown_snapshot(query: UnitQuery, shots: tuple[Snapshot, ...]) -> Snapshot | None:
    """The snapshot a query shows: the one it names, else the latest."""
    return query.snapshot if query.snapshot in shots else (shots[-1] if shots else None)


def view_key(query: UnitQuery, shots: tuple[Snapshot, ...]) -> tuple:
    """What a view is kept under: the query's ``ranked()`` with the snapshot it shows, so the
    latest asked for by name and by default are one view."""
    return replace(query, snapshot=shown_snapshot(query, shots)).ranked()


def unit_view(units: UnitSet, query: UnitQuery, province_names: dict[str, str]) -> UnitBoardView:
    """The rows the core ranks for ``query`` (no snapshot: an empty view). A cluster keeps the
    ranks among the whole scope, so it narrows these rows (``shown_rows``) like a filter."""
    import polars as pl

    from de06tui.core.units import unit_board

    shots = snapshots(units)
    scope = units.frame if query.province is None else units.frame.filter(pl.col("province") == query.province)
    counts = dict(scope.filter(pl.col("metric") == TOTAL).group_by("cohort")
                  .agg(pl.col("unit").n_unique()).iter_rows())
    shown = shown_snapshot(query, shots)
    if shown is None:
        return UnitBoardView(view_key(query, shots), shots, None, None, (), counts)
    against = _against(shots, shown, query.before)
    board = unit_board(units, query.province, query.cohort, TOTAL, shown[0], as_of=shown[1],
                       before=against if against else ("", None))
    if against is None:
        board = board.with_columns(pl.lit(None, pl.Int32).alias("rank_change"),
                                   pl.lit(None, pl.Float64).alias("value_change"))
    rows = []
    for r in board.iter_rows(named=True):
        where = province_names.get(r["province"], r["province"])
        code, name, folded = _labels(r["unit"], r["name"], where)
        rows.append(UnitRow(r["rank"], r["source_rank"], code, name, r["province"], where,
                            r["value"], r["rank_change"], r["value_change"], clean(r["flag"] or ""),
                            bool(r["real"]), folded))
    widths = tuple(column_widths(rows, query.province is None))
    return UnitBoardView(view_key(query, shots), shots, shown, against, tuple(rows), counts, widths, board)


@lru_cache(maxsize=16384)
def _labels(code: str, name: str, where: str) -> tuple[str, str, str]:
    """A unit's code and name made safe to show, and its search text. The same few thousand units
    come back with every snapshot and comparison, so each is worked out once."""
    shown = clean(name)
    return clean(code), shown, fold(f"{shown} {where}")


def cluster_members(units: UnitSet, members: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The codes, as the rows show them, of the units a ``[clusters]`` entry names."""
    from de06tui.core.units import cluster_units

    return frozenset(clean(code) for code in cluster_units(units, members))


def score_text(value: float | None, lang: str) -> str:
    """A unit's score as the portal gives it, two decimals, in the language's decimal mark."""
    from de06tui.core.numbers import number

    return "–" if value is None else number(value, 2, lang, grouping=False)


# The same few thousand names are sorted again on every sort key and snapshot.
_vi_key = lru_cache(maxsize=16384)(vi_key)


@lru_cache(maxsize=16384)
def _text_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def column_widths(rows: list[UnitRow], national: bool) -> list[int]:
    """The widest cell of each units-board column over ``rows``, from the figures themselves,
    so the table need not build every row's cells to size its columns (it builds those on
    screen). Ranks and counts are digits, scores two decimals with one mark, changes a sign."""
    def digits(values) -> int:
        return max((len(str(abs(v))) + (v < 0) if v is not None else 1 for v in values), default=1)

    def two_places(values) -> int:
        return max((len(f"{v:.2f}") if v is not None else 1 for v in values), default=1)

    moved = [abs(r.rank_change) for r in rows if r.rank_change]
    changed = [abs(r.value_change) for r in rows if r.value_change is not None]
    out = [digits(r.rank for r in rows), digits(r.source_rank for r in rows),
           max((_text_width(r.name) for r in rows), default=0)]
    if national:
        out.append(max((_text_width(r.province_name) for r in rows), default=0))
    out += [two_places(r.value for r in rows),
            1 + max((len(str(m)) for m in moved), default=0),
            1 + two_places(changed) if changed else 0,
            1 if any(r.flag for r in rows) else 0]
    return out


def stepped(view: UnitBoardView, query: UnitQuery, step: int) -> UnitQuery | None:
    """The query ``step`` snapshots later (earlier, if negative), against the one before it;
    None past either end."""
    shots = list(view.snapshots)
    here = shots.index(view.snapshot) if view.snapshot in shots else len(shots) - 1
    if not shots or not 0 <= here + step < len(shots):
        return None
    return replace(query, snapshot=shots[here + step], before=0)


def next_before(view: UnitBoardView | None, query: UnitQuery) -> int:
    """The comparison after ``query.before``: the snapshot before, each earlier one, then none
    (-1), round again."""
    earlier = list(view.snapshots).index(view.snapshot) if view and view.snapshot in view.snapshots else 0
    b = query.before
    if b < 0:
        return -1 if earlier == 0 else 0
    return b + 1 if b + 1 < earlier else -1


def next_cluster(clusters: dict[str, tuple[str, ...]], current: str) -> str:
    """The cluster after ``current`` in name order, then none (""), round again."""
    names = [""] + sorted(clusters)
    here = names.index(current) if current in names else 0
    return names[(here + 1) % len(names)]


def next_sort(query: UnitQuery) -> str:
    """The sort column after the query's; the province only on the national board."""
    cols = [c for c in SORTS if c != "province" or query.province is None]
    here = cols.index(query.sort) if query.sort in cols else -1
    return cols[(here + 1) % len(cols)]


def one_key_away(view: UnitBoardView, query: UnitQuery) -> list[UnitQuery]:
    """The queries a single key leads to from ``view`` that need a view of their own: the other
    cohort, the snapshots either side, the next comparison. They are worked out ahead."""
    other = DEPARTMENT if query.cohort == COMMUNE else COMMUNE
    out = [replace(query, cohort=other), stepped(view, query, -1), stepped(view, query, 1),
           replace(query, before=next_before(view, query))]
    return [q for q in out if q is not None and q.ranked() != query.ranked()]


SORTS: dict[str, bool] = {"rank": False, "name": False, "value": True, "change": True, "province": False}


def shown_rows(view: UnitBoardView, text: str, sort: str, reverse: bool,
               members: frozenset[str] | None = None) -> list[UnitRow]:
    """The rows whose name or province contains the folded ``text`` (and, given a cluster's
    ``members``, whose unit is one of them), in the order asked."""
    q = fold(text)
    rows = [r for r in view.rows if r.code in members] if members is not None else list(view.rows)
    rows = [r for r in rows if q in r.folded] if q else rows
    # Names in Vietnamese alphabetical order (a, ă, â, b … đ after d), as the core orders ties.
    key = {"rank": lambda r: r.rank, "name": lambda r: _vi_key(r.name), "value": lambda r: r.value,
           "change": lambda r: r.rank_change, "province": lambda r: _vi_key(r.province_name)}[sort]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=SORTS[sort] != reverse)  # stable: equal keys keep the ranks' order
    return present + missing


@dataclass(frozen=True)
class UnitDetail:
    code: str
    name: str
    groups: tuple[tuple[str, float | None], ...]  # metric id, value in the snapshot shown
    history: tuple[tuple[Snapshot, float | None, int | None, int | None], ...]  # total, rank, of
    flag: str = ""


def unit_detail(units: UnitSet, code: str, province: str | None, cohort: str,
                shown: Snapshot | None) -> UnitDetail:
    """A unit's groups in the snapshot shown, and its total and rank in every snapshot."""
    import polars as pl

    from de06tui.core.units import unit_history

    mine = units.frame.filter(pl.col("unit") == code)
    name = clean(mine["name"][0]) if mine.height else code
    history = [((p, d), value, rank, of)
               for p, d, value, rank, of in unit_history(units, code, province, cohort, TOTAL)]
    at = mine.filter((pl.col("period") == shown[0]) & (
        pl.col("as_of").is_null() if shown[1] is None else pl.col("as_of") == shown[1])) if shown else mine
    groups = tuple(sorted((m, v) for m, v in at.filter(pl.col("metric") != TOTAL)
                          .select("metric", "value").iter_rows()))
    flags = at.filter(pl.col("flag").is_not_null())["flag"].to_list()
    return UnitDetail(clean(code), name, groups, tuple(history), clean(flags[0]) if flags else "")
