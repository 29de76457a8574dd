"""Files as offices make them: Excel workbooks with formats, merges and sheets; other encodings;
semicolon files whose header names hold commas. Expected figures are worked out by hand."""

from __future__ import annotations

import polars as pl
import pytest
import xlsxwriter

from de06tui.core.dataset import load_paths
from de06tui.core.problems import PERIOD_FROM_TITLE, RATE_AS_FRACTION, SKIPPED_TOTAL

RATE = "online_submission_rate"
CKMB = "transparency_score"


def value(ds, province: str, metric: str) -> float:
    rows = ds.frame.filter((pl.col("province") == province) & (pl.col("metric") == metric))
    assert rows.height == 1, rows
    return rows["value"][0]


def office_workbook(path, *, title: str = "BẢNG XẾP HẠNG CHỈ SỐ PHỤC VỤ NGƯỜI DÂN THÁNG 10/2024",
                    period_column: bool = False):
    """Notes on sheet 1; on sheet 2 a title, a header over two merged rows, STT, a total row."""
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Ghi chú").write(0, 0, "Nguồn: Cổng Dịch vụ công quốc gia")
    ws = wb.add_worksheet("Dữ liệu")
    pct = wb.add_format({"num_format": "0.0%"})
    ws.merge_range(0, 0, 0, 4, title)
    ws.merge_range(2, 0, 3, 0, "STT")
    ws.merge_range(2, 1, 3, 1, "Tỉnh/Thành phố")
    ws.merge_range(2, 2, 2, 3, "Chỉ số")
    ws.write(3, 2, "Tỷ lệ nộp hồ sơ trực tuyến (%)")
    ws.write(3, 3, "Điểm công khai minh bạch")
    if period_column:
        ws.merge_range(2, 4, 3, 4, "Kỳ")
    rows = [(1, "Bình Định", 0.984, 12.5), (2, "Cà Mau", 0.5, 7.25), ("", "Toàn quốc", 0.7, 10)]
    for r, (stt, name, rate, score) in enumerate(rows, start=4):
        ws.write(r, 0, stt)
        ws.write(r, 1, name)
        ws.write(r, 2, rate, pct)
        ws.write(r, 3, score)
        if period_column:
            ws.write(r, 4, "2024-09")
    wb.close()
    return path


def test_office_workbook_read_as_a_person_reads_it(tmp_path):
    ds = load_paths([office_workbook(tmp_path / "bxh.xlsx")])
    assert ds.errors == []
    # 0.984 shown as 98.4 % is 98.4; 0.5 shown as 50.0 % is 50
    assert value(ds, "52", RATE) == 98.4
    assert value(ds, "96", RATE) == 50.0
    assert value(ds, "52", CKMB) == 12.5 and value(ds, "96", CKMB) == 7.25
    assert set(ds.frame["period"]) == {"2024-10"}  # from the title
    assert ds.frame.height == 4  # 2 provinces × 2 metrics; the national row is not a province
    by_kind = {p.kind: p for p in ds.warnings if p.kind}
    title = by_kind[PERIOD_FROM_TITLE]
    assert (title.sheet, title.row) == ("Dữ liệu", 1) and "2024-10" in title.reason
    total = by_kind[SKIPPED_TOTAL]
    assert (total.sheet, total.row) == ("Dữ liệu", 7) and "Toàn quốc" in total.reason
    assert any("sheet 2" in p.reason and "Ghi chú" in p.reason for p in ds.warnings)
    assert "sheet 'Dữ liệu', row 7" in str(total)


def test_period_column_wins_over_title_and_no_title_note(tmp_path):
    ds = load_paths([office_workbook(tmp_path / "b.xlsx", period_column=True)])
    assert ds.errors == []
    assert set(ds.frame["period"]) == {"2024-09"}
    assert not any(p.kind == PERIOD_FROM_TITLE for p in ds.problems)


@pytest.mark.parametrize("title, period", [("KẾT QUẢ QUÝ 3/2024", "2024-Q3"), ("Năm 2024", "2024"),
                                           ("Bảng T11/2024", "2024-11")])
def test_period_taken_from_other_titles(tmp_path, title, period):
    ds = load_paths([office_workbook(tmp_path / "t.xlsx", title=title)])
    assert set(ds.frame["period"]) == {period}


def test_sheet_chosen_by_name_or_number(tmp_path):
    path = office_workbook(tmp_path / "b.xlsx")
    for wanted in ("Dữ liệu", "2", "dữ liệu"):
        ds = load_paths([path], sheet=wanted)
        assert value(ds, "52", RATE) == 98.4
    ds = load_paths([path], sheet="1")
    assert ds.is_empty and ds.errors[0].sheet == "Ghi chú"
    ds = load_paths([path], sheet="Nope")
    assert "no sheet 'Nope'" in ds.errors[0].reason and "'Dữ liệu'" in ds.errors[0].reason


def test_errors_in_a_workbook_name_the_sheet_row_and_column(tmp_path):
    path = tmp_path / "bad.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Tháng 10")
    ws.write_row(0, 0, ["Kỳ", "Tỉnh", "Tỷ lệ nộp hồ sơ trực tuyến (%)"])
    ws.write_row(1, 0, ["2024-10", "Atlantis", 50])
    wb.close()
    ds = load_paths([path])
    err = ds.errors[0]
    assert (err.sheet, err.row, err.column) == ("Tháng 10", 2, "province")
    assert str(err).startswith(f"error: {path}, sheet 'Tháng 10', row 2, column 'province'")


