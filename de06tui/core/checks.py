"""Checks on figures as offices write them: cells with no figure, numeric periods, fractions
written for percentages, values that contradict their own counts.

Each takes the validator's long frame (raw text in ``_value``, ``_numerator`` … and the row
number in ``ROW``) and returns located problems; none of them reads a message of another module.
"""

from __future__ import annotations

import polars as pl

from de06tui.core.keys import Key, distinct_texts, repeats
from de06tui.core.metrics import MetricCatalog
from de06tui.core.problems import COUNTS_DISAGREE, ERROR, NO_FIGURE, RATE_AS_FRACTION, WARNING, Problem
from de06tui.core.readers import ROW

# What offices write in a cell that has no figure: "", "-", "–", "—", "..", "N/A", "NA", "x",
# in any case and with spaces around.


# One anchored pattern: a figure fails it at its first digit, so a clean column costs one quick pass.
_MARK = r"^\s*(?:-|–|—|\.\.|[nN]/?[aA]|[xX])?\s*$"


def _marks(frame: pl.DataFrame, col: str) -> list[str]:
    """The distinct texts of a categorical column that say "no figure"."""
    texts = distinct_texts(frame[col])
    return texts.filter(texts.str.contains(_MARK)).to_list()


def _absent(frame: pl.DataFrame, col: str, marks: list[str] | None = None) -> pl.Expr:
    if frame.schema[col].is_numeric():
        return pl.col(col).is_null()
    if frame.schema[col] == pl.Categorical:  # the pattern runs on each distinct text, not each row
        marks = _marks(frame, col) if marks is None else marks
        return pl.col(col).is_null() | pl.col(col).is_in(marks) if marks else pl.col(col).is_null()
    return pl.col(col).is_null() | pl.col(col).str.contains(_MARK)


def without_figureless(long: pl.DataFrame, name: str) -> tuple[pl.DataFrame, list[Problem]]:
    """Rows whose value cell says "no figure" ("-", "N/A", "x", empty) and whose counts cannot
    stand in for it are left out, each with a located warning; marks in count cells become empty."""
    categorical = {c: _marks(long, c) for c in ("_value", "_numerator", "_denominator")
                   if long.schema[c] == pl.Categorical}
    value_absent = _absent(long, "_value", categorical.get("_value"))
    counts = (~_absent(long, "_numerator", categorical.get("_numerator"))
              & ~_absent(long, "_denominator", categorical.get("_denominator")))
    gone = long.filter(value_absent & ~counts)
    problems = [
        Problem(WARNING, "no figure" + (f" ('{raw.strip()}')" if isinstance(raw, str) and raw.strip()
                                        else " (empty value)") + "; row left out",
                file=name, row=row, column=column or "value", kind=NO_FIGURE)
        for row, raw, column in gone.select(ROW, pl.col("_value").cast(pl.Utf8), "_column").iter_rows()
    ]
    kept = long.filter(~(value_absent & ~counts)) if gone.height else long
    text = [c for c in ("_value", "_numerator", "_denominator") if not kept.schema[c].is_numeric()]
    # Rows left out take marks with them, but a mark still listed marks no kept row: harmless.
    marks = [bool(categorical[c]) if c in categorical
             else bool(kept.select(pl.col(c).str.contains(_MARK).any()).item()) for c in text]
    marked = [pl.when(_absent(kept, c, categorical.get(c))).then(None).otherwise(pl.col(c)).alias(c)
              for c, any_mark in zip(text, marks) if any_mark]
    return (kept.with_columns(marked) if marked else kept), problems


def numeric_periods(frame: pl.DataFrame, column: str, name: str) -> tuple[pl.DataFrame, list[Problem]]:
    """A period column of numbers: whole numbers are years; a row with a fraction is refused.

    2024.1 may be January (2024.1) or October (2024.10 shortened by the number format), and other
    rows cannot settle it for certain, so the row is refused and the message says to write the
    period as text. Refused rows leave the frame so that nothing else is said about them.
    """
    col = pl.col(column).cast(pl.Float64)
    whole = col.is_finite().fill_null(False) & (col == col.floor())
    fraction = col.is_not_null() & ~whole
    problems = [
        Problem(ERROR, f"period is the number {v!r}: a number cannot tell 2024.1 (January) from "
                       "2024.10 (October); write the period as text, e.g. '2024-10'",
                file=name, row=row, column=column, value=repr(v))
        for row, v in frame.filter(fraction).select(ROW, col).iter_rows()
    ]
    years = pl.when(whole).then(col.cast(pl.Int64).cast(pl.Utf8)).otherwise(None).alias(column)
    return frame.filter(~fraction).with_columns(years), problems


