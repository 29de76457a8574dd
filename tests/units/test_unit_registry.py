"""The unit registry: shipped lists, name matching, and unit-level office files checked against it."""

from __future__ import annotations

import json
from pathlib import Path

from de06tui.core.unit_files import load_unit_paths
from de06tui.core.units import Unit, UnitRegistry, match_key

ROOT = Path(__file__).resolve().parent.parent.parent
FIX = ROOT / "tests" / "fixtures" / "dvcqg"


def test_shipped_lists_are_the_recorded_ones():
    reg = UnitRegistry.load([ROOT / "data" / "units"])
    gl = json.loads((FIX / "gia_lai" / "communes_GiaLai_10102026.json").read_text("utf-8"))["communes"]
    assert {u.code for u in reg.units("52", "commune")} == {c["departmentCode"] for c in gl}
    assert not reg.knows("52", "department")  # the Gia Lai snapshot lists communes only
    tree = json.loads((FIX / "province-detail" / "provide-online-tree" / "year-all.json").read_text("utf-8"))
    levels = {"PROVINCE": "department", "COMMUNE": "commune"}
    assert {(u.code, u.cohort) for c in ("department", "commune") for u in reg.units("25", c)} == {
        (c["departmentCode"], levels[c["level"]]) for c in tree["data"]["children"]}


def test_names_match_regardless_of_case_diacritics_and_prefixes():
    reg = UnitRegistry.load([ROOT / "data" / "units"])
    for spelling in ("UBND xã Vân Canh", "Xã Vân Canh", "van canh", "VÂN CANH", "H21.227", "h21.227"):
        assert reg.find("52", spelling).code == "H21.227", spelling
    assert reg.find("25", "so cong thuong").name == "Sở Công Thương - Tỉnh Phú Thọ"
    assert match_key("UBND phường Hoài Nhơn Bắc") == "hoai nhon bac"
    assert reg.find("52", "Vân Canh Mới") is None


def test_a_list_added_later_replaces_the_one_names_were_found_in():
    reg = UnitRegistry()
    reg.add("52", [Unit("H21.1", "Xã An Nhơn", "52", "commune", "901"),
                   Unit("H21.2", "Xã An Lão", "52", "commune")], "a")
    assert reg.find("52", "an nhon").code == "H21.1" and reg.find("52", "901").code == "H21.1"
    assert reg.find("52", "h21.2").name == "Xã An Lão" and reg.find("01", "an nhon") is None
    reg.add("52", [Unit("H21.9", "Phường An Nhơn", "52", "commune")], "b")
    assert reg.find("52", "An Nhơn").code == "H21.9"
    assert reg.find("52", "H21.1") is None and reg.find("52", "901") is None and reg.find("52", "an lao") is None
    # a code is matched before a name, and the first listed of two same-named units is neither
    reg.add("52", [Unit("H21.5", "Xã Ia Tô", "52", "commune"), Unit("ia to", "Xã Ia Pa", "52", "commune"),
                   Unit("H21.7", "Ia Tô", "52", "commune")], "c")
    assert reg.find("52", "IA TO").code == "ia to" and reg.find("52", "xa ia to") is None


CSV = """Tỉnh,Xã/phường,Kỳ báo cáo,Tổng điểm,CKMB
Gia Lai,UBND xã Vân Canh,T10/2026,75.34,11.79
Gia Lai,xa dak song,T10/2026,73.95,11.79
Gia Lai,Phường Hoài Nhơn Bắc,T10/2026,73.71,11.79
Gia Lai,Vân Canhh,T10/2026,70.00,11.00
"""


def test_a_unit_file_with_an_unknown_commune_is_refused_with_file_row_and_suggestions(write):
    path = write("xa.csv", CSV)
    units = load_unit_paths([path], cohort="commune")
    errors = [str(p) for p in units.problems if p.is_error]
    # said once, though both metric columns of row 5 name the same unknown commune
    assert errors == [f"error: {path}, row 5, column 'Xã/phường': unknown commune of Gia Lai; did you mean "
                      "UBND xã Vân Canh? (value 'Vân Canhh')"]
    assert units.frame.height == 0


