"""Pure ranking: a dataset, a metric and a period in; a leaderboard frame out. No I/O."""

from __future__ import annotations

import polars as pl
from polars.datatypes import DataTypeClass

from de06tui.core import periods as P
from de06tui.core.collation import vi_rank
from de06tui.core.dataset import Dataset
from de06tui.core.metrics import MetricDef

TOP, BOTTOM, MIDDLE = "top", "bottom", "middle"
AUTO = "auto"
# What a row is ranked by: its stated value, or 100 × numerator ÷ denominator.
BY_VALUE, BY_COUNTS = "value", "counts"

BOARD_SCHEMA: dict[str, DataTypeClass] = {
    "rank": pl.Int32, "province": pl.Utf8, "name": pl.Utf8, "region": pl.Utf8, "value": pl.Float64,
    "numerator": pl.Float64, "denominator": pl.Float64, "band": pl.Utf8, "prev_rank": pl.Int32,
    "rank_change": pl.Int32, "prev_value": pl.Float64, "value_change": pl.Float64,
    "approx": pl.Boolean, "real": pl.Boolean, "flag": pl.Utf8,
    "basis": pl.Utf8, "stated_value": pl.Float64, "change_approx": pl.Boolean, "era": pl.Int16,
}


class RankingError(ValueError):
    pass


def counts_value() -> pl.Expr:
    """100 × numerator ÷ denominator: the rate a row's counts give."""
    return pl.col("numerator") / pl.col("denominator") * 100


def contradicts_counts(tolerance: pl.Expr | float) -> pl.Expr:
    """A row whose stated value is further than ``tolerance`` from the rate its counts give."""
    has_counts = pl.col("numerator").is_not_null() & (pl.col("denominator") > 0)
    return (has_counts & pl.col("value").is_not_null()
            & ((pl.col("value") - counts_value()).abs() > tolerance)).fill_null(False)


def _rows(ds: Dataset, predicate: pl.Expr) -> pl.DataFrame:
    """The dataset's rows matching ``predicate``, keys as text, each row on the figure it ranks by.

    The dataset keeps its keys categorical to stay small; the few rows a view needs are mapped
    onto the other registry, joined and concatenated with text, so they take text from here on.
    A metric with counts whose stated value contradicts them (by more than the metric's display
    precision) is ranked by its counts, as a province combined from its predecessors always is,
    so the 63- and the 34-province views agree on who leads; ``basis`` says which.
    """
    rows = ds.frame.filter(predicate).with_columns(pl.col("period", "province", "metric").cast(pl.Utf8))
    tolerance = {m.id: 10.0 ** -m.decimals for m in ds.catalog if m.counts}
    wrong = contradicts_counts(pl.col("metric").replace_strict(
        tolerance, default=None, return_dtype=pl.Float64))
    return rows.with_columns(
        pl.when(wrong).then(counts_value()).otherwise(pl.col("value")).alias("value"),
        pl.when(wrong).then(pl.lit(BY_COUNTS)).otherwise(pl.lit(BY_VALUE)).alias("basis"),
        pl.when(wrong).then(pl.col("value")).otherwise(None).alias("stated_value"),
    )


def target_era(period: str, provinces: str | int = AUTO) -> int:
    """The registry a view is on: the period's own (auto), or 34 / 63 when asked."""
    era = P.era(period)
    if str(provinces) == AUTO:
        return era
    want = int(provinces)
    if want not in (34, 63):
        raise RankingError(f"--provinces must be 34, 63 or auto, got {provinces}")
    if want == 63 and era == 34:
        raise RankingError(f"{period} is reported on the 34 provinces; it cannot be split back into 63")
    return want


