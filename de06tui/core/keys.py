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

_PIECE = 1 << 20  # rows worked on at a time where a step over all of them would copy them whole


def codes_of(texts: pl.Series) -> tuple[pl.Series, list[str]]:
    """Each row's index among the column's distinct texts (null for null), and those texts.

    A million rows hold a few hundred distinct periods or provinces: parsing and lookups run once
    per distinct text, and rows carry a small integer instead of a copy of a string.
    """
    distinct = Texts(texts)
    return distinct.codes(), distinct.texts


def take(values: pl.Series, rows: pl.Series) -> pl.Series:
    """``values`` at ``rows``, null at a null row (``rows`` are unsigned, never negative).

    By indexing, not ``Series.gather``: gather runs through the expression engine, which copies
    the row indices first, so that ten million rows take twice the result's bytes while it is made.
    """
    return values[rows]


def _first_of_each(texts: pl.Series) -> pl.Series:
    """The row of the first occurrence of each distinct non-null category."""
    physical = texts.to_physical()
    first = physical.arg_unique()
    return first.filter(physical.gather(first).is_not_null())


class Texts:
    """A text column's distinct texts, and the way from a table of one entry per text to the rows.

    A categorical column already numbers its texts, though among every category of the process:
    a lookup from those numbers to the texts' places turns a table per text into a column per row
    in one gather of the rows, with no hashing and no column of row codes made on the way.
    """

    def __init__(self, column: pl.Series):
        self.name = column.name
        self.height = column.len()
        self._lookup: pl.Series | None = None
        if column.dtype == pl.Categorical:
            self._rows = column.to_physical()
            first = _first_of_each(column)
            seen = self._rows.gather(first)
            size = int(cast(int, seen.max())) + 1 if seen.len() else 1
            self._lookup = pl.zeros(size, pl.UInt32, eager=True).scatter(
                seen, pl.int_range(0, seen.len(), dtype=pl.UInt32, eager=True))
            self.texts: list[str] = column.gather(first).cast(pl.Utf8).to_list()
        else:
            distinct = column.unique().drop_nulls().cast(pl.Utf8)
            self._rows = column.cast(pl.Enum(distinct)).to_physical().cast(pl.UInt32)
            self.texts = distinct.to_list()

    def per_row(self, per_text: pl.Series) -> pl.Series:
        """Each row's entry of ``per_text`` (one entry per text, in ``texts``' order); null for null."""
        if not self.texts:  # every row null: nothing to look up
            return pl.repeat(None, self.height, dtype=per_text.dtype, eager=True).alias(per_text.name)
        table = per_text if self._lookup is None else per_text.gather(self._lookup)
        return take(table, self._rows)

    def codes(self) -> pl.Series:
        """Each row's index among ``texts`` (null for null)."""
        return self.per_row(pl.int_range(0, len(self.texts), dtype=pl.UInt32, eager=True)).alias(self.name)


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

    def __init__(self, name: str, per_code: Sequence[str | None], codes: pl.Series | Texts):
        """``per_code``: the key's value of each distinct text; ``codes``: each row's text, as its
        index among them or as the column's Texts."""
        self.name = name
        self.values = sorted({v for v in per_code if v is not None})
        at: dict[str | None, int] = {v: i for i, v in enumerate(self.values)}
        per_text = pl.Series([at.get(v) for v in per_code], dtype=pl.UInt32)
        self.index = codes.per_row(per_text) if isinstance(codes, Texts) else take(per_text, codes)

    def column(self) -> pl.Series:
        return take(pl.Series(self.name, self.values, dtype=pl.Categorical), self.index)

    def each(self, fn: Callable[[str], object], dtype: pl.DataType | DataTypeClass) -> pl.Series:
        """``fn`` of each row's value, computed once per distinct value."""
        return take(pl.Series([fn(v) for v in self.values], dtype=dtype), self.index)


