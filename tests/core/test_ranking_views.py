"""The views built on the board: a province's history, the sparkline trends, the movers, and what a
board says it ranks by. Every expected figure is worked out by hand in the comments."""

import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.metrics import MetricCatalog, MetricDef
from de06tui.core.ranking import RankingError, board_basis, history, leaderboard, movers, trends

ONLINE, CKMB, TOTAL = "online_submission_rate", "transparency_score", "total_score"
HISTORY_COLUMNS = ["period", "value", "numerator", "denominator", "rank", "of", "approx", "real"]


def rec(period, province, metric, value, num=None, den=None, **extra):
    return dict(period=period, province=province, metric=metric, value=value, numerator=num,
                denominator=den, **extra)


def test_history_ranks_one_province_among_its_metric_each_month():
    # ONLINE, higher is better. Sep: 01 80 %, 04 70 %, 02 60 % → 02 third of three.
    # Oct: 02 90 %, 04 70 %, 01 50 % → 02 first of three.
    rows = [rec("2024-09", "01", ONLINE, 80, 8, 10), rec("2024-09", "02", ONLINE, 60, 6, 10),
            rec("2024-09", "04", ONLINE, 70, 7, 10), rec("2024-10", "01", ONLINE, 50, 5, 10),
            rec("2024-10", "02", ONLINE, 90, 9, 10, real=True), rec("2024-10", "04", ONLINE, 70, 7, 10),
            # a quarter the source gives itself is not a month of the history
            rec("2024-Q3", "02", ONLINE, 40, 4, 10),
            # another metric in the same month is not ranked with this one
            rec("2024-09", "06", CKMB, 17.5), rec("2024-09", "08", CKMB, 16.0)]
    ds = dataset_from_records(rows, "t")
    h = history(ds, ONLINE, "02", era=63)
    assert h.columns == HISTORY_COLUMNS
    # October's figure for 02 is marked real, September's is not
    assert h.rows() == [("2024-09", 60.0, 6.0, 10.0, 3, 3, False, False),
                        ("2024-10", 90.0, 9.0, 10.0, 1, 3, False, True)]
    # Hà Giang (02) has no province of its own on the 34: on that registry it has no history
    assert history(ds, ONLINE, "02").height == 0


def test_history_of_a_metric_where_lower_is_better():
    wait = MetricDef(id="wait_days", title_vi="Ngày chờ", title_en="Wait", short_vi="", short_en="",
                     unit="points", low=0, high=100, higher_is_better=False, columns=("wait_days",))
    ds = dataset_from_records([rec("2024-10", c, "wait_days", v) for c, v in
                               (("01", 5), ("02", 3), ("04", 9))], "t", catalog=MetricCatalog([wait]))
    assert history(ds, "wait_days", "02", era=63)["rank"].to_list() == [1]  # 3 days, the fewest
    assert history(ds, "wait_days", "04", era=63)["rank"].to_list() == [3]


def _trend_data():
    # CKMB in July, August, October and November 2024, and for the third quarter as a whole;
    # ONLINE alone in September. Hà Nội (01) and Bình Dương (74, part of TP HCM 79 from July 2025).
    # Hà Nội's August figure is marked real, its other months not: one province, one row of values
    rows = [rec(m, c, CKMB, v + i, real=(m, c) == ("2024-08", "01"))
            for i, m in enumerate(["2024-07", "2024-08", "2024-10", "2024-11"])
            for c, v in (("01", 10.0), ("74", 5.0))]
    rows += [rec("2024-Q3", c, CKMB, 1.0) for c in ("01", "74")]
    rows += [rec("2024-09", c, ONLINE, 50, 1, 2) for c in ("01", "74")]
    return dataset_from_records(rows, "t")


def test_trends_are_the_last_months_of_the_metric_up_to_the_period():
    ds = _trend_data()
    # the months of CKMB up to October: July, August, October (November is after; the quarter is
    # not a month; September has ONLINE only), each province's value +1 a month
    assert trends(ds, CKMB, "2024-10") == {"01": [10.0, 11.0, 12.0], "74": [5.0, 6.0, 7.0]}
    assert trends(ds, CKMB, "2024-10", count=2) == {"01": [11.0, 12.0], "74": [6.0, 7.0]}
    # on the 34, Bình Dương's months are TP HCM's (79) and Hà Nội stays Hà Nội
    assert trends(ds, CKMB, "2024-10", count=2, provinces=34) == {"01": [11.0, 12.0], "79": [6.0, 7.0]}
    assert trends(ds, CKMB, "2024-06") == {}  # nothing up to June


