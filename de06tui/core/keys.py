"""Canonical key columns as small integers: indices into each column's few distinct texts.

A million rows name a few hundred periods, 63 provinces and a few dozen metrics. Work done once
per distinct text, and integers in place of strings, keep the validator's memory and time small.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import polars as pl
from polars.datatypes import DataTypeClass


def codes_of(texts: pl.Series) -> tuple[pl.Series, list[str]]:
    """Each row's index among the column's distinct texts (null for null), and those texts.

    A million rows hold a few hundred distinct periods or provinces: parsing and lookups run once
    per distinct text, and rows carry a small integer instead of a copy of a string.
    """
    if texts.dtype == pl.Categorical:
        return _category_codes(texts)
    distinct = texts.unique().drop_nulls().cast(pl.Utf8)
    return texts.cast(pl.Enum(distinct)).to_physical().cast(pl.UInt32), distinct.to_list()


def _first_of_each(texts: pl.Series) -> pl.Series:
    """The row of the first occurrence of each distinct non-null category."""
    physical = texts.to_physical()
    first = physical.arg_unique()
    return first.filter(physical.gather(first).is_not_null())


def _category_codes(texts: pl.Series) -> tuple[pl.Series, list[str]]:
    # A categorical column already numbers its texts, though among every category of the process:
    # a lookup from those numbers to 0..n-1 renumbers the rows in one gather, with no hashing.
    physical = texts.to_physical()
    first = _first_of_each(texts)
    seen = physical.gather(first)
    lookup = pl.zeros(int(seen.max() or 0) + 1, pl.UInt32, eager=True).scatter(
        seen, pl.int_range(0, seen.len(), dtype=pl.UInt32, eager=True))
    return lookup.gather(physical).alias(texts.name), texts.gather(first).cast(pl.Utf8).to_list()


def distinct_texts(texts: pl.Series) -> pl.Series:
    """The column's distinct non-null texts (cheap for a categorical column)."""
    if texts.dtype == pl.Categorical:
        return texts.gather(_first_of_each(texts)).cast(pl.Utf8)
    return texts.unique().drop_nulls().cast(pl.Utf8)


class Key:
    """A canonical key column as indices into its sorted distinct values.

    The column itself is a gather from those few values; the indices, being in the values' order,
    give duplicates and the dataset's row order without sorting text.
    """

    def __init__(self, name: str, per_code: Sequence[str | None], codes: pl.Series):
        self.name = name
        self.values = sorted({v for v in per_code if v is not None})
        at: dict[str | None, int] = {v: i for i, v in enumerate(self.values)}
        self.index = pl.Series([at.get(v) for v in per_code], dtype=pl.UInt32).gather(codes)

    def column(self) -> pl.Series:
        return pl.Series(self.name, self.values, dtype=pl.Categorical).gather(self.index)

    def each(self, fn: Callable[[str], object], dtype: pl.DataType | DataTypeClass) -> pl.Series:
        """``fn`` of each row's value, computed once per distinct value."""
        return pl.Series([fn(v) for v in self.values], dtype=dtype).gather(self.index)


def order_of(*keys: Key) -> pl.Series:
    """One integer per row ordering rows as the keys do, in turn; null where a key is."""
    sizes = [max(len(k.values), 1) for k in keys]
    dtype = pl.UInt32 if math.prod(sizes) < 2**32 else pl.UInt64
    out = keys[0].index.cast(dtype)
    for k, size in zip(keys[1:], sizes[1:]):
        out = out * size + k.index
    return out


def reorder(rows: pl.DataFrame, order: pl.Series) -> pl.DataFrame:
    # Files are mostly written in the dataset's order already; then nothing is moved.
    return rows if order.is_sorted() else rows[order.arg_sort()]


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Canonical rows in the dataset's order: period, metric, province, as their text sorts."""
    keys = [Key(c, values, codes) for c in ("period", "metric", "province")
            for codes, values in [codes_of(frame[c])]]
    return reorder(frame, order_of(*keys))