def combine(rows: pl.DataFrame, by: list[str], counted: set[str]) -> pl.DataFrame:
    """Combine rows into groups: count-weighted where a metric has counts, else a flagged mean."""
    has_counts = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    if "stated_value" not in rows.columns:
        rows = rows.with_columns(pl.lit(None, pl.Float64).alias("stated_value"))
    # Groups in the order rows come, so sums add up in the same order on every run: floating-point
    # sums in another order can differ in the last digit and turn a tie into a rank apart.
    return rows.with_columns(has_counts.alias("_c")).group_by(by, maintain_order=True).agg(
        pl.col("numerator").sum().alias("_num"),
        pl.col("denominator").sum().alias("_den"),
        pl.col("value").mean().alias("_mean"),
        pl.col("_c").all().alias("_all_counted"),
        pl.col("approx").any().alias("_approx"),
        pl.col("real").all().alias("real"),
        pl.col("flag").drop_nulls().unique().sort().str.join(",").alias("flag"),
        pl.col("stated_value").first().alias("_stated"),
        pl.len().alias("parts"),
    ).with_columns(
        weighted := (pl.col("_all_counted") & pl.col("metric").is_in(list(counted))
                     & (pl.col("_den") > 0)),
    ).select(
        *by,
        pl.when(weighted).then(pl.col("_num") / pl.col("_den") * 100).otherwise(pl.col("_mean")).alias("value"),
        pl.when(weighted).then(pl.col("_num")).otherwise(None).alias("numerator"),
        pl.when(weighted).then(pl.col("_den")).otherwise(None).alias("denominator"),
        # A mean of one row is that row's figure; a mean of several is not a weighted rate.
        pl.when(weighted | (pl.col("parts") == 1)).then(pl.col("_approx")).otherwise(True).alias("approx"),
        "real",
        pl.when(pl.col("flag") == "").then(None).otherwise(pl.col("flag")).alias("flag"),
        pl.when(weighted).then(pl.lit(BY_COUNTS)).otherwise(pl.lit(BY_VALUE)).alias("basis"),
        pl.when(pl.col("parts") == 1).then(pl.col("_stated")).otherwise(None).alias("stated_value"),
        "parts",
    )


def on_registry(ds: Dataset, frame: pl.DataFrame, era: int) -> pl.DataFrame:
    """Rows of any era expressed on ``era``'s provinces (63 → 34 through merged_from)."""
    if era == 63:
        return frame.filter(pl.col("era") == 63)
    new = frame.filter(pl.col("era") == 34)
    # A month before July 2025 restated on the 34 is used as given, not merged again from the 63.
    old = frame.filter(pl.col("era") == 63).join(new.select("period", "metric").unique(),
                                                 on=["period", "metric"], how="anti")
    if old.height == 0:
        return new
    successor = {p.code: ds.registry.successor(p.code) for p in ds.registry.provinces(63)}
    counted = {m.id for m in ds.catalog if m.counts}
    mapped = old.with_columns(pl.col("province").replace_strict(successor, return_dtype=pl.Utf8))
    merged = combine(mapped, ["period", "province", "metric"], counted)
    expected = {p.code: len(p.merged_from) for p in ds.registry.provinces(34)}
    merged = merged.with_columns(
        # A new province whose predecessors are not all present is only an estimate.
        (pl.col("approx") | (pl.col("parts") < pl.col("province").replace_strict(
            expected, return_dtype=pl.UInt32))).alias("approx"),
        pl.lit(34, pl.Int16).alias("era"),
    ).drop("parts")
    return pl.concat([new, merged.select(new.columns)], how="vertical_relaxed")


def _values(ds: Dataset, metric: str, period: str, era: int) -> pl.DataFrame:
    rows = _rows(ds, (pl.col("metric") == metric) & (pl.col("period") == period))
    if rows.height or P.kind(period) == P.MONTH:
        # A period the source gives directly (the portal's year to date) is used as given.
        return on_registry(ds, rows, era)
    return from_months(ds, metric, period, era)


def from_months(ds: Dataset, metric: str, period: str, era: int) -> pl.DataFrame:
    """A quarter or year computed from its months: count-weighted, else a mean flagged approximate.

    A province with months missing from the period is flagged approximate too.
    """
    months = P.months_of(period)
    rows = _rows(ds, (pl.col("metric") == metric) & pl.col("period").is_in(months))
    rows = on_registry(ds, rows, era)
    if rows.height == 0:
        return rows
    counted = {m.id for m in ds.catalog if m.counts}
    out = combine(rows, ["province", "metric"], counted)
    return out.with_columns(
        pl.lit(period).alias("period"),
        (pl.col("approx") | (pl.col("parts") < len(months))).alias("approx"),
        pl.lit(era, pl.Int16).alias("era"),
    ).select(rows.columns)