def test_trends_keep_twelve_periods_by_default():
    months = [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01", "2025-02"]
    ds = dataset_from_records([rec(p, "01", CKMB, float(i)) for i, p in enumerate(months)], "t")
    # fourteen months, values 0 … 13: the last twelve are 2 … 13
    assert trends(ds, CKMB, "2025-02") == {"01": [float(v) for v in range(2, 14)]}


def _moves():
    # TOTAL, higher is better. August ranks: 01 1st (60), 02 2nd, 04 3rd, 06 4th, 08 5th, 10 6th, 11 7th.
    august = {"01": 60, "02": 50, "04": 40, "06": 30, "08": 20, "10": 10, "11": 5}
    # October: 10 1st (70), 08 2nd (65), 04 3rd (62), 11 4th (55), 01 5th (50), 02 6th (35), 06 7th (20).
    october = {"10": 70, "08": 65, "04": 62, "11": 55, "01": 50, "02": 35, "06": 20}
    rows = [rec("2024-08", c, TOTAL, v) for c, v in august.items()]
    rows += [rec("2024-10", c, TOTAL, v) for c, v in october.items()]
    # September already as October: compared with September, nobody moved
    rows += [rec("2024-09", c, TOTAL, v) for c, v in october.items()]
    return dataset_from_records(rows, "t")


def test_movers_between_two_chosen_periods_in_order_of_the_move():
    up, down = movers(_moves(), TOTAL, "2024-08", "2024-10")
    # up: 10 +5 places (+60 points); 11 +3 (+50); 08 +3 (+45). 04 stayed 3rd: not a mover.
    assert up.select("province", "rank_change", "value_change").rows() == [
        ("10", 5, 60.0), ("11", 3, 50.0), ("08", 3, 45.0)]
    # down: 02 -4 places (-15 points) and 01 -4 (-10), the larger fall in points first; 06 -3 (-10)
    assert down.select("province", "rank_change", "value_change").rows() == [
        ("02", -4, -15.0), ("01", -4, -10.0), ("06", -3, -10.0)]


def test_movers_show_five_each_way_by_default():
    # 01 falls from 1st to 8th; the seven others each climb one place, gaining 1 … 7 points.
    before = {"01": 80, "02": 70, "04": 60, "06": 50, "08": 40, "10": 30, "11": 20, "12": 10}
    after = {c: v + i for i, (c, v) in enumerate(before.items())} | {"01": 1}
    rows = [rec("2024-09", c, TOTAL, v) for c, v in before.items()]
    rows += [rec("2024-10", c, TOTAL, v) for c, v in after.items()]
    up, down = movers(dataset_from_records(rows, "t"), TOTAL, "2024-09", "2024-10")
    assert up["province"].to_list() == ["12", "11", "10", "08", "06"]  # +7, +6, +5, +4, +3 points
    assert up["rank_change"].to_list() == [1] * 5
    assert down.select("province", "rank_change").rows() == [("01", -7)]


def test_movers_on_the_registry_asked_for():
    rows = [rec("2024-09", "01", TOTAL, 50), rec("2024-09", "74", TOTAL, 40),
            rec("2024-10", "01", TOTAL, 50), rec("2024-10", "74", TOTAL, 60)]
    up, down = movers(dataset_from_records(rows, "t"), TOTAL, "2024-09", "2024-10", provinces=34)
    # on the 34, Bình Dương (74) is TP HCM (79): up from 2nd to 1st; Hà Nội down from 1st to 2nd
    assert up.select("province", "rank_change").rows() == [("79", 1)]
    assert down.select("province", "rank_change").rows() == [("01", -1)]


def test_a_board_with_no_rows_ranks_by_value():
    ds = dataset_from_records([rec("2024-10", "01", ONLINE, 50, 1, 2)], "t")
    board = leaderboard(ds, ONLINE, "2024-10")
    assert board_basis(board) == "value"
    assert board_basis(board.filter(pl.lit(False))) == "value"
    assert board_basis(board.with_columns(pl.lit(None, pl.Utf8).alias("basis"))) == "value"


@pytest.mark.parametrize("basis", ["counts", "value"])
def test_a_board_of_one_basis_says_it(basis):
    board = pl.DataFrame({"basis": [basis, basis, None]})
    assert board_basis(board) == basis


def test_history_runs_in_time_across_a_year_end_and_the_merger():
    # Bình Dương (74) before the merger is TP HCM (79) on the 34; December comes before January
    rows = [rec("2025-08", "79", CKMB, 4.0), rec("2025-07", "79", CKMB, 3.0),
            rec("2025-01", "74", CKMB, 2.0), rec("2024-12", "74", CKMB, 1.0)]
    h = history(dataset_from_records(rows, "t"), CKMB, "79")
    assert h.select("period", "value").rows() == [("2024-12", 1.0), ("2025-01", 2.0),
                                                  ("2025-07", 3.0), ("2025-08", 4.0)]


def test_an_unknown_metric_is_refused_naming_the_known_ones():
    def metric(id_):
        return MetricDef(id=id_, title_vi=id_, title_en=id_, short_vi="", short_en="", unit="points",
                         low=0, high=100, columns=(id_,))
    catalog = MetricCatalog([metric("wait_days"), metric("queue_length")])
    ds = dataset_from_records([rec("2024-10", "01", "wait_days", 5)], "t", catalog=catalog)
    with pytest.raises(RankingError) as exc:
        leaderboard(ds, "nope", "2024-10")
    # in the catalog's display order: both at the default order, so by id
    assert str(exc.value) == "unknown metric 'nope'; known: queue_length, wait_days"


def test_a_period_compared_with_itself_has_no_change():
    rows = [rec(p, c, CKMB, v) for p in ("2024-09", "2024-10") for c, v in (("01", 10.0), ("02", 12.0))]
    board = leaderboard(dataset_from_records(rows, "t"), CKMB, "2024-10", compare="2024-10")
    assert board.select("province", "prev_rank", "rank_change").rows() == [("02", None, None),
                                                                            ("01", None, None)]


def test_the_previous_period_is_the_metrics_own():
    # CKMB has August and October; only ONLINE has September. October's CKMB board compares with
    # August: 02 was 2nd (10 against 12), now 1st.
    rows = [rec("2024-08", c, CKMB, v) for c, v in (("01", 12.0), ("02", 10.0))]
    rows += [rec("2024-10", c, CKMB, v) for c, v in (("01", 11.0), ("02", 13.0))]
    rows += [rec("2024-09", c, ONLINE, 50, 1, 2) for c in ("01", "02")]
    board = leaderboard(dataset_from_records(rows, "t"), CKMB, "2024-10")
    assert board.select("province", "prev_rank", "rank_change").rows() == [("02", 2, 1), ("01", 1, -1)]


def test_each_board_names_the_region_of_its_registry():
    # Bình Định (52) was on the central coast; the new province with code 52 is Gia Lai, which kept
    # the old Gia Lai's name (64) and is in the Central Highlands.
    rows = [rec("2024-10", c, CKMB, v) for c, v in (("52", 12.0), ("64", 10.0))]
    rows += [rec("2025-10", "52", CKMB, 11.0)]
    ds = dataset_from_records(rows, "t")
    old = leaderboard(ds, CKMB, "2024-10")
    assert old.select("province", "name", "region").rows() == [
        ("52", "Bình Định", "Bắc Trung Bộ và duyên hải miền Trung"), ("64", "Gia Lai", "Tây Nguyên")]
    new = leaderboard(ds, CKMB, "2025-10")
    assert new.select("province", "name", "region").rows() == [("52", "Gia Lai", "Tây Nguyên")]


def test_a_board_on_the_63_is_not_compared_with_a_period_on_the_34():
    # June 2025 is on the 63; July 2025 on the 34: its provinces are not the June board's
    rows = [rec("2025-06", c, CKMB, v) for c, v in (("01", 12.0), ("02", 10.0))]
    rows += [rec("2025-07", c, CKMB, v) for c, v in (("01", 11.0), ("08", 13.0))]
    board = leaderboard(dataset_from_records(rows, "t"), CKMB, "2025-06", compare="2025-07")
    assert board.select("province", "rank", "prev_rank", "rank_change").rows() == [
        ("01", 1, None, None), ("02", 2, None, None)]


def test_a_previous_period_of_one_province_is_still_compared():
    rows = [rec("2024-09", "01", CKMB, 12.0)]
    rows += [rec("2024-10", c, CKMB, v) for c, v in (("01", 11.0), ("02", 13.0))]
    board = leaderboard(dataset_from_records(rows, "t"), CKMB, "2024-10")
    # 01 was 1st of one at 12.0, is 2nd at 11.0; 02 was not there
    assert board.select("province", "prev_rank", "rank_change", "prev_value", "value_change").rows() == [
        ("02", None, None, None, None), ("01", 1, -1, 12.0, -1.0)]
