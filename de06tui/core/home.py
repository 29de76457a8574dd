"""My province: where the home province stands on each metric, and what it takes to climb.

Every figure comes from the leaderboard of the period and comparison asked for (``leaderboard``),
so it matches the board on screen. Ranks are competition ranks (1, 2, 2, 4): a province that
reaches the value of the one above shares its rank, so "the gap to the next rank up" is the
distance to *equal* that province, not to pass it.

Dossiers needed, for a rate with counts (higher is better): with the home province's own
denominator ``den`` held at this period's volume, the online (or synced) dossiers it would need
beyond its ``num`` to reach a target rate ``t`` are

    k = ceil(t / 100 × den − num)

(the smallest whole k with (num + k) / den × 100 ≥ t). The margin of safety is the dossiers it
could lose and still keep its rank: floor(num − t_below / 100 × den), where equal keeps a shared
rank. Both are computed to 6 decimal places first, so a product like 12.0000000001 is 12.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, SupportsInt, cast

import polars as pl

from de06tui.core import periods as P
from de06tui.core.dataset import Dataset
from de06tui.core.metrics import MetricDef
from de06tui.core.ranking import AUTO, compare_period, leaderboard, target_era
from de06tui.core.registry import UnknownProvince
from de06tui.core.thresholds import Band, band

# The six groups of the Decision 766 index, 100 points in all.
GROUPS_766 = ("transparency_score", "progress_score", "online_service_score", "online_payment_score",
              "digitisation_score", "satisfaction_score")
TOP_THREE = 3
# Units (departments, communes) of a province, one row per unit and metric; empty until units exist.
UNITS_SCHEMA = {"unit": pl.Utf8, "cohort": pl.Utf8, "metric": pl.Utf8, "value": pl.Float64}


class HomeError(ValueError):
    """The home province cannot be used; the message names where it was given."""


@dataclass(frozen=True)
class Target:
    """A rank to reach (or to keep ahead of): who holds it, its value, and the distance to it."""

    rank: int
    names: tuple[str, ...]
    value: float
    gap: float
    """Distance in the metric's unit, always ≥ 0: the improvement needed, or the margin kept."""
    dossiers: int | None = None
    """For a rate with counts: dossiers needed (above) or dossiers to spare (below)."""


@dataclass(frozen=True)
class UnitNeed:
    """One of the home province's units on a metric, with what it leaves on the table."""

    unit: str
    cohort: str
    value: float
    points_left: float


@dataclass(frozen=True)
class Standing:
    """The home province on one metric, for one period, against one comparison period."""

    metric: str
    period: str
    compare_period: str | None
    value: float
    numerator: float | None
    denominator: float | None
    approx: bool
    rank: int
    of: int
    prev_rank: int | None
    rank_change: int | None
    """Positive when the province moved up."""
    prev_value: float | None
    value_change: float | None
    band: Band
    highlight: str
    """The board's top / bottom / middle marking."""
    up: Target | None
    top_three: Target | None
    down: Target | None
    points_left: float
    """Maximum − score (for lower-is-better metrics, score − minimum)."""
    main: bool
    group: bool
    weakest_units: tuple[UnitNeed, ...] = ()


@dataclass(frozen=True)
class HomeReport:
    """Everything the My province screen shows, computed from the boards of one period."""

    province: str
    name: str
    era: int
    period: str
    compare: str | None
    synthetic: bool
    standings: tuple[Standing, ...]
    missing: tuple[str, ...] = field(default=())
    """Metric ids with no value for the home province in the period."""
    units_in_need: tuple[UnitNeed, ...] = field(default=())
    """The units furthest from the maximum over the main metrics (value: their mean share of it, %)."""

    def get(self, metric: str) -> Standing | None:
        return next((s for s in self.standings if s.metric == metric), None)

    @property
    def main(self) -> list[Standing]:
        return [s for s in self.standings if s.main]

    @property
    def groups_by_gain(self) -> list[Standing]:
        """The 766 groups, the one with most points left on the table first."""
        return sorted((s for s in self.standings if s.group), key=lambda s: (-s.points_left, s.metric))


def resolve_home(ds: Dataset, text: str | None, era: int, where: str = "--home") -> str:
    """The home province's code on ``era``'s registry, from any spelling the resolver takes."""
    if not text or not str(text).strip():
        raise HomeError(f"{where}: no home province given; set home = \"…\" in the config or pass --home NAME")
    try:
        return ds.registry.resolve(text, era)
    except UnknownProvince as exc:
        raise HomeError(f"{where}: {exc}") from None


def metric_period(ds: Dataset, metric: str, period: str) -> str | None:
    """The period a metric is shown for: ``period`` when it has (or can compute) data there, else the
    latest of its periods that contains it (the 766 groups are published as the year to date)."""
    if period in ds.periods(metric) or (P.kind(period) != P.MONTH and ds.periods(metric, P.MONTH)
                                        and any(p in ds.periods(metric) for p in P.months_of(period))):
        return period
    last = P.last_month(period)
    covering = [p for p in ds.periods(metric) if P.kind(p) != P.MONTH and p != period
                and P.first_month(p) <= last <= P.last_month(p)]
    return covering[-1] if covering else None


def dossiers_to_reach(target: float, numerator: float, denominator: float, higher: bool) -> int:
    """Dossiers the numerator must gain (or, lower being better, shed) to equal ``target`` %."""
    need = target / 100 * denominator - numerator if higher else numerator - target / 100 * denominator
    return max(0, math.ceil(round(need, 6)))


