"""What a board is compared with, when a stated figure gives way to its counts, and how the 63
provinces' rows land on the 34. Expected figures are worked out by hand in the comments."""

import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.metrics import MetricCatalog, MetricDef
from de06tui.core.ranking import RankingError, compare_period, from_months, leaderboard, on_registry

ONLINE, CKMB = "online_submission_rate", "transparency_score"


def rec(period, province, metric, value, num=None, den=None, **extra):
    return dict(period=period, province=province, metric=metric, value=value, numerator=num,
                denominator=den, **extra)


@pytest.fixture
def gappy():
    # CKMB in July and October 2024; ONLINE alone in September
    rows = [rec(p, "01", CKMB, 10.0) for p in ("2024-07", "2024-10")]
    rows.append(rec("2024-09", "01", ONLINE, 50, 1, 2))
    return dataset_from_records(rows, "t")


@pytest.mark.parametrize("choice", [None, "previous", "prev"])
def test_the_previous_period_is_the_metrics_last_one_before(gappy, choice):
    assert compare_period(gappy, "2024-10", choice, CKMB) == "2024-07"  # not ONLINE's September


def test_a_period_without_the_metric_steps_back_one_on_the_calendar(gappy):
    assert compare_period(gappy, "2024-12", None, CKMB) == "2024-11"
    assert compare_period(gappy, "2024-09", None, CKMB) == "2024-08"  # September has ONLINE only
    assert compare_period(gappy, "2024-07", None, CKMB) == "2024-06"  # the first month of CKMB


@pytest.mark.parametrize("choice", ["year", "last_year", "yoy"])
def test_same_period_last_year(gappy, choice):
    assert compare_period(gappy, "2024-10", choice, CKMB) == "2023-10"


def test_a_registry_other_than_34_or_63_is_refused_naming_it(gappy):
    with pytest.raises(RankingError) as exc:
        leaderboard(gappy, CKMB, "2024-10", provinces=50)
    assert str(exc.value) == "--provinces must be 34, 63 or auto, got 50"


def _counted(decimals):
    return MetricDef(id="done_rate", title_vi="Tỷ lệ", title_en="Rate", short_vi="", short_en="",
                     unit="%", low=0, high=100, decimals=decimals, counts=True, columns=("done_rate",))


def test_a_stated_figure_one_display_step_from_its_counts_stands():
    # shown to whole numbers: 51 against 50 of 100 is within the display step of 1; 52 is not
    ds = dataset_from_records([rec("2024-10", "01", "done_rate", 51, 50, 100),
                               rec("2024-10", "02", "done_rate", 52, 50, 100)], "t",
                              catalog=MetricCatalog([_counted(0)]))
    board = leaderboard(ds, "done_rate", "2024-10")
    assert board.select("province", "value", "basis").rows() == [("01", 51.0, "value"),
                                                                  ("02", 50.0, "counts")]


def test_a_stated_figure_just_inside_a_tenth_stands():
    # shown to one decimal: 50.095 against 50.0 is inside the step of 0.1
    ds = dataset_from_records([rec("2024-10", "01", "done_rate", 50.095, 50, 100)], "t",
                              catalog=MetricCatalog([_counted(1)]))
    assert leaderboard(ds, "done_rate", "2024-10").select("value", "basis").rows() == [(50.095, "value")]


@pytest.mark.parametrize(("num", "den"), [(5, None), (None, 10)])
def test_counts_that_give_no_rate_leave_the_stated_figure(num, den):
    # half of the counts: no rate to check the stated figure against (a zero total is refused
    # when the file is read)
    ds = dataset_from_records([rec("2024-10", "01", ONLINE, 50.0, num, den)], "t")
    row = leaderboard(ds, ONLINE, "2024-10").row(0, named=True)
    assert (row["value"], row["basis"], row["stated_value"]) == (50.0, "value", None)


def test_a_rate_from_one_case_can_contradict_the_stated_figure():
    ds = dataset_from_records([rec("2024-10", "01", ONLINE, 50.0, 1, 1)], "t")
    row = leaderboard(ds, ONLINE, "2024-10").row(0, named=True)
    assert (row["value"], row["basis"], row["stated_value"]) == (100.0, "counts", 50.0)


def test_one_old_province_alone_makes_an_approximate_new_one():
    # TP HCM (79) was formed from 74, 77 and 79; with only Bình Dương's counts, 6 of 10, it is
    # 60 % counted but only an estimate of the whole province
    ds = dataset_from_records([rec("2024-10", "74", ONLINE, 60.0, 6, 10)], "t")
    board = leaderboard(ds, ONLINE, "2024-10", provinces=34)
    assert board.select("province", "value", "basis", "approx").rows() == [("79", 60.0, "counts", True)]


def test_a_computed_quarter_has_its_keys_as_text():
    rows = [rec(f"2024-{m:02d}", "01", ONLINE, 50, 1, 2) for m in (10, 11, 12)]
    quarter = from_months(dataset_from_records(rows, "t"), ONLINE, "2024-Q4", 63)
    assert {k: quarter.schema[k] for k in ("period", "province", "metric")} == {
        "period": pl.Utf8, "province": pl.Utf8, "metric": pl.Utf8}


def test_no_change_is_marked_approximate_when_there_is_no_comparison():
    # 2025 is computed from synthetic months, 2026 is the portal's real year: not compared at all
    rows = [rec(f"2025-{m:02d}", c, CKMB, v) for m in range(7, 13) for c, v in (("96", 5), ("12", 9))]
    rows += [rec("2026", c, CKMB, v, real=True) for c, v in (("96", 14), ("12", 13))]
    board = leaderboard(dataset_from_records(rows, "t", synthetic=True), CKMB, "2026")
    assert board.select("province", "prev_rank", "change_approx").rows() == [("96", None, None),
                                                                              ("12", None, None)]


def test_old_provinces_put_on_the_34_carry_its_era():
    rows = [rec("2024-10", "74", CKMB, 10.0), rec("2025-08", "01", CKMB, 12.0)]
    ds = dataset_from_records(rows, "t")
    frame = ds.frame.with_columns(pl.col("period", "province", "metric").cast(pl.Utf8))
    out = on_registry(ds, frame, 34).sort("period")
    assert out.select("period", "province", "era").rows() == [("2024-10", "79", 34), ("2025-08", "01", 34)]
    assert out.schema["era"] == pl.Int16