def _rank(frame: pl.DataFrame, m: MetricDef) -> pl.DataFrame:
    order = pl.col("value") if not m.higher_is_better else -pl.col("value")
    return frame.with_columns(
        order.rank("min").cast(pl.Int32).alias("rank"),
        (-order).rank("min").cast(pl.Int32).alias("_from_bottom"),
    )


def compare_period(ds: Dataset, period: str, compare: str | None, metric: str | None = None) -> str:
    """The period a view compares with: previous (default), 'year' (same period last year) or given."""
    if compare in (None, "previous", "prev"):
        before = ds.neighbour_period(period, -1, metric) if period in ds.periods(metric) else None
        return before or P.shift(period, -1)
    if compare in ("year", "last_year", "yoy"):
        return P.same_period_last_year(period)
    return P.parse_period(compare)


def leaderboard(ds: Dataset, metric: str, period: str, provinces: str | int = AUTO,
                compare: str | None = None, top: int | None = None,
                bottom: int | None = None) -> pl.DataFrame:
    """Competition-ranked provinces (1, 2, 2, 4) with band, previous rank and change.

    ``rank_change`` is positive when a province moved up (▲).
    """
    if metric not in ds.catalog:
        raise RankingError(f"unknown metric '{metric}'; known: {', '.join(ds.catalog.ids())}")
    m = ds.catalog[metric]
    era = target_era(period, provinces)
    top = m.top if top is None else top
    bottom = m.bottom if bottom is None else bottom
    board = _rank(_values(ds, metric, period, era), m)
    n = board.height
    board = board.with_columns(
        pl.when(pl.col("rank") <= top).then(pl.lit(TOP))
        .when((pl.col("_from_bottom") <= bottom) & (pl.lit(n) > top)).then(pl.lit(BOTTOM))
        .otherwise(pl.lit(MIDDLE)).alias("band"),
    )
    board = _with_previous(ds, board, m, period, compare_period(ds, period, compare, metric), era)
    names = {p.code: p.name for p in ds.registry.provinces(era)}
    regions = {p.code: ds.registry.region(p.code, era) for p in ds.registry.provinces(era)}
    board = board.with_columns(
        pl.col("province").replace_strict(names, default=pl.col("province"), return_dtype=pl.Utf8).alias("name"),
        pl.col("province").replace_strict(regions, default=None, return_dtype=pl.Utf8).alias("region"),
        (pl.col("prev_rank") - pl.col("rank")).cast(pl.Int32).alias("rank_change"),
        (pl.col("value") - pl.col("prev_value")).alias("value_change"),
        pl.lit(era, pl.Int16).alias("era"),
    )
    # polars types cast()'s keys as a union of names and selectors; a dict[str, …] is refused
    return by_rank_then_name(board.select(list(BOARD_SCHEMA)).cast(BOARD_SCHEMA))  # type: ignore[arg-type]


def by_rank_then_name(board: pl.DataFrame, first: tuple[str, ...] = ("rank",),
                      descending: tuple[bool, ...] = (False,)) -> pl.DataFrame:
    """``board`` sorted by ``first``, rows still tied in Vietnamese alphabetical order of name."""
    order = pl.Series("_vi", vi_rank(board["name"].to_list()), dtype=pl.Int32)
    return board.with_columns(order).sort([*first, "_vi"], descending=[*descending, False]).drop("_vi")


def _with_previous(ds: Dataset, board: pl.DataFrame, m: MetricDef, period: str, before: str | None,
                   era: int) -> pl.DataFrame:
    """``board`` with the rank and value of the period it is compared with.

    A real figure is not compared with a synthetic one (nor a synthetic with a real): the change
    would measure the sample, not the province, so the previous rank and value are left out. A
    change from or to an approximate figure is marked ``change_approx``.
    """
    prev = None
    if before is not None and before != period:
        prev_era = 34 if era == 34 else target_era(before, 63 if P.era(before) == 63 else AUTO)
        if prev_era == era:
            prev = _rank(_values(ds, m.id, before, era), m).select(
                "province", pl.col("rank").alias("prev_rank"), pl.col("value").alias("prev_value"),
                pl.col("real").alias("_prev_real"), pl.col("approx").alias("_prev_approx"))
    if prev is None or prev.height == 0:
        return board.with_columns(pl.lit(None, pl.Int32).alias("prev_rank"),
                                  pl.lit(None, pl.Float64).alias("prev_value"),
                                  pl.lit(None, pl.Boolean).alias("change_approx"))
    board = board.join(prev, on="province", how="left")
    comparable = pl.col("_prev_real").is_null() | (pl.col("_prev_real") == pl.col("real"))
    return board.with_columns(
        pl.when(comparable).then(pl.col("prev_rank")).otherwise(None).alias("prev_rank"),
        pl.when(comparable).then(pl.col("prev_value")).otherwise(None).alias("prev_value"),
        pl.when(comparable & pl.col("_prev_real").is_not_null())
        .then(pl.col("approx") | pl.col("_prev_approx")).otherwise(None).alias("change_approx"),
    ).drop("_prev_real", "_prev_approx")


