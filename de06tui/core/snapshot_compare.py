"""Comparing two snapshots of one source and period, under strict rules.

- Both sides must be of the same source, period and period type, and both real or both synthetic.
- A unit with a value on one side only is "new" or "gone"; its change is blank, never a change
  from or to 0.
- Ranks are compared only when both cohorts are identical and every unit is scored on both sides;
  otherwise every rank change is blank and ``rank_reason`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import polars as pl

BOTH, NEW, GONE = "both", "new", "gone"


class SnapshotLike(Protocol):
    # Read-only members, so that frozen dataclasses (history's SnapshotInfo) satisfy it.
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def period_type(self) -> str: ...
    @property
    def vn_date(self) -> str: ...
    @property
    def synthetic(self) -> bool: ...
    @property
    def cohort(self) -> str: ...


class ComparisonRefused(ValueError):
    """Two snapshots that must not be compared; the message says which and why."""


@dataclass(frozen=True)
class Comparison:
    """``table``: unit, before, after, change, status, rank_before, rank_after, rank_change."""

    metric: str
    before: SnapshotLike | None
    after: SnapshotLike
    table: pl.DataFrame
    reason: str | None = None  # why every change is blank (no snapshot to compare with)
    rank_reason: str | None = None  # why rank changes are blank


def _values(rows: pl.DataFrame, metric: str) -> pl.DataFrame:
    return (rows.filter((pl.col("metric") == metric) & pl.col("value").is_not_null())
            .select(pl.col("unit").cast(pl.Utf8), pl.col("value").cast(pl.Float64)))


def _ranked(values: pl.DataFrame, higher_is_better: bool) -> pl.Series:
    return values["value"].rank(method="min", descending=higher_is_better).cast(pl.Int32)


def check_comparable(before: SnapshotLike, after: SnapshotLike) -> None:
    if before.synthetic != after.synthetic:
        raise ComparisonRefused(f"snapshot {before.id} is {'synthetic' if before.synthetic else 'real'} and "
                                f"{after.id} is {'synthetic' if after.synthetic else 'real'}: they are never compared")
    for field in ("source", "period", "period_type"):
        if getattr(before, field) != getattr(after, field):
            raise ComparisonRefused(f"snapshots {before.id} and {after.id} differ in {field} "
                                    f"({getattr(before, field)} vs {getattr(after, field)})")


def compare_snapshots(before: SnapshotLike, before_rows: pl.DataFrame, after: SnapshotLike,
                      after_rows: pl.DataFrame, metric: str, higher_is_better: bool = True) -> Comparison:
    """``after`` against ``before`` on one metric. Raises ComparisonRefused (see the module)."""
    check_comparable(before, after)
    b, a = _values(before_rows, metric), _values(after_rows, metric)
    rank_reason = None
    if before.cohort != after.cohort:
        rank_reason = "the two snapshots do not hold the same units"
    elif b.height != len(before.cohort.split(",")) or a.height != len(after.cohort.split(",")):
        rank_reason = f"not every unit has a {metric} value on both sides"
    b = b.with_columns(rank_before=_ranked(b, higher_is_better)).rename({"value": "before"})
    a = a.with_columns(rank_after=_ranked(a, higher_is_better)).rename({"value": "after"})
    table = (b.join(a, on="unit", how="full", coalesce=True)
             .with_columns(
                 change=pl.col("after") - pl.col("before"),
                 status=pl.when(pl.col("before").is_null()).then(pl.lit(NEW))
                 .when(pl.col("after").is_null()).then(pl.lit(GONE)).otherwise(pl.lit(BOTH)),
                 rank_change=pl.lit(None, pl.Int32) if rank_reason
                 else pl.col("rank_before") - pl.col("rank_after"))
             .select("unit", "before", "after", "change", "status", "rank_before", "rank_after", "rank_change")
             .sort("unit"))
    return Comparison(metric, before, after, table, None, rank_reason)


def no_comparison(after: SnapshotLike, after_rows: pl.DataFrame, metric: str, reason: str) -> Comparison:
    """Every change blank, with the reason shown: there is nothing it may be compared with."""
    a = _values(after_rows, metric).rename({"value": "after"})
    table = a.select(
        "unit", pl.lit(None, pl.Float64).alias("before"), "after", pl.lit(None, pl.Float64).alias("change"),
        pl.lit(None, pl.Utf8).alias("status"), pl.lit(None, pl.Int32).alias("rank_before"),
        pl.lit(None, pl.Int32).alias("rank_after"), pl.lit(None, pl.Int32).alias("rank_change")).sort("unit")
    return Comparison(metric, None, after, table, reason, reason)


def movers(comparison: Comparison, n: int = 5, higher_is_better: bool = True) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The top improvers and the top drops: units on both sides whose value moved, best move first."""
    moved = comparison.table.filter((pl.col("status") == BOTH) & (pl.col("change") != 0))
    gain = pl.col("change") if higher_is_better else -pl.col("change")
    moved = moved.with_columns(improvement=gain)
    improvers = moved.filter(pl.col("improvement") > 0).sort(["improvement", "unit"], descending=[True, False])
    drops = moved.filter(pl.col("improvement") < 0).sort(["improvement", "unit"])
    return improvers.head(n), drops.head(n)