def order_of(*keys: Key) -> pl.Series:
    """One integer per row ordering rows as the keys do, in turn; null where a key is.

    Made a million rows at a time and kept in those pieces: the products and sums over ten
    million rows at once would each take a column of their own on the way.
    """
    sizes = [max(len(k.values), 1) for k in keys]
    dtype = pl.UInt32 if math.prod(sizes) < 2**32 else pl.UInt64
    height = keys[0].index.len()
    pieces = []
    for at in range(0, height, _PIECE):
        out = keys[0].index.slice(at, _PIECE).cast(dtype)
        for k, size in zip(keys[1:], sizes[1:]):
            out = out * size + k.index.slice(at, _PIECE)
        pieces.append(out)
    return pl.concat(pieces, rechunk=False) if pieces else keys[0].index.cast(dtype)


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
    starts = _run_starts(order, block)
    if starts.len() > n // 8:
        return order.arg_sort()
    ends = starts.shift(-1).fill_null(n)
    runs = pl.DataFrame({"start": starts, "end": ends, "first": order.gather(starts),
                         "last": order.gather(ends - 1)}).sort("first", maintain_order=True)
    if not (runs["first"].shift(-1) > runs["last"]).fill_null(True).all():
        return order.arg_sort()
    # Made a million rows at a time, in pieces kept as the permutation's chunks: one list of every
    # row's index takes four times the permutation's own four bytes a row while it is exploded.
    sizes = runs["end"] - runs["start"]
    runs = runs.with_columns(((sizes.cum_sum() - sizes) // _PIECE).alias("piece"))
    pieces = [part.select(pl.int_ranges("start", "end", dtype=pl.UInt32)).to_series().explode()
              for part in runs.partition_by("piece", maintain_order=True)]
    return pl.concat(pieces, rechunk=False)


def _run_starts(order: pl.Series, block: int) -> pl.Series:
    """The rows where a run of ``order`` starts: it falls, or a new block begins.

    A million rows at a time, each piece led by the row before it: the comparisons of ten million
    rows at once would each take a column of their own.
    """
    found = []
    for at in range(0, order.len(), _PIECE):
        lead = 1 if at else 0
        part = order.slice(at - lead, _PIECE + lead)
        group = part // block
        starts = ((part < part.shift(1)) | (group != group.shift(1))).fill_null(True).arg_true()
        found.append(starts.filter(starts >= lead) + (at - lead))
    return pl.concat(found)


def key_changes(frame: pl.DataFrame, columns: Sequence[str]) -> pl.Series:
    """The rows where any of ``columns`` differs from the row before, the first row among them.

    A million rows at a time, each piece led by the row before it, as ``_run_starts``.
    """
    keys = [pl.col(c).to_physical() for c in columns]
    found = [pl.Series([], dtype=pl.UInt32)]
    for at in range(0, frame.height, _PIECE):
        lead = 1 if at else 0
        part = frame.slice(at - lead, _PIECE + lead)
        starts = part.select(pl.any_horizontal(k != k.shift(1) for k in keys).fill_null(True)).to_series().arg_true()
        found.append(starts.filter(starts >= lead) + (at - lead))
    return pl.concat(found)


def repeats(order: pl.Series, permutation: pl.Series | None) -> bool:
    """Whether a non-null value of ``order`` occurs twice (``permutation`` sorts it).

    A million sorted rows at a time, each piece's first value compared with the last before it.
    """
    last = None
    for at in range(0, order.len(), _PIECE):
        part = order.slice(at, _PIECE) if permutation is None else take(order, permutation.slice(at, _PIECE))
        part = part.drop_nulls()
        if part.len() == 0:
            continue
        if part[0] == last or (part == part.shift(1)).any():
            return True
        last = part[-1]
    return False


def distinct_below(values: pl.Series, size: int) -> pl.Series:
    """The distinct non-null values, ascending, of integers in 0 … size - 1.

    Marks in a table of ``size`` places find them in one pass, with no hashing of every row.
    """
    if size > 1 << 24:
        return values.drop_nulls().unique().sort()
    marks = pl.zeros(size, pl.Boolean, eager=True)
    for at in range(0, values.len(), _PIECE):  # a piece at a time: scatter copies its positions
        marks.scatter(values.slice(at, _PIECE).drop_nulls(), True)
    return marks.arg_true().cast(values.dtype)


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Canonical rows in the dataset's order: period, metric, province, as their text sorts."""
    keys = [Key(c, values, codes) for c in ("period", "metric", "province")
            for codes, values in [codes_of(frame[c])]]
    return reorder(frame, order_of(*keys))
