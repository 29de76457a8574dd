"""Figures checked as they are read: no-figure marks, numeric periods, values against their own
counts, months restated on the 34 provinces, and one message per cause."""

from __future__ import annotations

import json

import polars as pl
import pytest
import xlsxwriter

from de06tui.core.dataset import load_paths
from de06tui.core.problems import COUNTS_DISAGREE, NO_FIGURE, RESTATED_ON_34
from de06tui.core.ranking import leaderboard
from de06tui.core.registry import Province, ProvinceRegistry, default_registry

RATE = "online_submission_rate"
# The 34 provinces of July 2025, as an office writes them (typed from the official list).
NEW_34 = ["Hà Nội", "Cao Bằng", "Tuyên Quang", "Điện Biên", "Lai Châu", "Sơn La", "Lào Cai",
          "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Ninh", "Phú Thọ", "Hải Phòng", "Hưng Yên",
          "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi",
          "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "TP Hồ Chí Minh", "Tây Ninh",
          "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ", "Cà Mau"]


def long_csv(write, name: str, rows: list[tuple]) -> str:
    lines = ["period,province,metric,value,numerator,denominator"]
    lines += [",".join("" if c is None else str(c) for c in r) for r in rows]
    return write(name, "\n".join(lines) + "\n")


# -- missing-value markers ----------------------------------------------------------------
@pytest.mark.parametrize("mark", ["-", "–", "N/A", "x", "", " n/a ", "X"])
def test_no_figure_marks_leave_the_row_out_with_a_warning(write, mark):
    path = long_csv(write, "m.csv", [("2024-10", "01", RATE, 40, None, None),
                                     ("2024-10", "96", RATE, mark, None, None)])
    ds = load_paths([path])
    assert ds.errors == []
    assert ds.frame["province"].to_list() == ["01"]
    (warned,) = [p for p in ds.warnings if p.kind == NO_FIGURE]
    assert (warned.file, warned.row, warned.column) == (str(path), 3, "value")


def test_a_mark_in_a_wide_file_leaves_only_that_cell_out(write):
    path = write("w.csv", "Kỳ,Tỉnh,Tỷ lệ nộp hồ sơ trực tuyến (%),CKMB\n10/2024,Cà Mau,–,9\n")
    ds = load_paths([path])
    assert ds.frame.select("metric", "value").rows() == [("transparency_score", 9.0)]
    (warned,) = [p for p in ds.warnings if p.kind == NO_FIGURE]
    assert (warned.row, warned.column) == (2, "Tỷ lệ nộp hồ sơ trực tuyến (%)")


def test_a_value_given_by_its_counts_is_not_missing(write):
    ds = load_paths([long_csv(write, "c.csv", [("2024-10", "01", RATE, "-", 3, 4)])])
    assert ds.errors == [] and ds.frame["value"].to_list() == [75.0]
    assert not any(p.kind == NO_FIGURE for p in ds.problems)


def test_text_that_is_not_a_mark_is_still_an_error(write):
    ds = load_paths([long_csv(write, "t.csv", [("2024-10", "01", RATE, "xx", None, None)])])
    assert [(p.reason, p.value) for p in ds.errors] == [("not a number", "xx")]


# -- numeric periods -----------------------------------------------------------------------
def test_numeric_period_in_json_is_refused_located(write):
    rows = [{"period": 2024.1, "province": "01", "metric": RATE, "value": 50},
            {"period": 2024.10, "province": "02", "metric": RATE, "value": 60}]
    path = write("p.json", json.dumps(rows))
    ds = load_paths([path])
    assert ds.is_empty
    assert [(p.row, p.column, p.value) for p in ds.errors] == [(1, "period", "2024.1"), (2, "period", "2024.1")]
    assert "write the period as text" in ds.errors[0].reason


def test_whole_number_period_is_a_year(write):
    path = write("y.json", json.dumps([{"period": 2024, "province": "01", "metric": RATE, "value": 50}]))
    ds = load_paths([path])
    assert ds.errors == [] and ds.frame["period"].to_list() == ["2024"]


def test_numeric_period_cell_in_a_workbook_is_refused(tmp_path):
    path = tmp_path / "p.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Số liệu")
    ws.write_row(0, 0, ["Kỳ", "Tỉnh", "Tỷ lệ nộp hồ sơ trực tuyến (%)"])
    ws.write_row(1, 0, ["2024-09", "Hà Nội", 50])
    ws.write_row(2, 0, [2024.10, "Cà Mau", 60])  # Excel keeps 2024.1
    wb.close()
    ds = load_paths([path])
    assert ds.is_empty
    (err,) = ds.errors
    assert (err.sheet, err.row, err.column, err.value) == ("Số liệu", 3, "Kỳ", "2024.1")


# -- a value against its own counts --------------------------------------------------------
def test_value_contradicting_its_counts_is_a_located_warning(write):
    # 100 × 7 ÷ 8 = 87.5; the rate shows one decimal, so 87.55 is the last figure not contradicting it
    path = long_csv(write, "c.csv", [("2024-10", "01", RATE, 87.55, 7, 8),
                                     ("2024-10", "02", RATE, 87.45, 7, 8),
                                     ("2024-10", "04", RATE, 87.56, 7, 8),
                                     ("2024-10", "06", RATE, 87.44, 7, 8),
                                     ("2024-10", "08", RATE, 90.0, 7, 8)])
    ds = load_paths([path])
    warned = [p for p in ds.warnings if p.kind == COUNTS_DISAGREE]
    assert [(p.row, p.column) for p in warned] == [(4, "value"), (5, "value"), (6, "value")]
    assert "90.0" in warned[2].reason and "87.500" in warned[2].reason
    assert ds.frame.filter(pl.col("province") == "08")["value"].to_list() == [90.0]  # kept as given


