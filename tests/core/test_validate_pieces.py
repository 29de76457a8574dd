"""Validation that lets each raw column go once converted and works long columns a piece at a
time: the same rows, problems, row numbers and order as ever, worked out by hand here, also when
the pieces are a few rows long so that every boundary falls inside a block."""

import polars as pl
import pytest

from de06tui.core import keys
from de06tui.core.dataset import load_paths
from de06tui.core.metrics import default_catalog
from de06tui.core.readers import read_path
from de06tui.core.registry import default_registry
from de06tui.core.validate import SCHEMA, Validator

OSR, TS = "online_submission_rate", "transparency_score"

# Semicolons, a BOM, decimal commas and blocks out of the dataset's order: 2025-06 before
# 2025-05, transparency before online submission, and province 04 before 01 in one block.
OUT_OF_ORDER = (
    "\ufeffperiod;province;metric;value\n"
    "2025-06;01;transparency_score;12,5\n"      # row 2
    "2025-06;02;transparency_score;13\n"        # row 3
    "2025-06;01;online_submission_rate;91,25\n"  # row 4
    "2025-06;02;online_submission_rate;92\n"    # row 5
    "2025-05;04;online_submission_rate;84\n"    # row 6
    "2025-05;01;online_submission_rate;81\n"    # row 7
    "2025-05;02;online_submission_rate;82\n"    # row 8
)
# In the dataset's order: period, then metric, then province, as their text sorts.
IN_ORDER = [
    ("2025-05", "01", OSR, 81.0), ("2025-05", "02", OSR, 82.0), ("2025-05", "04", OSR, 84.0),
    ("2025-06", "01", OSR, 91.25), ("2025-06", "02", OSR, 92.0),
    ("2025-06", "01", TS, 12.5), ("2025-06", "02", TS, 13.0),
]


@pytest.fixture(params=[keys._PIECE, 2, 3], ids=["whole", "pieces of 2", "pieces of 3"])
def piece(request, monkeypatch):
    monkeypatch.setattr(keys, "_PIECE", request.param)
    return request.param


def rows_of(frame: pl.DataFrame) -> list[tuple]:
    return frame.select(pl.col("period", "province", "metric").cast(pl.Utf8), "value").rows()


def test_out_of_order_blocks_come_out_in_order(write, piece):
    ds = load_paths([write("a.csv", OUT_OF_ORDER)])
    assert ds.errors == []
    assert rows_of(ds.frame) == IN_ORDER
    assert ds.frame.columns == list(SCHEMA)
    assert ds.frame["era"].to_list() == [63] * 7
    assert ds.frame["numerator"].null_count() == 7 and ds.frame["flag"].null_count() == 7
    assert ds.frame["real"].to_list() == [False] * 7


def test_the_table_hands_its_cells_over(write):
    table = read_path(write("a.csv", OUT_OF_ORDER))
    assert table.frame.height == 7
    rows, problems = Validator(default_catalog(), default_registry()).run(table)
    assert [p for p in problems if p.is_error] == []
    assert rows_of(rows) == IN_ORDER
    # The table keeps its columns and what the file says of itself, not its cells.
    assert table.frame.height == 0
    assert table.frame.columns == ["_row", "period", "province", "metric", "value"]
    assert table.name.endswith("a.csv")


# Bad cells on known rows, a duplicate (row 7 repeats row 2) and blocks out of order.
BAD = (
    "period,province,metric,value\n"
    "2025-06,01,online_submission_rate,90\n"    # row 2
    "2025-06,02,online_submission_rate,abc\n"   # row 3: not a number
    "2025-06,Nowhere,online_submission_rate,70\n"  # row 4: unknown province
    "2025-05,01,online_submission_rate,101\n"   # row 5: outside 0–100
    "2025-05,02,no_such_metric,50\n"            # row 6: unknown metric
    "2025-06,01,online_submission_rate,91\n"    # row 7: duplicate of row 2
    "2025-13,01,online_submission_rate,50\n"    # row 8: no such month
)


