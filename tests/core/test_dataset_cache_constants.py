"""The dataset cache keeps a column of one value on every row as that value, not as stored rows."""

import io
import json

import polars as pl

from de06tui.core import dataset_cache


def _entry() -> tuple:
    data_file = next(dataset_cache._files("x")[0].parent.glob("*.arrow"))
    return data_file, data_file.with_suffix(".json")


def test_columns_of_one_value_are_named_not_stored_and_read_back_whole(write):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n2024-10,02,CKMB,12.5\n")
    first = dataset_cache.load_paths_cached([path])
    data_file, meta_file = _entry()
    meta = json.loads(meta_file.read_text("utf-8"))
    # No counts, no flag, nothing marked real or approximate in this file.
    assert meta["constant"] == {"numerator": None, "denominator": None, "flag": None, "real": False,
                                "approx": False}
    stored = pl.read_ipc(io.BytesIO(data_file.read_bytes()))
    assert stored.columns == ["period", "province", "metric", "value", "era"]
    second = dataset_cache.load_paths_cached([path])
    assert second.frame.columns == first.frame.columns
    assert second.frame.schema == first.frame.schema
    score = "transparency_score"  # CKMB's id
    assert second.frame.rows() == [("2024-10", "01", score, 10.0, None, None, None, False, False, 63),
                                   ("2024-10", "02", score, 12.5, None, None, None, False, False, 63)]


def test_counts_in_the_file_are_stored_as_rows(write):
    path = write("d.csv", "period,province,metric,numerator,denominator\n2024-10,01,online_submission_rate,1,4\n")
    dataset_cache.load_paths_cached([path])
    meta = json.loads(_entry()[1].read_text("utf-8"))
    assert "numerator" not in meta["constant"] and "denominator" not in meta["constant"]
    again = dataset_cache.load_paths_cached([path])
    assert again.frame.select("numerator", "denominator", "value").rows() == [(1.0, 4.0, 25.0)]


def test_a_patched_constant_is_not_shown(write):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    dataset_cache.load_paths_cached([path])
    meta_file = _entry()[1]
    meta = json.loads(meta_file.read_text("utf-8"))
    meta["constant"]["real"] = True  # a well-formed entry saying every value is real
    meta_file.write_text(json.dumps(meta), "utf-8")
    ds = dataset_cache.load_paths_cached([path])
    assert ds.frame["real"].to_list() == [False]  # the checksum covers the named values too