def counts_disagree(long: pl.DataFrame, catalog: MetricCatalog, name: str) -> list[Problem]:
    """Rows whose value differs from 100 × numerator ÷ denominator by more than half a unit of the
    metric's last shown decimal: the two figures cannot both be right."""
    valid = (pl.col("value").is_not_null() & (pl.col("denominator") > 0) & (pl.col("numerator") >= 0)
             & (pl.col("numerator") <= pl.col("denominator")))
    tolerance = {m.id: 0.5 * 10 ** -m.decimals for m in catalog}
    decimals = {m.id: m.decimals for m in catalog}
    rows = long.filter(valid).with_columns(
        (pl.col("numerator") / pl.col("denominator") * 100).alias("_from_counts"),
        pl.col("metric").cast(pl.Utf8).replace_strict(tolerance, default=None, return_dtype=pl.Float64)
        .alias("_tolerance"),
    ).filter((pl.col("value") - pl.col("_from_counts")).abs() > pl.col("_tolerance") * (1 + 1e-9))
    out = []
    for rec in rows.iter_rows(named=True):
        d = decimals[rec["metric"]]
        out.append(Problem(
            WARNING, f"value {rec['value']:.{d}f} contradicts its counts: 100 × {rec['numerator']:,.0f} ÷ "
                     f"{rec['denominator']:,.0f} = {rec['_from_counts']:.{d + 2}f}",
            file=name, row=rec[ROW], column=rec["_column"] or "value", value=rec["_value"] if isinstance(
                rec["_value"], str) else None, kind=COUNTS_DISAGREE))
    return out


def fraction_rates(extremes: pl.DataFrame, catalog: MetricCatalog, columns: dict[str, str],
                   name: str) -> list[Problem]:
    """A percentage metric whose every value is at most 1 was most likely written as fractions
    (0.984 for 98.4 %) in a file that cannot say so; it is read as given, with a warning.

    ``extremes`` holds each metric's lowest and highest value (metric, lo, hi); ``columns`` the
    column each metric came from in a wide file (a long file has one value column).
    """
    return [Problem(WARNING, f"every {mid} value in this column is at most 1 (highest {hi:g}): if "
                             "these are fractions (0.984 for 98.4 %), write them as percentages; "
                             "read as given", file=name, column=columns.get(mid, "value"),
                    kind=RATE_AS_FRACTION)
            for mid, _, hi in extremes.iter_rows()
            if mid in catalog and catalog[mid].unit == "%" and hi is not None and hi <= 1]


def duplicate_rows(long: pl.DataFrame, keys: tuple[Key, ...], order: pl.Series,
                   permutation: pl.Series | None, name: str) -> list[Problem]:
    """Rows repeating an earlier row's (period, province, metric), each said with that row.

    ``order`` is one integer per key (``permutation`` sorts it), so counting distinct integers
    tells whether any exist, cheaper than comparing text over millions of rows; the key columns
    are made only when some row repeats.
    """
    if not repeats(order, permutation):
        return []
    dup = long.with_columns(*(k.column() for k in keys), order.alias("_key")).filter(
        pl.col("_key").is_not_null()).with_columns(
        pl.col(ROW).min().over("_key").alias("_first"), pl.len().over("_key").alias("_n"),
    ).filter((pl.col("_n") > 1) & (pl.col(ROW) != pl.col("_first")))
    return [Problem(ERROR, f"duplicate of row {rec['_first']}: {rec['metric']} for province "
                           f"{rec['province']} in {rec['period']} given twice", file=name, row=rec[ROW],
                    column=rec["_column"] or "metric", value=rec["_province"])
            for rec in dup.iter_rows(named=True)]