def test_known_names_are_keyed_by_the_portal_code(write):
    path = write("xa.csv", "\n".join(CSV.splitlines()[:4]) + "\n")
    units = load_unit_paths([path], cohort="commune")
    assert not units.problems
    got = dict(zip(units.frame.filter(units.frame["metric"] == "total_score")["unit"],
                   units.frame.filter(units.frame["metric"] == "total_score")["value"]))
    assert got == {"H21.227": 75.34, "H21.125": 73.95, "H21.198": 73.71}
    assert set(units.frame["period"]) == {"2026-10"}


def test_a_province_without_a_known_list_takes_names_as_given_and_says_so(write):
    path = write("hn.csv", "province,unit,period,metric,value\nHà Nội,Phường Ba Đình,2026-08,total_score,71.5\n")
    units = load_unit_paths([path], cohort="commune")
    assert [str(p) for p in units.problems] == [
        f"warning: {path}: no list of commune units is known for Hà Nội: unit names taken as given "
        "(fetch the province's units to check them)"]
    assert units.frame["unit"].to_list() == ["Phường Ba Đình"]


def test_a_unit_file_needs_a_unit_column(write):
    path = write("p.csv", "province,period,metric,value\nGia Lai,2026-08,total_score,70\n")
    units = load_unit_paths([path], cohort="commune")
    assert [str(p) for p in units.problems] == [
        f"error: {path}, column 'unit': no unit column (a unit-level file has a unit column beside the "
        "province column)"]


def _unit_book(path: Path, rows: list[list[object]]) -> Path:
    """A sheet as Excel writes one: numbers as numbers (2-decimal format), text as text."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet, two = book.add_worksheet("Dữ liệu"), book.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, ["Tỉnh", "Xã/phường", "Kỳ báo cáo", "Tổng điểm"])
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            sheet.write_number(r, c, cell, two) if isinstance(cell, float) else sheet.write_string(r, c, str(cell))
    book.close()
    return path


def test_padded_names_and_number_cells_resolve_and_a_text_score_is_read_or_refused(tmp_path):
    rows = [["  Gia Lai ", " UBND xã Vân Canh  ", "T10/2026", 75.34],
            ["Gia Lai", "xa dak song ", " T10/2026", 73.95]]
    units = load_unit_paths([_unit_book(tmp_path / "so.xlsx", rows)], cohort="commune")
    assert not units.problems
    assert dict(zip(units.frame["unit"], units.frame["value"])) == {"H21.227": 75.34, "H21.125": 73.95}
    assert set(units.frame["province"]) == {"52"} and set(units.frame["period"]) == {"2026-10"}
    text_scores = rows + [["Gia Lai", "Phường Hoài Nhơn Bắc", "T10/2026", "73,71"],
                          ["Gia Lai", "Đề Gi", "T10/2026", "bảy mươi"]]
    path = _unit_book(tmp_path / "so2.xlsx", text_scores)
    units = load_unit_paths([path], cohort="commune")
    # the decimal comma is read; the words are refused, located on row 5 (the header is row 1)
    assert [str(p) for p in units.problems if p.is_error] == [
        f"error: {path}, sheet 'Dữ liệu', row 5, column 'Tổng điểm': not a number (value 'bảy mươi')"]


def test_each_figure_text_is_read_once_and_every_row_holding_a_bad_one_is_named(write):
    path = write("xa.csv", "Tỉnh;Xã/phường;Kỳ báo cáo;Tổng điểm;CKMB\n"
                           "Gia Lai;Vân Canh;T10/2026; 72,5 ;-\n"
                           "Gia Lai;Đăk Song;T10/2026;72,5;11,79\n"
                           "Gia Lai;Đề Gi;T10/2026;n/a;11,79\n"
                           "Gia Lai;Canh Vinh;T10/2026;n/a;12\n")
    units = load_unit_paths([path], cohort="commune")
    assert [str(p) for p in units.problems if p.is_error] == [
        f"error: {path}, row 4, column 'Tổng điểm': not a number (value 'n/a')",
        f"error: {path}, row 5, column 'Tổng điểm': not a number (value 'n/a')"]
    good = load_unit_paths([write("ok.csv", "\n".join(path.read_text("utf-8").splitlines()[:3]) + "\n")],
                           cohort="commune")
    assert not [p for p in good.problems if p.is_error]
    got = {(u, m): v for u, m, v in good.frame.select("unit", "metric", "value").iter_rows()}
    assert got == {("H21.227", "total_score"): 72.5, ("H21.227", "transparency_score"): None,
                   ("H21.125", "total_score"): 72.5, ("H21.125", "transparency_score"): 11.79}
