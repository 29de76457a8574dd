"""Numbers as real files write them: 85.5, 85,5, 85.5 %, 1.234.567, 1,234,567.

A typed parse reads what most files write; the spelling rules run only on the cells it failed.
"""

from __future__ import annotations

import polars as pl

from de06tui.core.keys import Texts


def spelled(col: str, counts: bool) -> pl.Expr:
    """Numbers as real files write them: 85.5, 85,5, 85.5 %, 1.234.567, 1,234,567."""
    s = pl.col(col).str.replace_all(r"[\s\u00a0\u202f%]", "")
    thousands = s.str.contains(r"^[+-]?\d{1,3}([.,]\d{3})+$") if counts else (
        s.str.contains(r"^[+-]?\d{1,3}(\.\d{3}){2,}$") | s.str.contains(r"^[+-]?\d{1,3}(,\d{3}){2,}$")
        | s.str.contains(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$") | s.str.contains(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
    )
    decimal_comma = s.str.contains(r"^[+-]?\d*,\d+$")
    normalised = (
        pl.when(thousands & s.str.contains(r",\d+$") & s.str.contains(r"\."))
        .then(s.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(thousands & s.str.contains(r"\.\d+$") & s.str.contains(","))
        .then(s.str.replace_all(",", ""))
        .when(thousands)
        .then(s.str.replace_all(r"[.,]", ""))
        .when(decimal_comma)
        .then(s.str.replace(",", "."))
        .otherwise(s)
    )
    # Only plain decimal notation: "inf", "nan" and "1e400" are not numbers a report writes.
    plain = normalised.str.contains(r"^[+-]?(\d+\.?\d*|\.\d+)$")
    return pl.when(plain).then(normalised.cast(pl.Float64, strict=False)).otherwise(None)


def numbers_of(long: pl.DataFrame, col: str, counts: bool) -> pl.Series:
    """Numbers of one column: a typed parse first, the spelling rules only where it failed."""
    if long.schema[col].is_numeric():
        return long.select(pl.when(pl.col(col).is_finite()).then(pl.col(col).cast(pl.Float64))).to_series()
    if long.schema[col] == pl.Categorical:
        # Each distinct cell is parsed once: ten million rates written to two decimals are at most
        # ten thousand texts.
        texts = Texts(long[col])
        distinct = numbers_of(pl.DataFrame({col: texts.texts}, schema={col: pl.Utf8}), col, counts)
        return texts.per_row(distinct).alias(col)
    text = long[col].str.strip_chars()
    if counts:  # a count is whole: "1.234" is a thousand and more, so only integers pass here
        typed = text.cast(pl.Int64, strict=False).cast(pl.Float64)
    else:  # the cast also takes "1e5", "inf" and "nan", which no report writes
        typed = text.cast(pl.Float64, strict=False)
        typed = pl.select(pl.when(typed.is_finite() & ~text.str.contains("[eE]")).then(typed)).to_series()
    failed = (typed.is_null() & text.is_not_null()).arg_true()
    if failed.len() and not counts:
        # Excel where the decimal mark is a comma writes 85,5: one comma, no other mark.
        comma = text.gather(failed)
        dotted = comma.str.replace(",", ".", literal=True)
        again = pl.select(pl.when(comma.str.count_matches(",", literal=True) == 1)
                          .then(dotted.cast(pl.Float64, strict=False))).to_series()
        again = pl.select(pl.when(again.is_finite() & ~comma.str.contains(r"[eE.]|,$")).then(again)).to_series()
        typed = typed.scatter(failed, again)
        failed = failed.filter(again.is_null())
    if failed.len():
        fixed = long.select(pl.col(col).gather(failed)).select(spelled(col, counts)).to_series()
        typed = typed.scatter(failed, fixed)
    return typed
