"""Exports an office can use: the exported bytes read back with csv, openpyxl and our own readers."""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import datetime

import openpyxl
import polars as pl
import pytest

from de06tui.core.dataset import dataset_from_records, load_paths, load_sample
from de06tui.core.export import board_table, export_board, export_name, markdown, numbered, write_new
from de06tui.core.ranking import leaderboard
from de06tui.core.registry import default_registry
from de06tui.core.workbook import board_workbook, sheet_name

METRIC = "online_submission_rate"


def old_province_codes() -> list[str]:
    codes = [p.code for p in default_registry().provinces(63)]
    assert len(codes) == 63
    return codes


@pytest.fixture(scope="module")
def close_call():
    """63 provinces in October 2024; ranks 29, 30, 31 hold 72.05, 72.04, 72.03 (no counts given,
    so the figures are the values as written)."""
    codes = old_province_codes()
    values = [90.0 - i * 0.5 for i in range(28)] + [72.05, 72.04, 72.03] + \
             [70.0 - i * 0.5 for i in range(32)]
    records = [{"period": "2024-10", "province": c, "metric": METRIC, "value": v}
               for c, v in zip(codes, values)]
    ds = dataset_from_records(records, "close-call.json", synthetic=False)
    assert not ds.errors, ds.errors
    return ds, dict(zip(codes, values))


def by_rank(rows: list[dict], rank_key: str, value_key: str) -> dict[int, float]:
    return {int(float(str(r[rank_key]))): r[value_key] for r in rows}


def test_csv_and_xlsx_keep_the_exact_values_at_ranks_29_to_31(close_call, tmp_path):
    ds, _ = close_call
    m = ds.catalog[METRIC]
    board = leaderboard(ds, METRIC, "2024-10")
    path = export_board(board, m, tmp_path / "b.csv", "csv", "en", "2024-10", False)
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    got = by_rank(rows, "rank", "value")
    assert [got[29], got[30], got[31]] == ["72.05", "72.04", "72.03"]

    path = export_board(board, m, tmp_path / "b.xlsx", "xlsx", "en", "2024-10", False, ds=ds)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {sheet.cell(r, 1).value: sheet.cell(r, 4).value for r in range(7, sheet.max_row + 1)}
    assert (cells[29], cells[30], cells[31]) == (72.05, 72.04, 72.03)
    assert sheet.cell(7 + 28, 4).number_format == "0.0"  # shown rounded, stored exact


def test_vietnamese_csv_for_excel_has_bom_semicolons_and_decimal_commas(close_call, tmp_path):
    ds, _ = close_call
    board = leaderboard(ds, METRIC, "2024-10")
    path = export_board(board, ds.catalog[METRIC], tmp_path / "b.csv", "csv", "vi", "2024-10", False,
                        csv_style="vi")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert {"Hạng", "Mã tỉnh", "Tỉnh/Thành phố", "Giá trị", "Kỳ"} <= set(rows[0])
    got = by_rank(rows, "Hạng", "Giá trị")
    assert [got[29], got[30], got[31]] == ["72,05", "72,04", "72,03"]
    assert rows[0]["Nhóm"] == "nhóm đầu" and rows[-1]["Nhóm"] == "nhóm cuối"
    back = load_paths([path])  # our reader takes its own export back
    assert not back.errors, back.errors
    assert sorted(back.frame["value"].to_list())[32:35] == [72.03, 72.04, 72.05]


def test_english_csv_is_comma_separated_with_a_bom(close_call, tmp_path):
    ds, _ = close_call
    board = leaderboard(ds, METRIC, "2024-10")
    data = export_board(board, ds.catalog[METRIC], tmp_path / "b.csv", "csv", "en", "2024-10",
                        False).read_bytes()
    assert data.startswith(b"\xef\xbb\xbfrank,code,province,value,")


def test_workbook_layout_offices_expect(tmp_path):
    ds = load_sample()
    m = ds.catalog["transparency_score"]
    board = leaderboard(ds, m.id, "2026")
    # The screen shows a filter and its own order: 5 provinces, lowest value first.
    shown = board.filter(pl.col("rank") <= 5).sort("value")
    path = export_board(shown, m, tmp_path / "w.xlsx", "xlsx", "vi", "2026", True, ds=ds)
    book = openpyxl.load_workbook(path)
    metric_count = sum(1 for x in ds.catalog if leaderboard(ds, x.id, "2026").height)
    assert len(book.worksheets) == metric_count == 9
    for ws in book.worksheets:
        assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
        assert ws.freeze_panes == "D7"
        assert ws.auto_filter.ref.startswith("A6:")
        assert not ws.merged_cells.ranges
        meta = [ws.cell(r, 1).value for r in range(1, 6)]
        assert any("Dữ liệu MẪU" in x for x in meta)
        assert any(x.startswith("Nguồn:") for x in meta) and any(x.startswith("Tạo lúc:") for x in meta)
        assert any("Số liệu đến:" in x for x in meta)
    first = book.worksheets[0]
    names = [first.cell(r, 3).value for r in range(7, first.max_row + 1)]
    assert names == shown["name"].to_list()  # exactly the rows given, in their order
    values = [first.cell(r, 4).value for r in range(7, first.max_row + 1)]
    assert values == sorted(values) and all(type(v) in (int, float) for v in values)
    assert first.cell(7, 4).number_format == "0.00"
    # Every other sheet is its metric's full board (2026 is shown on the 34 provinces).
    for ws in book.worksheets[1:]:
        assert ws.max_row - 6 == 34
        assert [ws.cell(r, 1).value for r in range(7, 10)] == [1, 2, 3]
    headers = [first.cell(6, c).value for c in range(1, first.max_column + 1)]
    assert headers[:3] == ["Hạng", "Mã tỉnh", "Tỉnh/Thành phố"]