def board_basis(board: pl.DataFrame) -> str:
    """What a board ranks by: "value", "counts", or "mixed" when its rows differ."""
    kinds: set[str] = set(board["basis"].drop_nulls().to_list()) if board.height else set()
    if len(kinds) == 1:
        return kinds.pop()
    return "mixed" if kinds else BY_VALUE


def history(ds: Dataset, metric: str, province: str, era: int = 34, kind: str = P.MONTH) -> pl.DataFrame:
    """One province's values and ranks over every period of a kind, on one registry.

    On the 34 registry a new province's months before July 2025 are its predecessors combined,
    so the series runs unbroken across the merger.
    """
    return province_history(ranked_history(ds, metric, era, kind), province)


def ranked_history(ds: Dataset, metric: str, era: int = 34, kind: str = P.MONTH) -> pl.DataFrame:
    """Every province's values and ranks over every period of a kind, oldest period first."""
    m = ds.catalog[metric]
    # A period's kind is told once per distinct period, not once per row.
    rows = _rows(ds, (pl.col("metric") == metric) & pl.col("period").is_in(ds.periods(metric, kind)))
    rows = on_registry(ds, rows, era)
    order = pl.col("value") if not m.higher_is_better else -pl.col("value")
    ranked = rows.with_columns(order.rank("min").over("period").cast(pl.Int32).alias("rank"),
                               pl.len().over("period").alias("of"))
    out = ranked.select("province", "period", "value", "numerator", "denominator", "rank", "of", "approx", "real")
    return out.with_columns(pl.col("period").map_elements(
        lambda p: P.sort_key(p)[0] * 100 + P.sort_key(p)[1], return_dtype=pl.Int64).alias("_k")
    ).sort("_k", maintain_order=True).drop("_k")


def province_history(ranked: pl.DataFrame, province: str) -> pl.DataFrame:
    """One province's rows of a ``ranked_history``."""
    return ranked.filter(pl.col("province") == province).drop("province")


def trends(ds: Dataset, metric: str, period: str, count: int = 12,
           provinces: str | int = AUTO) -> dict[str, list[float | None]]:
    """Each province's last ``count`` values up to ``period`` (for sparklines), on the view's registry."""
    era = target_era(period, provinces)
    ps = [p for p in ds.periods(metric, P.kind(period)) if P.sort_key(p) <= P.sort_key(period)][-count:]
    if not ps:
        return {}
    rows = on_registry(ds, _rows(ds, (pl.col("metric") == metric) & pl.col("period").is_in(ps)), era)
    wide = rows.pivot(on="period", index="province", values="value")
    cols = [p for p in ps if p in wide.columns]
    out: dict[str, list[float | None]] = {}
    for rec in wide.iter_rows(named=True):
        out[rec["province"]] = [rec.get(p) for p in cols]
    return out


def movers(ds: Dataset, metric: str, start: str, end: str, provinces: str | int = AUTO,
           count: int = 5) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The most improved and the most declined provinces between two periods, by rank change."""
    board = leaderboard(ds, metric, end, provinces=provinces, compare=start)
    moved = board.filter(pl.col("rank_change").is_not_null())
    keys = ("rank_change", "value_change", "rank")
    improved = by_rank_then_name(moved.filter(pl.col("rank_change") > 0), keys, (True, True, False))
    declined = by_rank_then_name(moved.filter(pl.col("rank_change") < 0), keys, (False, False, False))
    return improved.head(count), declined.head(count)
