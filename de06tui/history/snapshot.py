"""What one snapshot is: its description (``SnapshotInfo``) and how it is made from fetched rows."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any

import polars as pl

from de06tui.core import periods as P

YTD = "ytd"
PERIOD_TYPES = (P.MONTH, P.QUARTER, P.YEAR, YTD)
# One snapshot's rows; its source and period live in the index and the folder names.
COLUMNS = {"unit": pl.Utf8, "metric": pl.Utf8, "value": pl.Float64, "numerator": pl.Float64,
           "denominator": pl.Float64, "flag": pl.Utf8}


@lru_cache(maxsize=1)
def vietnam() -> tzinfo:
    """Asia/Ho_Chi_Minh; a fixed +07:00 where the tz database is missing (Vietnam has no DST)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no tz database (Windows without tzdata): the offset has been fixed since 1975
        return timezone(timedelta(hours=7), "ICT")


def vietnam_time(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a fetch time must carry its time zone")
    return moment.astimezone(vietnam())


@dataclass(frozen=True)
class SnapshotInfo:
    """One row of the index: everything known about a snapshot without reading its data."""

    id: str
    source: str  # the partition key: "dvcqg", or a slug of a feed URL
    source_label: str  # where it came from, for people (no query string)
    period: str
    period_type: str
    vn_date: str  # the Vietnam date of the fetch: the snapshot's day
    fetched_utc: str
    fetched_ict: str
    source_as_of: str | None
    cohort: str  # the units present, comma-separated in sorted order
    units: int
    complete: bool
    missing: str  # what makes it partial, empty when complete
    checksum: str
    synthetic: bool
    rows: int
    path: str  # the data file, relative to the store's root

    def as_row(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def cohort_units(self) -> frozenset[str]:
        return frozenset(u for u in self.cohort.split(",") if u)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.vn_date)

    @property
    def completeness(self) -> str:
        return "complete" if self.complete else "partial"


INDEX_SCHEMA = {"id": pl.Utf8, "source": pl.Utf8, "source_label": pl.Utf8, "period": pl.Utf8,
                "period_type": pl.Utf8, "vn_date": pl.Utf8, "fetched_utc": pl.Utf8, "fetched_ict": pl.Utf8,
                "source_as_of": pl.Utf8, "cohort": pl.Utf8, "units": pl.Int32, "complete": pl.Boolean,
                "missing": pl.Utf8, "checksum": pl.Utf8, "synthetic": pl.Boolean, "rows": pl.Int32,
                "path": pl.Utf8}


def period_type(period: str, fetched_ict: datetime) -> str:
    """A year fetched while it is still running is a year to date: its figures move every day."""
    k = P.kind(period)
    if k == P.YEAR and fetched_ict.year == P.year_of(period):
        return YTD
    return k


def checksum(rows: pl.DataFrame) -> str:
    """SHA-256 of the rows in a canonical order and text form: equal figures, equal checksum."""
    canon = rows.select(list(COLUMNS)).sort(["unit", "metric"])
    return hashlib.sha256(canon.write_csv().encode("utf-8")).hexdigest()


def rows_of(frame: pl.DataFrame, period: str) -> pl.DataFrame:
    """One period of a canonical dataset frame as snapshot rows."""
    return (frame.filter(pl.col("period").cast(pl.Utf8) == period)
            .select(pl.col("province").cast(pl.Utf8).alias("unit"), pl.col("metric").cast(pl.Utf8),
                    pl.col("value").cast(pl.Float64), pl.col("numerator").cast(pl.Float64),
                    pl.col("denominator").cast(pl.Float64), pl.col("flag").cast(pl.Utf8))
            .sort(["unit", "metric"]))


def completeness(rows: pl.DataFrame, expected_units: set[str] | None,
                 required_metrics: tuple[str, ...] | None) -> tuple[bool, str]:
    """Complete when every expected unit is there with every required metric (default: every
    metric any unit has). The second item says what is missing."""
    units = set(rows["unit"].to_list())
    metrics = tuple(required_metrics) if required_metrics else tuple(sorted(set(rows["metric"].to_list())))
    problems = []
    absent = sorted((expected_units or set()) - units)
    if absent:
        problems.append(f"{len(absent)} unit(s) absent: {', '.join(absent[:8])}" + (" …" if len(absent) > 8 else ""))
    have = rows.filter(pl.col("value").is_not_null()).group_by("unit").agg(pl.col("metric").unique())
    gaps = []
    for unit, present in sorted(have.iter_rows()):
        lacking = [m for m in metrics if m not in set(present)]
        if lacking:
            gaps.append(f"{unit} lacks {', '.join(lacking)}")
    if gaps:
        problems.append("; ".join(gaps[:5]) + (f"; and {len(gaps) - 5} more" if len(gaps) > 5 else ""))
    return not problems, "; ".join(problems)


def snapshot_id(fetched_utc: datetime, digest: str) -> str:
    return fetched_utc.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + digest[:10]


def describe(rows: pl.DataFrame, *, source: str, source_label: str, period: str, fetched: datetime,
             source_as_of: str | None = None, synthetic: bool = False,
             expected_units: set[str] | None = None,
             required_metrics: tuple[str, ...] | None = None) -> SnapshotInfo:
    """The index row of a snapshot of ``rows`` (see ``rows_of``) fetched at ``fetched`` (aware)."""
    utc = fetched.astimezone(UTC)
    ict = vietnam_time(fetched)
    digest = checksum(rows)
    complete, missing = completeness(rows, expected_units, required_metrics)
    units = sorted(set(rows["unit"].to_list()))
    sid = snapshot_id(utc, digest)
    return SnapshotInfo(
        id=sid, source=source, source_label=source_label, period=period,
        period_type=period_type(period, ict), vn_date=ict.date().isoformat(),
        fetched_utc=utc.isoformat(timespec="seconds"), fetched_ict=ict.isoformat(timespec="seconds"),
        source_as_of=source_as_of, cohort=",".join(units), units=len(units), complete=complete,
        missing=missing, checksum=digest, synthetic=synthetic, rows=rows.height,
        path=f"snapshots/source={source}/period={period}/{sid}.parquet")