def test_real_workbook_carries_the_reference_disclaimer(close_call):
    ds, _ = close_call
    m = ds.catalog[METRIC]
    table = board_table(leaderboard(ds, METRIC, "2024-10"), m, "2024-10", False)
    book = openpyxl.load_workbook(io.BytesIO(board_workbook(table, m, "2024-10", "vi", False, ds=ds)))
    meta = " ".join(book.worksheets[0].cell(r, 1).value for r in range(1, 6))
    assert "không sử dụng làm nguồn báo cáo chính thống" in meta and "MẪU" not in meta


def test_sheet_names_are_excel_safe_and_unique():
    taken: set[str] = set()
    assert sheet_name("Tỷ lệ [a]: b/c*d?e\\f", taken) == "Tỷ lệ a b c d e f"
    long = "Điểm công khai, minh bạch trong giải quyết thủ tục hành chính"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second and second.endswith(" (2)")


def test_exported_sample_read_back_is_still_a_sample_and_real_rows_stay_real(tmp_path):
    codes = old_province_codes()
    real_codes = set(codes[:5])
    records = [{"period": "2024-10", "province": c, "metric": "transparency_score", "value": 10 + i / 10,
                **({"real": True} if c in real_codes else {})} for i, c in enumerate(codes)]
    ds = dataset_from_records(records, "sample.json", synthetic=True)
    assert ds.provenance.synthetic and not ds.errors, ds.errors
    m = ds.catalog["transparency_score"]
    board = leaderboard(ds, m.id, "2024-10")
    for lang in ("en", "vi"):
        path = export_board(board, m, tmp_path / f"s_{lang}.csv", "csv", lang, "2024-10", True)
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        note = "SAMPLE" if lang == "en" else "Dữ liệu MẪU"
        assert rows[0][0] in ("note", "Ghi chú")  # a visible note leads every row
        assert sum(note in r[0] for r in rows[1:]) == 58
        assert sum(r[0] in ("Real figure", "Số liệu thật") for r in rows[1:]) == 5
        back = load_paths([path])
        assert not back.errors, back.errors
        assert back.provenance.synthetic is True
        marked = set(back.frame.filter(pl.col("real"))["province"].cast(pl.Utf8).to_list())
        assert marked == real_codes


def test_markdown_escapes_html_links_and_table_bars():
    hostile = pl.DataFrame({"name": ['<img src=x onerror=alert(1)>', "<script>alert(2)</script>",
                                     "[click](javascript:alert(3))", "A | B"], "n": [1, 2, 3, 4]})
    text = markdown(hostile, "T <b>", None)
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert not re.search(r"(?<!\\)\]\(", text) and "&lt;script&gt;" in text
    for line in text.splitlines()[4:]:
        bars = len(line.replace("\\|", "")) - len(line.replace("\\|", "").replace("|", ""))
        assert bars == 3, line  # two cells: | a | b |


def test_taken_names_get_a_number_and_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        first = write_new(tmp_path / "board.csv", b"a")
        second = write_new(tmp_path / "board.csv", b"b")
        third = write_new(tmp_path / "board.csv", b"c")
    finally:
        os.umask(old)
    assert [p.name for p in (first, second, third)] == ["board.csv", "board (2).csv", "board (3).csv"]
    assert first.read_bytes() == b"a" and second.read_bytes() == b"b"
    if os.name != "nt":
        assert (first.stat().st_mode & 0o777) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board (2).csv", "board (3).csv", "board.csv"]
    assert numbered(tmp_path / "x.tar", 1) == tmp_path / "x.tar"


def test_export_into_a_path_under_a_file_says_so(tmp_path):
    (tmp_path / "dir").write_text("")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        write_new(tmp_path / "dir" / "x.csv", b"a")


def test_names_say_what_the_file_holds():
    name = export_name("online_submission_rate", "2024-10", "xlsx", unit="tinh-63",
                       filter_text="Hà Nội", when=datetime(2026, 12, 1, 9, 5))
    assert name == "de06_tinh-63_online-submission-rate_2024-10_loc-ha-noi_2026-12-01_0905.xlsx"


def test_a_copied_row_pastes_as_numbers():
    from de06tui.core.export import tsv_row

    ds = load_sample()
    m = ds.catalog[METRIC]
    row = leaderboard(ds, METRIC, "2024-10").row(0, named=True)
    # The sample's first row in October 2024: Bình Định, 16,204 of 17,041 = 95.09 %.
    assert tsv_row(row, m, "en") == "1\t52\tBình Định\t95.1\t16204\t17041"
    assert tsv_row(row, m, "vi") == "1\t52\tBình Định\t95,1\t16204\t17041"
    assert tsv_row({**row, "name": "=cmd()", "numerator": None}, m).split("\t")[2:5] == ["'=cmd()", "95.1", ""]