def test_bad_cells_are_said_on_their_rows_in_order(write, piece):
    ds = load_paths([write("bad.csv", BAD)])
    assert ds.is_empty
    got = [(p.row, p.column, p.value) for p in ds.errors]
    assert got == [
        (3, "value", "abc"),
        (4, "province", "Nowhere"),
        (5, "value", "101"),
        (6, "metric", "no_such_metric"),
        (7, "value", "01"),
        (8, "period", "2025-13"),
    ]
    reasons = [p.reason for p in ds.errors]
    assert reasons[0] == "not a number"
    assert "Nowhere" in reasons[1]
    assert reasons[2] == "101 is outside online_submission_rate's range 0–100 %"
    assert reasons[3].startswith("unknown metric 'no_such_metric'")
    assert reasons[4] == ("duplicate of row 2: online_submission_rate for province 01 in 2025-06 "
                          "given twice")
    assert all(p.file.endswith("bad.csv") for p in ds.errors)


def test_duplicates_across_piece_boundaries(write, piece):
    # Row 9 repeats row 3 and row 10 repeats row 2, far apart and after an out-of-order block.
    text = ("period,province,metric,value\n"
            "2025-06,01,transparency_score,1\n"  # row 2
            "2025-06,02,transparency_score,2\n"  # row 3
            "2025-06,04,transparency_score,3\n"  # row 4
            "2025-05,01,transparency_score,4\n"  # row 5
            "2025-05,02,transparency_score,5\n"  # row 6
            "2025-05,04,transparency_score,6\n"  # row 7
            "2025-04,01,transparency_score,7\n"  # row 8
            "2025-06,02,transparency_score,8\n"  # row 9
            "2025-06,01,transparency_score,9\n")  # row 10
    ds = load_paths([write("dup.csv", text)])
    assert [(p.row, p.reason) for p in ds.errors] == [
        (9, "duplicate of row 3: transparency_score for province 02 in 2025-06 given twice"),
        (10, "duplicate of row 2: transparency_score for province 01 in 2025-06 given twice"),
    ]


def test_a_clean_file_has_no_repeats_in_any_piece(write, piece):
    # The same province and value in neighbouring blocks is no duplicate: the periods differ.
    text = "period,province,metric,value\n" + "".join(
        f"2025-0{m},01,transparency_score,5\n" for m in (3, 1, 2))
    ds = load_paths([write("three.csv", text)])
    assert ds.errors == []
    assert rows_of(ds.frame) == [(f"2025-0{m}", "01", TS, 5.0) for m in (1, 2, 3)]


def test_missing_provinces_said_per_block_in_pieces(write, piece):
    # Two months of the 63; 2025-05 lacks Cao Bằng (04), 2025-06 lacks Hà Nội (01).
    codes = [p.code for p in default_registry().provinces(63)]
    lines = [f"2025-06,{c},transparency_score,3\n" for c in codes if c != "01"]
    lines += [f"2025-05,{c},transparency_score,4\n" for c in codes if c != "04"]
    ds = load_paths([write("gaps.csv", "period,province,metric,value\n" + "".join(lines))])
    assert ds.errors == []
    assert ds.frame.height == 2 * 62
    missing = [p.reason for p in ds.warnings if "have no" in p.reason]
    assert missing == ["1 of 63 provinces have no transparency_score in 2025-05: Cao Bằng",
                       "1 of 63 provinces have no transparency_score in 2025-06: Hà Nội"]


def test_wide_rows_with_a_bad_province_said_once(write, piece):
    text = ("\ufeffKỳ;Tỉnh;online_submission_rate;transparency_score\n"
            "2025-06;Hà Nội;90,5;12\n"      # row 2
            "2025-06;Atlantis;80;11\n"      # row 3: one problem, not one per metric column
            "2025-05;Hà Nội;88;abc\n")      # row 4: not a number in the transparency column
    ds = load_paths([write("wide.csv", text)])
    assert [(p.row, p.column, p.value) for p in ds.errors] == [
        (3, "province", "Atlantis"), (4, "transparency_score", "abc")]


def test_wide_rows_in_order(write, piece):
    text = ("period,province,online_submission_rate,transparency_score\n"
            "2025-06,02,92,13\n"
            "2025-06,01,91,12\n"
            "2025-05,01,81,\n")  # an empty cell is no row
    ds = load_paths([write("wide.csv", text)])
    assert ds.errors == []
    assert rows_of(ds.frame) == [("2025-05", "01", OSR, 81.0), ("2025-06", "01", OSR, 91.0),
                                 ("2025-06", "02", OSR, 92.0), ("2025-06", "01", TS, 12.0),
                                 ("2025-06", "02", TS, 13.0)]
