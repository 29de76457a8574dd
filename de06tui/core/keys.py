"""Canonical key columns as small integers: indices into each column's few distinct texts.

A million rows name a few hundred periods, 63 provinces and a few dozen metrics. Work done once
per distinct text, and integers in place of strings, keep the validator's memory and time small.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import cast

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
    size = int(cast(int, seen.max())) + 1 if seen.len() else 1
    lookup = pl.zeros(size, pl.UInt32, eager=True).scatter(
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
    return moved(rows, sorting(order))


def moved(rows: pl.DataFrame, permutation: pl.Series | None) -> pl.DataFrame:
    """``rows`` in the permutation's order, moved one column at a time.

    Given a frame nothing else holds, each column is let go once its moved copy is made, so the
    move holds one extra column at its height, not a second frame.
    """
    if permutation is None or rows.width == 0:
        return rows if permutation is None else rows[permutation]
    parts: list[pl.DataFrame] = []
    for name in rows.columns:
        parts.append(rows.select(name)[permutation])
        rows = rows.drop(name)
    return pl.concat(parts, how="horizontal")


def sorting(order: pl.Series, block: int = 1) -> pl.Series | None:
    """The row permutation that sorts ``order`` (stable), or None when it is sorted already.

    Files list their rows in blocks (one period and metric, the provinces in order) whose order
    may differ from the dataset's, e.g. m100 written after m99. Blocks that are each in order and
    do not interleave are put in order by sorting the blocks, not every row; ``block`` is how
    many order values one block spans (the number of provinces).
    """
    if order.is_sorted():
        return None
    n = order.len()
    if order.null_count() or n < 2:
        return order.arg_sort()
    group = order // block
    starts = ((order < order.shift(1)) | (group != group.shift(1))).fill_null(True).arg_true()
    if starts.len() > n // 8:
        return order.arg_sort()
    ends = starts.shift(-1).fill_null(n)
    runs = pl.DataFrame({"start": starts, "end": ends, "first": order.gather(starts),
                         "last": order.gather(ends - 1)}).sort("first", maintain_order=True)
    if not (runs["first"].shift(-1) > runs["last"]).fill_null(True).all():
        return order.arg_sort()
    return runs.select(pl.int_ranges("start", "end", dtype=pl.UInt32)).to_series().explode()


def repeats(order: pl.Series, permutation: pl.Series | None) -> bool:
    """Whether a non-null value of ``order`` occurs twice (``permutation`` sorts it)."""
    ordered = (order if permutation is None else order.gather(permutation)).drop_nulls()
    return bool((ordered == ordered.shift(1)).any())


def distinct_below(values: pl.Series, size: int) -> pl.Series:
    """The distinct non-null values, ascending, of integers in 0 … size - 1.

    Marks in a table of ``size`` places find them in one pass, with no hashing of every row.
    """
    if values.null_count():
        values = values.drop_nulls()
    if size > 1 << 24:
        return values.unique().sort()
    return pl.zeros(size, pl.Boolean, eager=True).scatter(values, True).arg_true().cast(values.dtype)


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Canonical rows in the dataset's order: period, metric, province, as their text sorts."""
    keys = [Key(c, values, codes) for c in ("period", "metric", "province")
            for codes, values in [codes_of(frame[c])]]
    return reorder(frame, order_of(*keys))