# -- one cause, one message ----------------------------------------------------------------
def test_blank_province_is_said_once(write):
    ds = load_paths([long_csv(write, "b.csv", [("2024-10", "  ", RATE, 50, None, None)])])
    assert [(p.reason, p.row) for p in ds.errors] == [("province is empty", 2)]


def test_bad_counts_give_no_follow_on_range_error(write):
    ds = load_paths([long_csv(write, "n.csv", [("2024-10", "01", RATE, None, 5, 3)])])
    assert [p.reason for p in ds.errors] == ["numerator 5 is greater than denominator 3"]


def test_province_of_the_other_registry_is_told_by_type(write):
    ds = load_paths([long_csv(write, "e.csv", [("2025-08", "Bình Định", RATE, 5, None, None)])])
    (err,) = ds.errors
    assert err.reason.startswith("period 2025-08 is on the 34 provinces, but it mixes in another era's")
    ds = load_paths([long_csv(write, "u.csv", [("2025-08", "Atlantis", RATE, 5, None, None)])])
    assert ds.errors[0].reason.startswith("unknown province 'Atlantis'")


# -- months before July 2025 restated on the 34 --------------------------------------------
def restated_rows(names: list[str]) -> list[tuple]:
    return [("2024-10", n, RATE, 50 + i, None, None) for i, n in enumerate(names)]


def test_month_restated_on_the_34_is_read_on_the_34(write):
    path = long_csv(write, "r.csv", restated_rows(NEW_34))
    ds = load_paths([path])
    assert ds.errors == []
    assert set(ds.frame["era"]) == {34}
    # "Gia Lai" is the 23rd name (value 50 + 22): the new Gia Lai, code 52, not the old one, 64
    assert ds.frame.filter(pl.col("province") == "52")["value"].to_list() == [72.0]
    assert "64" not in set(ds.frame["province"])
    (note,) = [p for p in ds.warnings if p.kind == RESTATED_ON_34]
    assert (note.file, note.row) == (str(path), 2) and "2024-10" in note.reason
    # it is not the 63's month, and ranks on the 34 when asked
    assert leaderboard(ds, RATE, "2024-10", provinces=63).height == 0
    board = leaderboard(ds, RATE, "2024-10", provinces=34)
    assert board.height == 34
    assert board.filter(pl.col("province") == "52")["value"].to_list() == [72.0]
    assert board["rank"][0] == 1 and board["name"][0] == "Cà Mau"  # 50 + 33, the highest


def test_restated_and_original_month_stay_apart(write):
    old = long_csv(write, "old.csv", [("2024-10", "Gia Lai", RATE, 40, None, None),
                                      ("2024-10", "Kon Tum", RATE, 60, None, None)])
    new = long_csv(write, "new.csv", restated_rows(NEW_34))
    ds = load_paths([old, new])
    assert ds.errors == []
    on_63 = ds.frame.filter(pl.col("era") == 63)
    assert sorted(on_63.select("province", "value").rows()) == [("62", 60.0), ("64", 40.0)]
    board = leaderboard(ds, RATE, "2024-10", provinces=34)
    # the restatement is used as given, not merged again with the old Gia Lai and Kon Tum
    assert board.height == 34 and board.filter(pl.col("province") == "52")["value"].to_list() == [72.0]


def test_short_block_of_shared_names_keeps_the_63(write):
    # 16 names (fewer than half of 34) that both registries know: read on the 63, as before
    ds = load_paths([long_csv(write, "s.csv", restated_rows(NEW_34[:16]))])
    assert set(ds.frame["era"]) == {63}
    assert not any(p.kind == RESTATED_ON_34 for p in ds.problems)
    ds = load_paths([long_csv(write, "h.csv", restated_rows(NEW_34[:17]))])
    assert set(ds.frame["era"]) == {34}


def test_one_old_only_name_keeps_the_63(write):
    ds = load_paths([long_csv(write, "o.csv", restated_rows(NEW_34[:33] + ["Kon Tum"]))])
    assert set(ds.frame["era"]) == {63}


def registry_with_a_new_name() -> ProvinceRegistry:
    """The shipped registry, with one 34 province renamed to a name the 63 never had."""
    real = default_registry()
    by_era = {63: dict(real.by_era[63]), 34: dict(real.by_era[34])}
    p = by_era[34]["96"]
    by_era[34]["96"] = Province(p.code, "Mũi Cà Mau", "Mui Ca Mau", 34, merged_from=p.merged_from)
    return ProvinceRegistry(by_era, dict(real.department_codes))


def test_a_name_only_of_the_34_makes_a_short_block_restated(write):
    ds = load_paths([long_csv(write, "n.csv", restated_rows(["Mũi Cà Mau", "Hà Nội"]))],
                    registry=registry_with_a_new_name())
    assert ds.errors == [] and set(ds.frame["era"]) == {34}
    assert sorted(ds.frame["province"]) == ["01", "96"]


def test_a_block_mixing_both_registries_is_a_located_error(write):
    path = long_csv(write, "x.csv", restated_rows(["Hà Nội", "Kon Tum", "Mũi Cà Mau"]))
    ds = load_paths([path], registry=registry_with_a_new_name())
    assert ds.is_empty
    (err,) = ds.errors
    assert (err.file, err.row, err.column, err.value) == (str(path), 4, "province", "Mũi Cà Mau")
    assert "Kon Tum" in err.reason and "row 3" in err.reason
