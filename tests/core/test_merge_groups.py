"""The weighted merge at its edges: half-given counts, groups whose counts sum to nothing or to one,
the stated figure of a one-row group, and a computed quarter's columns. Figures worked by hand."""

import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.ranking import combine, from_months

ONLINE = "online_submission_rate"


def _parts(rows, stated=False):
    schema = {"g": pl.Utf8, "metric": pl.Utf8, "value": pl.Float64, "numerator": pl.Float64,
              "denominator": pl.Float64, "approx": pl.Boolean, "real": pl.Boolean, "flag": pl.Utf8}
    if stated:
        schema["stated_value"] = pl.Float64
    return pl.DataFrame(rows, orient="row", schema=schema)


def _by_group(frame):
    return {r["g"]: r for r in frame.iter_rows(named=True)}


def test_a_row_with_only_a_numerator_is_not_counted():
    # x: 8 of 10, and a row giving 5 done but no total → not every row counted: the plain mean
    # (80 + 40) / 2 = 60, approximate. y gives a total without the number done: the same.
    out = _by_group(combine(_parts([
        ("x", ONLINE, 80.0, 8.0, 10.0, False, True, None),
        ("x", ONLINE, 40.0, 5.0, None, False, True, None),
        ("y", ONLINE, 80.0, 8.0, 10.0, False, True, None),
        ("y", ONLINE, 40.0, None, 20.0, False, True, None),
    ]), ["g", "metric"], {ONLINE}))
    for g in ("x", "y"):
        assert (out[g]["value"], out[g]["basis"], out[g]["approx"]) == (pytest.approx(60.0), "value", True)
        assert (out[g]["numerator"], out[g]["denominator"]) == (None, None)


def test_counts_summing_to_no_cases_fall_back_to_the_mean():
    # z: two units that handled nothing (0 of 0), stated 0 and 100 → no rate to weigh: mean 50.
    # one: 1 of 1 and 0 of 0 → 1 of 1 in all: 100 %, weighted, not the mean of 100 and 0.
    out = _by_group(combine(_parts([
        ("z", ONLINE, 0.0, 0.0, 0.0, False, True, None),
        ("z", ONLINE, 100.0, 0.0, 0.0, False, True, None),
        ("one", ONLINE, 100.0, 1.0, 1.0, False, True, None),
        ("one", ONLINE, 0.0, 0.0, 0.0, False, True, None),
    ]), ["g", "metric"], {ONLINE}))
    assert (out["z"]["value"], out["z"]["basis"], out["z"]["approx"]) == (50.0, "value", True)
    assert (out["one"]["value"], out["one"]["basis"]) == (100.0, "counts")
    assert (out["one"]["numerator"], out["one"]["denominator"], out["one"]["approx"]) == (1.0, 1.0, False)


def test_a_one_row_group_keeps_the_figure_its_source_stated():
    # the row stated 90 but was ranked on its counts; a group of one keeps that note, a group of two
    # has no single stated figure
    out = _by_group(combine(_parts([
        ("solo", ONLINE, 50.0, 5.0, 10.0, False, True, None, 90.0),
        ("pair", ONLINE, 50.0, 5.0, 10.0, False, True, None, 90.0),
        ("pair", ONLINE, 70.0, 7.0, 10.0, False, True, None, None),
    ], stated=True), ["g", "metric"], {ONLINE}))
    assert out["solo"]["stated_value"] == 90.0 and out["pair"]["stated_value"] is None
    assert out["pair"]["value"] == pytest.approx(60.0)  # 12 of 20


def test_rows_without_a_stated_figure_give_an_empty_number_column():
    out = combine(_parts([("solo", ONLINE, 50.0, 5.0, 10.0, False, True, None)]), ["g", "metric"], {ONLINE})
    assert out.schema["stated_value"] == pl.Float64 and out["stated_value"].to_list() == [None]


def test_a_quarter_from_months_keeps_the_months_layout():
    rows = [dict(period=f"2024-{m:02d}", province="01", metric=ONLINE, value=50, numerator=1,
                 denominator=2) for m in (10, 11, 12)]
    ds = dataset_from_records(rows, "t")
    quarter = from_months(ds, ONLINE, "2024-Q4", 63)
    assert quarter.select("period", "province", "era").rows() == [("2024-Q4", "01", 63)]
    # the era column stays the small integer the dataset keeps it in
    assert quarter.schema["era"] == ds.frame.schema["era"] == pl.Int16