def dossiers_to_spare(below: float, numerator: float, denominator: float, higher: bool) -> int:
    """Dossiers the numerator can lose (or gain) and still stay level with ``below`` %."""
    spare = numerator - below / 100 * denominator if higher else below / 100 * denominator - numerator
    return max(0, math.floor(round(spare, 6)))


def _target(rows: pl.DataFrame, pick_max: bool, home: dict[str, Any], m: MetricDef, reach: bool) -> Target | None:
    if rows.height == 0:
        return None
    rank = rows["rank"].max() if pick_max else rows["rank"].min()
    holders = rows.filter(pl.col("rank") == rank).sort("name")
    value = float(holders["value"][0])
    dossiers = None
    if m.counts and home["numerator"] is not None and home["denominator"]:
        count = dossiers_to_reach if reach else dossiers_to_spare
        dossiers = count(value, home["numerator"], home["denominator"], m.higher_is_better)
    # Rounded so a difference of two-decimal figures reads as one (0.64, not 0.6400000000000006).
    gap = round(abs(value - home["value"]), 9)
    return Target(int(cast(SupportsInt, rank)), tuple(holders["name"].to_list()), value, gap, dossiers)


def _weakest(units: pl.DataFrame, m: MetricDef, count: int = 3) -> tuple[UnitNeed, ...]:
    rows = units.filter(pl.col("metric") == m.id).sort("value", descending=not m.higher_is_better).head(count)
    return tuple(UnitNeed(r["unit"], r["cohort"], r["value"], _left(r["value"], m))
                 for r in rows.iter_rows(named=True))


def units_in_need(units: pl.DataFrame | None, metrics: list[MetricDef], count: int = 3) -> tuple[UnitNeed, ...]:
    """The ``count`` units with the lowest mean share of the maximum over ``metrics``."""
    if units is None or units.height == 0 or not metrics:
        return ()
    share = pl.lit(None, pl.Float64)
    for m in metrics:
        span = m.high - m.low
        own = (pl.col("value") - m.low) / span if m.higher_is_better else (m.high - pl.col("value")) / span
        share = pl.when(pl.col("metric") == m.id).then(own * 100).otherwise(share)
    ranked = (units.with_columns(share.alias("_share")).drop_nulls("_share")
              .group_by("unit", "cohort").agg(pl.col("_share").mean())
              .sort("_share", "unit").head(count))
    return tuple(UnitNeed(r["unit"], r["cohort"], round(r["_share"], 9), round(100 - r["_share"], 9))
                 for r in ranked.iter_rows(named=True))


def _left(value: float, m: MetricDef) -> float:
    return round(m.high - value if m.higher_is_better else value - m.low, 9)


def standing(board: pl.DataFrame, m: MetricDef, home: str, period: str, before: str | None,
             units: pl.DataFrame | None = None) -> Standing | None:
    """The home province's standing on one board; None when it has no row there."""
    found = board.filter(pl.col("province") == home)
    if found.height == 0 or found["value"][0] is None:
        return None
    row = found.row(0, named=True)
    r = row["rank"]
    shown_band = band(row["value"], m)
    assert shown_band is not None  # the value was checked present above
    return Standing(
        metric=m.id, period=period, compare_period=before, value=row["value"],
        numerator=row["numerator"], denominator=row["denominator"], approx=bool(row["approx"]),
        rank=r, of=board.height, prev_rank=row["prev_rank"], rank_change=row["rank_change"],
        prev_value=row["prev_value"], value_change=row["value_change"], band=shown_band,
        highlight=row["band"],
        up=_target(board.filter(pl.col("rank") < r), True, row, m, reach=True),
        top_three=None if r <= TOP_THREE else _target(
            board.filter(pl.col("rank") <= TOP_THREE), True, row, m, reach=True),
        down=_target(board.filter(pl.col("rank") > r), False, row, m, reach=False),
        points_left=_left(row["value"], m), main=m.main, group=m.id in GROUPS_766,
        weakest_units=_weakest(units, m) if units is not None and units.height else (),
    )


def home_report(ds: Dataset, home: str, period: str | None = None, compare: str | None = None,
                provinces: str | int = AUTO, units: pl.DataFrame | None = None,
                where: str = "--home") -> HomeReport:
    """The home province on every main metric and every 766 group, for ``period`` against ``compare``.

    ``home`` is any spelling the resolver takes; ``units`` (columns of ``UNITS_SCHEMA``) gives each
    metric's weakest units and may be None or empty.
    """
    main = ds.catalog.main()
    if period is None:
        period = ds.latest_period(main[0].id if main else None)
        if period is None:
            raise HomeError("no data loaded")
    era = target_era(period, provinces)
    code = resolve_home(ds, home, era, where)
    standings: list[Standing] = []
    missing: list[str] = []
    for m in ds.catalog:
        if not (m.main or m.id in GROUPS_766 or m.id == "total_score"):
            continue
        shown = metric_period(ds, m.id, period)
        s = None
        if shown is not None:
            board = leaderboard(ds, m.id, shown, provinces=provinces, compare=compare)
            before: str | None = compare_period(ds, shown, compare, m.id)
            before = before if board["prev_rank"].is_not_null().any() else None
            s = standing(board, m, code, shown, before, units)
        if s is None:
            missing.append(m.id)
        else:
            standings.append(s)
    if not standings:
        raise HomeError(f"no data for {ds.registry.name(code, era)} in {period}")
    return HomeReport(code, ds.registry.name(code, era), era, period, compare, ds.provenance.synthetic,
                      tuple(standings), tuple(missing), units_in_need(units, main))
