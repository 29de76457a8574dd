"""Periods combined from months, comparisons, and movers."""

import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.ranking import compare_period, leaderboard, movers


def rate(period, province, n, d):
    return dict(period=period, province=province, metric="online_submission_rate", value=n / d * 100,
                numerator=n, denominator=d)


def test_quarter_from_months_is_count_weighted():
    rows = [rate("2024-07", "01", 1, 2), rate("2024-08", "01", 3, 4), rate("2024-09", "01", 5, 10),
            rate("2024-07", "02", 9, 10), rate("2024-08", "02", 9, 10), rate("2024-09", "02", 90, 100)]
    ds = dataset_from_records(rows, "t")
    board = leaderboard(ds, "online_submission_rate", "2024-Q3")
    hn = board.filter(pl.col("province") == "01").row(0, named=True)
    assert hn["value"] == pytest.approx(9 / 16 * 100)  # not the mean of 50, 75, 50
    assert (hn["numerator"], hn["denominator"], hn["approx"]) == (9, 16, False)


def test_quarter_of_scores_is_a_flagged_mean_and_missing_months_flag_too():
    rows = [dict(period=f"2024-0{m}", province="01", metric="transparency_score", value=v)
            for m, v in ((7, 10), (8, 11), (9, 12))]
    rows += [rate("2024-07", "02", 1, 2)]
    ds = dataset_from_records(rows, "t")
    score = leaderboard(ds, "transparency_score", "2024-Q3").row(0, named=True)
    assert score["value"] == pytest.approx(11.0) and score["approx"] is True
    partial = leaderboard(ds, "online_submission_rate", "2024-Q3").row(0, named=True)
    assert partial["approx"] is True  # only one month of three


def test_given_year_is_used_as_given():
    rows = [rate("2026-01", "79", 1, 2), dict(period="2026", province="79", metric="online_submission_rate",
                                              value=77.7)]
    ds = dataset_from_records(rows, "t")
    assert leaderboard(ds, "online_submission_rate", "2026")["value"].item() == 77.7


def test_compare_choices():
    rows = [rate(p, "01", 1, 2) for p in ("2023-10", "2024-09", "2024-10")]
    ds = dataset_from_records(rows, "t")
    assert compare_period(ds, "2024-10", None) == "2024-09"
    assert compare_period(ds, "2024-10", "year") == "2023-10"
    assert compare_period(ds, "2024-10", "T1/2024") == "2024-01"


def test_movers_across_the_merger_use_the_new_provinces():
    rows = [rate("2025-06", c, n, 100) for c, n in (("74", 10), ("77", 10), ("79", 10), ("01", 90))]
    rows += [rate("2025-07", "79", 95, 100), rate("2025-07", "01", 50, 100)]
    ds = dataset_from_records(rows, "t")
    up, down = movers(ds, "online_submission_rate", "2025-06", "2025-07")
    assert up.select("province", "prev_rank", "rank").rows() == [("79", 2, 1)]
    assert down.select("province", "rank_change").rows() == [("01", -1)]
