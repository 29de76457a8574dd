"""The paths a large CSV takes: categorical cells, per-distinct parsing, block sorting.

Expected values are written out by hand or computed here with plain Python (sorted, set, csv).
"""

from __future__ import annotations

import csv
import io
import random

import polars as pl
import pytest

from de06tui.core.dataset import load_paths
from de06tui.core.keys import codes_of, distinct_below, distinct_texts, repeats, sorting
from de06tui.core.number_parse import numbers_of
from de06tui.core.readers import ROW, read_bytes


def _stable_order(values: list[int | None]) -> list[int]:
    return sorted(range(len(values)), key=lambda i: (values[i] is not None, values[i] or 0, i))


def _block_file(blocks: list[int], width: int, drop: float, rng: random.Random) -> list[int]:
    return [b * width + i for b in blocks for i in range(width) if rng.random() > drop]


@pytest.mark.parametrize("seed", range(40))
def test_sorting_puts_shuffled_blocks_in_order_as_a_stable_sort_would(seed: int) -> None:
    rng = random.Random(seed)
    width = rng.randint(1, 7) if seed % 2 else rng.randint(9, 30)  # wide blocks: sorted as blocks
    blocks = list(range(rng.randint(20, 120)))
    rng.shuffle(blocks)
    values = _block_file(blocks, width, 0.1, rng)
    if seed % 3 == 0:  # a repeated key: two runs meet on one value
        values.insert(rng.randrange(len(values)), rng.choice(values))
    if seed % 5 == 0:  # two neighbours swapped: a block out of order within itself
        i = rng.randrange(len(values) - 1)
        values[i], values[i + 1] = values[i + 1], values[i]
    order = pl.Series(values, dtype=pl.UInt32)
    permutation = sorting(order, width)
    got = list(range(len(values))) if permutation is None else permutation.to_list()
    assert got == _stable_order(values)
    assert repeats(order, permutation) == (len(set(values)) < len(values))


def test_sorting_says_none_for_rows_already_in_order_and_handles_nulls() -> None:
    assert sorting(pl.Series([0, 1, 1, 5, 9], dtype=pl.UInt32), 3) is None
    values = [4, None, 2, 2, 0]
    permutation = sorting(pl.Series(values, dtype=pl.UInt32), 2)
    assert permutation is not None
    assert [values[i] for i in permutation.to_list()] == [None, 0, 2, 2, 4]
    assert repeats(pl.Series(values, dtype=pl.UInt32), permutation)
    assert not repeats(pl.Series([3, None, 1, None], dtype=pl.UInt32), None)


def test_distinct_below_matches_a_set() -> None:
    rng = random.Random(7)
    values = [rng.randrange(50) if rng.random() > 0.1 else None for _ in range(2000)]
    expected = sorted({v for v in values if v is not None})
    assert distinct_below(pl.Series(values, dtype=pl.UInt32), 50).to_list() == expected
    assert distinct_below(pl.Series(values, dtype=pl.UInt64), 1 << 30).to_list() == expected


def test_codes_of_a_categorical_column_index_its_distinct_texts() -> None:
    pl.Series(["noise", "other"], dtype=pl.Categorical)  # categories of the process, not of this column
    cells = ["b", "a", None, "b", "c", "a"]
    codes, texts = codes_of(pl.Series("x", cells, dtype=pl.Categorical))
    assert sorted(texts) == ["a", "b", "c"]
    assert [None if c is None else texts[c] for c in codes.to_list()] == cells
    assert sorted(distinct_texts(pl.Series(cells, dtype=pl.Categorical)).to_list()) == ["a", "b", "c"]


def test_csv_cells_arrive_as_categorical_text_with_the_row_numbers_a_user_sees() -> None:
    text = 'period,province,value\n2024-01,"Hà Nội",85.5\n2024-01, 02 ,\n2024-02,01,"1,5"\n'
    table = read_bytes(text.encode("utf-8"), "cells.csv")
    frame = table.frame
    assert all(frame.schema[c] == pl.Categorical for c in ("period", "province", "value"))
    expected = list(csv.reader(io.StringIO(text)))[1:]
    got = [[r["period"], r["province"], r["value"]] for r in frame.iter_rows(named=True)]
    assert got == [[c if c != "" else None for c in row] for row in expected]
    assert frame[ROW].to_list() == [2, 3, 4]


def test_numbers_of_categorical_cells_are_parsed_per_distinct_text() -> None:
    cells = ["85,5", " 90 ", "85,5", "abc", None, "12.5 %", "1e5", "90"]
    long = pl.DataFrame({"v": pl.Series(cells, dtype=pl.Categorical)})
    assert numbers_of(long, "v", counts=False).to_list() == [85.5, 90.0, 85.5, None, None, 12.5, None, 90.0]
    # 1.234 is a thousand and more (three digits after the mark); 2.5 is read as written.
    counts = pl.DataFrame({"n": pl.Series(["1.234", "7", "1,234,567", "2.5"], dtype=pl.Categorical)})
    assert numbers_of(counts, "n", counts=True).to_list() == [1234.0, 7.0, 1234567.0, 2.5]


def test_a_file_written_block_by_block_out_of_text_order_loads_in_the_dataset_order(tmp_path) -> None:
    # m100 after m99, m10 before m100 by text: the blocks must be moved, the rows within kept.
    metrics = [f"online_submission_rate{n}" for n in (9, 10, 100, 11)]
    from de06tui.core.metrics import MetricCatalog, MetricDef

    catalog = MetricCatalog([MetricDef(m, m, m, m, m, unit="%", low=0, high=100, columns=(m,)) for m in metrics])
    from de06tui.core.registry import default_registry

    codes = [p.code for p in default_registry().provinces(63)][:12]  # blocks of 12: sorted as blocks
    rows = [(p, m, c, f"{i % 97}.5") for i, (p, m, c) in enumerate(
        (p, m, c) for p in ("2024-02", "2024-01") for m in metrics for c in codes)]
    path = tmp_path / "blocks.csv"
    path.write_text("period,metric,province,value\n" + "".join(",".join(r) + "\n" for r in rows), "utf-8")
    ds = load_paths([path], catalog=catalog)
    assert not ds.errors
    got = ds.frame.select(pl.col("period", "metric", "province").cast(pl.Utf8), "value").rows()
    expected = sorted(((p, m, c, float(v)) for p, m, c, v in rows), key=lambda r: (r[0], r[1], r[2]))
    assert got == expected
