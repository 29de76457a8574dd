"""Validation: a RawTable of text into canonical long rows, every problem located.

Canonical schema (one row per period, province and metric):
period, province (admin code), metric (id), value, numerator, denominator, flag, real, approx, era.
Rows are sorted by period, metric and province, as their text sorts. The three keys are
categorical: a million rows name a few hundred periods, 63 provinces and a few dozen metrics,
and a text per row would be most of the frame's memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import polars as pl

from de06tui.core import periods as P
from de06tui.core.blocks import restated_periods
from de06tui.core.checks import (
    counts_disagree,
    duplicate_rows,
    fraction_rates,
    numeric_periods,
    without_figureless,
)
from de06tui.core.keys import Key, Texts, codes_of, distinct_below, moved, order_of, sorting
from de06tui.core.metrics import MetricCatalog
from de06tui.core.number_parse import numbers_of
from de06tui.core.problems import ERROR, Problem
from de06tui.core.readers import ROW, RawTable
from de06tui.core.registry import ProvinceRegistry, UnknownProvince
from de06tui.core.text import key

SCHEMA = {
    "period": pl.Categorical,
    "province": pl.Categorical,
    "metric": pl.Categorical,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "flag": pl.Utf8,
    "real": pl.Boolean,
    "approx": pl.Boolean,
    "era": pl.Int16,
}

# Header names each role answers to, compared by text.key (case, diacritics, spacing ignored).
ROLES: dict[str, tuple[str, ...]] = {
    "period": ("period", "kỳ", "kỳ báo cáo", "thời gian", "thời kỳ", "tháng", "month", "date",
               "time", "giai đoạn"),
    "province": ("province_code", "admin_code", "mã tỉnh", "ma_tinh", "code", "province",
                 "tỉnh/thành phố", "tỉnh, thành phố", "tỉnh thành phố", "tỉnh", "thành phố",
                 "địa phương", "đơn vị", "province_name", "department_name", "departmentname",
                 "tên tỉnh", "name"),
    "metric": ("metric", "chỉ số", "chỉ tiêu", "indicator", "metric_id"),
    "value": ("value", "giá trị", "ratio", "score", "kết quả"),
    "numerator": ("numerator", "tử số", "số hồ sơ đạt", "num"),
    "denominator": ("denominator", "mẫu số", "tổng số hồ sơ", "den"),
    "flag": ("flag", "data_quality", "dataqualitystatus", "ghi chú chất lượng"),
    "real": ("real", "số liệu thật"),
    "approx": ("approx", "approximate", "ước tính"),
}
_ROLE_KEYS = {role: [key(n) for n in names] for role, names in ROLES.items()}


def match_columns(headers: list[str]) -> dict[str, str]:
    """Role → header actually present, earlier names in ROLES winning."""
    by_key: dict[str, str] = {}
    for h in headers:
        by_key.setdefault(key(h), h)
    found: dict[str, str] = {}
    for role, keys in _ROLE_KEYS.items():
        for k in keys:
            if k in by_key:
                found[role] = by_key[k]
                break
    return found


def _blank(frame: pl.DataFrame, col: str) -> pl.Expr:
    """Null, or text of only spaces; a number is never blank."""
    if frame.schema[col].is_numeric():
        return pl.col(col).is_null()
    return pl.col(col).is_null() | (pl.col(col).cast(pl.Utf8).str.strip_chars() == "")


def _truthy(col: str) -> pl.Expr:
    return pl.col(col).str.strip_chars().str.to_lowercase().is_in(["true", "1", "yes", "x", "có"])


class Validator:
    def __init__(self, catalog: MetricCatalog, registry: ProvinceRegistry):
        self.catalog = catalog
        self.registry = registry

    def run(self, table: RawTable) -> tuple[pl.DataFrame, list[Problem]]:
        """Canonical rows and problems; on any error the rows are empty (the file is rejected)."""
        rows, problems = self._run(table)
        if table.sheet:  # every message about a workbook names its sheet
            problems = [p if p.sheet else replace(p, sheet=table.sheet) for p in problems]
        return rows, problems

    def _run(self, table: RawTable) -> tuple[pl.DataFrame, list[Problem]]:
        name = table.name
        problems: list[Problem] = list(table.problems)
        frame = table.take_frame()
        headers = [c for c in frame.columns if c != ROW]
        roles = match_columns(headers)
        from de06tui.core.unit_files import unit_column

        if unit_col := unit_column(headers, set(roles.values())):
            problems.append(Problem(ERROR, "holds unit rows (a unit column beside the province): rank them "
                                    "with --level commune or --level department", file=name, row=1,
                                    column=unit_col))
        for need in ("period", "province"):
            if need not in roles:
                problems.append(Problem(ERROR, f"missing column '{need}' (accepted names: "
                                        + ", ".join(ROLES[need][:6]) + " …)", file=name, row=1,
                                        column=need))
        long_form = "metric" in roles
        if long_form:
            if not ({"value", "numerator"} & roles.keys()):
                problems.append(Problem(ERROR, "long form needs a 'value' column (or numerator "
                                        "and denominator)", file=name, row=1, column="value"))
            metric_cols: dict[str, str] = {}
        else:
            claimed = set(roles.values())
            metric_cols = {}
            for h in headers:
                mid = self.catalog.match_column(h)
                if mid and h not in claimed and mid not in metric_cols.values():
                    metric_cols[h] = mid
            if not metric_cols:
                problems.append(Problem(ERROR, "no metric column: expected a 'metric' and 'value' "
                                        "column (long form) or one column per metric such as "
                                        "'online_submission_rate' or 'Tỷ lệ nộp hồ sơ trực tuyến (%)'",
                                        file=name, row=1))
        if any(p.is_error for p in problems):
            return empty_frame(), problems
        if frame.schema[roles["period"]].is_numeric():
            frame, found = numeric_periods(frame, roles["period"], name)
            problems.extend(found)
            if frame.height == 0:
                return empty_frame(), problems

        long = self._to_long(frame, roles, metric_cols)
        del frame  # its columns live on in ``long`` alone, so each is freed once converted
        if long.height:
            long, found = without_figureless(long, name)
            problems.extend(found)
        if long.height == 0:
            return empty_frame(), problems + [Problem(ERROR, "no values: every metric cell is empty",
                                                      file=name)]
        held = [long]  # handed to _parse, which alone holds the rows from here on
        del long
        permutation, found = self._parse(held, name, metric_cols)
        problems.extend(found)
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        if any(p.is_error for p in problems):
            return empty_frame(), problems
        return moved(held.pop(), permutation), problems

    # -- shaping ---------------------------------------------------------------------
    def _to_long(self, frame: pl.DataFrame, roles: dict[str, str],
                 metric_cols: dict[str, str]) -> pl.DataFrame:
        def col(role: str, text: bool = True) -> pl.Expr:
            if role not in roles:
                return pl.lit(None, pl.Utf8).alias(f"_{role}")
            c = pl.col(roles[role])
            # The keys stay categorical: their few distinct texts are looked up once each.
            keep = not text or (role in ("period", "province", "metric")
                                and frame.schema[roles[role]] == pl.Categorical)
            return (c if keep else c.cast(pl.Utf8)).alias(f"_{role}")

        base = [pl.col(ROW), col("period"), col("province"), col("flag"), col("real"), col("approx")]
        if metric_cols:
            numeric = all(frame.schema[h].is_numeric() for h in metric_cols)
            wide = frame.select(*base, *[pl.col(h).cast(pl.Float64 if numeric else pl.Utf8)
                                         for h in metric_cols])
            long = wide.unpivot(index=[ROW, "_period", "_province", "_flag", "_real", "_approx"],
                                variable_name="_column", value_name="_value")
            long = long.filter(~_blank(long, "_value"))
            return long.with_columns(
                pl.lit(None, pl.Utf8).alias("_numerator"),
                pl.lit(None, pl.Utf8).alias("_denominator"),
            )
        return frame.select(*base, col("metric").alias("_metric_raw"), col("value", False),
                            col("numerator", False), col("denominator", False),
                            # One name for every row: categorical, not a million copies of it.
                            pl.lit(roles.get("value")).cast(pl.Categorical).alias("_column"))

    def _lookup(self, values: list[Any],
                fn: Callable[[Any], Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        ok, bad = {}, {}
        for v in values:
            if v is None:
                continue
            try:
                ok[v] = fn(v)
            except (ValueError, KeyError) as exc:
                bad[v] = exc
        return ok, bad

    def _parse(self, held: list[pl.DataFrame], name: str,
               metric_cols: dict[str, str]) -> tuple[pl.Series | None, list[Problem]]:
        """The long rows taken from ``held`` made canonical and put back there (SCHEMA's columns),
        the permutation that puts them in the dataset's order (None when they are), and the problems.

        Each check filters rows only when a cheaper test says some row fails it: on a clean file
        of a million rows, no per-row frame of problems is built. Each raw column is dropped once
        nothing reads it any more: ten million rows hold a text column and its canonical column
        together only while that one column is converted.
        """
        long = held.pop()
        problems: list[Problem] = []

        def report(rows: pl.DataFrame, column: str | None, value_col: str | None,
                   reason: str | Callable[[dict[str, Any]], str], sev: str = ERROR) -> None:
            for rec in rows.iter_rows(named=True):
                r = reason(rec) if callable(reason) else reason
                val = rec.get(value_col) if value_col else None
                problems.append(Problem(sev, r, file=name, row=rec[ROW], column=column,
                                        value=None if val is None else str(val)))

        # periods
        distinct = Texts(long["_period"])
        texts = distinct.texts
        periods, bad_periods = self._lookup(texts, P.parse_period)
        period = Key("period", [periods.get(t) for t in texts], distinct)
        del distinct
        # The key columns themselves are made once the order is known (below): until then each key
        # is held once, as its row indices.
        long = long.with_columns(period.each(P.era, pl.Int16).alias("era"))
        if long["_period"].null_count():
            report(long.filter(pl.col("_period").is_null()), "period", None, "period is empty")
        if bad_periods:
            report(long.filter(pl.col("_period").is_in(list(bad_periods))), "period", "_period",
                   lambda r: str(bad_periods[r["_period"]]))
        long = long.drop("_period")
        codes, texts = codes_of(long["_province"])
        restated, found, said = restated_periods(long, period, codes, texts, self.registry, name)
        problems.extend(found)
        if restated:  # by the period's index: no text per row
            on_34 = period.index.is_in([period.values.index(label) for label in restated])
            long = long.with_columns(pl.when(on_34).then(pl.lit(34, pl.Int16)).otherwise(pl.col("era"))
                                     .alias("era"))

        # provinces, resolved in the registry of their period: one lookup per distinct
        # (text, era) pair, numbered text index × 2 + (era is 34)
        pairs = codes * 2 + (long["era"] == 34).cast(pl.UInt32)
        resolved: dict[tuple[Any, ...], str] = {}
        unknown: dict[tuple[Any, ...], str] = {}
        for pair in distinct_below(pairs, 2 * len(texts)).to_list():
            raw, era = texts[pair // 2], 34 if pair % 2 else 63
            if not raw.strip():
                continue  # said once, as "province is empty"
            try:
                resolved[(raw, era)] = self.registry.resolve(raw, era)
            except UnknownProvince as exc:
                unknown[(raw, era)] = str(exc)
        province = Key("province", [resolved.get((raw, era)) for raw in texts for era in (63, 34)], pairs)
        del pairs  # ten million integers, not needed again
        blank = [t for t, b in zip(texts, pl.Series(texts, dtype=pl.Utf8).str.strip_chars() == "") if b]
        if codes.null_count() or blank:
            report(long.filter(pl.col("_province").is_null() | pl.col("_province").is_in(blank)),
                   "province", None, "province is empty")
        if unknown:
            named = long.with_columns(period.column(), province.column())  # for the messages
            bad = named.filter(pl.col("province").is_null() & pl.col("_province").is_not_null()
                              & pl.col("era").is_not_null() & ~pl.col("_province").is_in(blank))
            if said:  # a mixed block is one error, said above
                bad = bad.filter(~pl.concat_str(pl.col("period").cast(pl.Utf8), pl.col("_province").cast(pl.Utf8),
                                                separator="\0").is_in(list(said)))
            report(bad, "province", "_province", lambda r: self._era_reason(r, unknown))
        del codes

        # metrics: named per row (long form), or by the column a wide row's value came from
        if "_metric_raw" in long.columns:
            distinct = Texts(long["_metric_raw"])
            ids, bad_metrics = self._lookup(distinct.texts, self._metric_id)
        else:
            distinct = Texts(long["_column"])
            ids, bad_metrics = {t: metric_cols[t] for t in distinct.texts}, {}
        metric = Key("metric", [ids.get(t) for t in distinct.texts], distinct)
        del distinct
        if "_metric_raw" in long.columns and long["_metric_raw"].null_count():
            report(long.filter(pl.col("_metric_raw").is_null()), "metric", None, "metric is empty")
        if bad_metrics:
            report(long.filter(pl.col("_metric_raw").is_in(list(bad_metrics))), "metric",
                   "_metric_raw", lambda r: str(bad_metrics[r["_metric_raw"]]).strip("'\""))
        long = long.drop("_metric_raw", strict=False)
        # Duplicates are found now, and said after the checks below as ever: the keys' row indices
        # and the province's text are let go before the numbers are parsed.
        keys = (period, metric, province)
        order = order_of(*keys)
        permutation = sorting(order, max(len(province.values), 1))
        duplicates = duplicate_rows(long, keys, order, permutation, name)
        del order
        long = long.drop("_province").with_columns(k.column() for k in keys)
        del keys, period, metric, province

        # numbers
        long = long.with_columns(
            self._numbers(long, "_value", counts=False).alias("value"),
            self._numbers(long, "_numerator", counts=True).alias("numerator"),
            self._numbers(long, "_denominator", counts=True).alias("denominator"),
            pl.col("_flag").str.strip_chars().alias("flag"),
            _truthy("_real").fill_null(False).alias("real"),
            _truthy("_approx").fill_null(False).alias("approx"),
        )
        for raw, parsed, label in (("_value", "value", None), ("_numerator", "numerator", "numerator"),
                                   ("_denominator", "denominator", "denominator")):
            # A null in stays null, so as many nulls out as in means no cell failed to parse.
            if _nulls(long, parsed) == _nulls(long, raw):
                continue
            nonblank = ~_blank(long, raw)
            for rec in long.filter(nonblank & pl.col(parsed).is_null()).iter_rows(named=True):
                # In wide form the value's column is the metric's own header.
                column = label or rec["_column"] or "value"
                problems.append(Problem(ERROR, "not a number", file=name, row=rec[ROW],
                                        column=column, value=rec[raw]))
        counted = pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
        some_counts = _nulls(long, "numerator") < long.height or _nulls(long, "denominator") < long.height
        if some_counts:
            report(long.filter(counted & (pl.col("numerator") > pl.col("denominator"))), "numerator",
                   "_numerator", lambda r: f"numerator {r['numerator']:,.0f} is greater than denominator "
                                           f"{r['denominator']:,.0f}")
            report(long.filter(counted & (pl.col("denominator") <= 0)), "denominator", "_denominator",
                   "denominator must be positive")
            report(long.filter((pl.col("numerator") < 0) | (pl.col("denominator") < 0)), "numerator",
                   "_numerator", "counts cannot be negative")
            # A rate given only by its counts is computed from them.
            # Only counts that can be right: a bad count is said once, with no range error after it.
            sound = (counted & (pl.col("denominator") > 0) & (pl.col("numerator") >= 0)
                     & (pl.col("numerator") <= pl.col("denominator")))
            problems.extend(counts_disagree(long, self.catalog, name))
            long = long.with_columns(
                pl.when(pl.col("value").is_null() & sound)
                .then(pl.col("numerator") / pl.col("denominator") * 100).otherwise(pl.col("value"))
                .alias("value"))

        # ranges: per metric extremes first, rows only for a metric that has any value outside
        # Streamed, a piece of the rows at a time: on ten million rows of this frame the in-memory
        # group-by took 150 MB of fresh memory, the streamed one under 15.
        extremes = long.lazy().select("metric", "value").group_by("metric").agg(
            pl.col("value").min().alias("lo"), pl.col("value").max().alias("hi")).collect(engine="streaming")
        columns = {mid: h for h, mid in metric_cols.items()}
        problems.extend(fraction_rates(extremes, self.catalog, columns, name))
        offending = [m for m, lo, hi in extremes.iter_rows() if m in self.catalog and lo is not None
                     and (lo < self.catalog[m].low or hi > self.catalog[m].high)]
        out = long.clear()
        for mid in offending:
            m = self.catalog[mid]
            out = pl.concat([out, long.filter((pl.col("metric") == mid)
                                              & ((pl.col("value") < m.low) | (pl.col("value") > m.high)))])
        out = out.sort(ROW)
        for rec in out.iter_rows(named=True):
            m = self.catalog[rec["metric"]]
            problems.append(Problem(ERROR, f"{rec['value']:g} is outside {m.id}'s range "
                                    f"{m.low:g}–{m.high:g} {m.unit}", file=name, row=rec[ROW],
                                    column=rec["_column"] or "value", value=rec["_value"]))

        problems.extend(duplicates)
        # A bad province in a wide row is one problem, not one per metric column.
        problems = list(dict.fromkeys(problems))
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        held.append(long.select(list(SCHEMA)))
        return permutation, problems

    @staticmethod
    def _numbers(long: pl.DataFrame, col: str, counts: bool) -> pl.Series | pl.Expr:
        # A column the file does not have stays one null for every row, not ten million of them.
        if _nulls(long, col) == long.height:
            return pl.lit(None, pl.Float64)
        return numbers_of(long, col, counts)

    def _era_reason(self, rec: dict[str, Any], unknown: dict[tuple[Any, ...], str]) -> str:
        raw, era = rec["_province"], rec["era"]
        msg = unknown.get((raw, era), "unknown province")
        try:
            self.registry.resolve(raw, 63 if era == 34 else 34)
        except UnknownProvince:
            return msg
        return f"period {rec['period']} is on the {era} provinces, but it mixes in another era's province: {msg}"

    def _metric_id(self, raw: str) -> str:
        mid = self.catalog.match_column(raw)
        if mid is None:
            raise KeyError(f"unknown metric '{raw}'; known: {', '.join(self.catalog.ids())}")
        return mid


def _nulls(frame: pl.DataFrame, col: str) -> int:
    count: int = frame.select(pl.col(col).null_count()).item()
    return count




def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)