def test_percent_formats_builtin_and_custom_and_general(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["period", "province", "Tỷ lệ nộp hồ sơ trực tuyến (%)", "Tỷ lệ đồng bộ"])
    builtin = wb.add_format({"num_format": 10})  # 0.00%
    custom = wb.add_format({"num_format": '0.0"%"'})  # a quoted % does not scale
    ws.write_row(1, 0, ["2024-10", "Hà Nội"])
    ws.write(1, 2, 0.9123, builtin)
    ws.write(1, 3, 97.5, custom)
    ws.write_row(2, 0, ["2024-10", "Cà Mau", 1, 0.25])  # 1 in General format: read as 1
    wb.close()
    ds = load_paths([path])
    assert value(ds, "01", RATE) == 91.23
    assert value(ds, "01", "sync_to_portal_rate") == 97.5
    assert value(ds, "96", RATE) == 1.0
    assert value(ds, "96", "sync_to_portal_rate") == 0.25
    assert not any(p.kind == RATE_AS_FRACTION for p in ds.problems)  # 91.23 and 97.5 are over 1


def test_fractions_without_a_format_are_a_warning_naming_the_column(write):
    path = write("f.csv", "period,province,Tỷ lệ đồng bộ,Tỷ lệ nộp hồ sơ trực tuyến (%)\n"
                          "2024-10,Hà Nội,0.98,40\n2024-10,Cà Mau,1,60\n")
    ds = load_paths([path])
    warned = [p for p in ds.warnings if p.kind == RATE_AS_FRACTION]
    assert [(p.file, p.column) for p in warned] == [(str(path), "Tỷ lệ đồng bộ")]
    assert value(ds, "01", "sync_to_portal_rate") == 0.98  # read as given


def test_fraction_warning_boundary_is_one(write):
    ds = load_paths([write("f.csv", "period,province,Tỷ lệ đồng bộ\n2024-10,Hà Nội,1.01\n")])
    assert not any(p.kind == RATE_AS_FRACTION for p in ds.problems)


def test_semicolon_file_whose_header_holds_commas(write):
    text = ("Kỳ;Tỉnh/Thành phố;Điểm công khai, minh bạch;Tỷ lệ nộp hồ sơ trực tuyến (%)\n"
            "T10/2024;Bình Định;12,5;85,5\n"
            "T10/2024;Cà Mau;9;70\n")
    ds = load_paths([write("s.csv", text)])
    assert ds.errors == []
    assert value(ds, "52", CKMB) == 12.5 and value(ds, "96", CKMB) == 9.0
    assert value(ds, "52", RATE) == 85.5 and value(ds, "96", RATE) == 70.0


def test_comma_file_with_a_semicolon_in_one_cell(write):
    text = 'period,province,metric,value,flag\n2024-10,Cà Mau,CKMB,9,"xem; ghi chú"\n2024-10,01,CKMB,8,\n'
    ds = load_paths([write("c.csv", text)])
    assert ds.errors == [] and value(ds, "01", CKMB) == 8.0 and value(ds, "96", CKMB) == 9.0


def test_excel_unicode_text_is_utf16_with_bom_and_tabs(tmp_path):
    text = "Kỳ\tTỉnh/Thành phố\tTỷ lệ nộp hồ sơ trực tuyến (%)\r\nT10/2024\tĐắk Lắk\t77,7\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    ds = load_paths([path])
    assert ds.errors == [] and value(ds, "66", RATE) == 77.7


def test_windows_1258_decoded_when_certain(tmp_path):
    # Windows-1258 writes "Cà Mau" as C, a, the grave tone byte 0xCC, " Mau"
    path = tmp_path / "cp1258.csv"
    # and "Đà Nẵng" as 0xD0, a, 0xCC, " N", 0xE3 (ă), "ng" with the dot below 0xF2 after it
    path.write_bytes(b"period,province,metric,value\n2024-10,Ca\xcc Mau,CKMB,9\n"
                     b"2024-10,\xd0a\xcc N\xe3\xf2ng,CKMB,8\n")
    ds = load_paths([path])
    assert ds.errors == [] and value(ds, "96", CKMB) == 9.0 and value(ds, "48", CKMB) == 8.0
    assert any("Windows-1258" in p.reason for p in ds.warnings)


def test_tcvn3_refused_naming_the_encoding(tmp_path):
    path = tmp_path / "abc.csv"
    # TCVN3 writes "Hà Nội" as H, 0xB5, " N", 0xE9, "i"
    path.write_bytes(b"period,province,metric,value\n2024-10,H\xb5 N\xe9i,CKMB,9\n")
    ds = load_paths([path])
    assert ds.is_empty and "TCVN3" in ds.errors[0].reason and ds.errors[0].row == 2


def test_mojibake_is_refused_with_its_line(tmp_path):
    garbled = "Hà Nội".encode().decode("cp1252", errors="replace").encode("utf-8")
    path = tmp_path / "m.csv"
    path.write_bytes(b"period,province,metric,value\n2024-10,01,CKMB,8\n2024-10," + garbled + b",CKMB,9\n")
    ds = load_paths([path])
    assert ds.is_empty and "garbled" in ds.errors[0].reason and ds.errors[0].row == 3


def test_period_cells_formatted_as_dates_are_their_month(tmp_path):
    path = tmp_path / "d.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Kỳ", "Tỉnh", "CKMB"])
    ws.write_number(1, 0, 45566, wb.add_format({"num_format": "dd/mm/yyyy"}))  # 45566 is 1 October 2024
    ws.write_row(1, 1, ["Cà Mau", 9])
    wb.close()
    ds = load_paths([path])
    assert ds.errors == [] and ds.frame["period"].to_list() == ["2024-10"]
