"""Unit-level office tables row by row: a level column with both cohorts, refusals in row order,
and a table loaded beside a saved portal answer."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from de06tui.core.unit_files import load_unit_paths
from de06tui.core.units import unit_board

GL = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg" / "gia_lai"


def test_a_level_column_gives_each_unit_its_cohort_in_each_province(write):
    path = write("donvi.csv", "Tỉnh,Đơn vị,Cấp,Kỳ báo cáo,Tổng điểm\n"
                              "Gia Lai,xa van canh,xã,T10/2026,75\n"
                              "Gia Lai,Sở Y tế,sở,T10/2026,70\n"
                              "Hà Nội,Phường Ba Đình,Xã,T10/2026,71\n"
                              "Hà Nội,Sở Y tế,Sở,T10/2026,72\n")
    units = load_unit_paths([path])
    got = units.frame.select("province", "unit", "name", "cohort", "value").rows()
    # Gia Lai's communes are listed (data/units/52.json), so its commune is known by its code;
    # the rest are taken as given
    assert got == [("52", "H21.227", "UBND xã Vân Canh", "commune", 75.0),
                   ("52", "Sở Y tế", "Sở Y tế", "department", 70.0),
                   ("01", "Phường Ba Đình", "Phường Ba Đình", "commune", 71.0),
                   ("01", "Sở Y tế", "Sở Y tế", "department", 72.0)]
    assert [p.reason.split(":")[0] for p in units.problems] == [
        "no list of commune units is known for Hà Nội", "no list of department units is known for Hà Nội",
        "no list of department units is known for Gia Lai"]
    board = unit_board(units, None, "department", "total_score", "2026-10")
    assert list(zip(board["province"], board["rank"])) == [("01", 1), ("52", 2)]


def test_refused_units_and_figures_are_named_in_the_order_of_their_rows(write):
    path = write("xa.csv", "Tỉnh,Xã/phường,Kỳ báo cáo,Tổng điểm,CKMB\n"
                           "Gia Lai,Vân Canhh,T10/2026,75,1\n"
                           "Gia Lai,Vân Canh,T10/2026,x1,y\n"
                           "Gia Lai,Zzz,T10/2026,7,z\n"
                           "Gia Lai,Vân Canhh,T10/2026,75,1\n")
    figures = "\n".join(line.replace(",x1,y", ",1,1").replace(",7,z", ",7,1")
                        for line in path.read_text("utf-8").splitlines())
    units = load_unit_paths([write("xa1.csv", figures)], cohort="commune")
    path = path.with_name("xa1.csv")
    hint = "; did you mean UBND xã Vân Canh? (value 'Vân Canhh')"
    assert [str(p) for p in units.problems] == [
        f"error: {path}, row 2, column 'Xã/phường': unknown commune of Gia Lai{hint}",
        f"error: {path}, row 4, column 'Xã/phường': unknown commune of Gia Lai (value 'Zzz')",
        f"error: {path}, row 5, column 'Xã/phường': unknown commune of Gia Lai{hint}"]
    names = path.with_name("xa.csv").read_text("utf-8").replace("Canhh", "Canh").replace("Zzz", "Đề Gi")
    units = load_unit_paths([write("so.csv", names)], cohort="commune")
    # the figures of a row are read left to right, rows from the top
    assert [(p.row, p.column, p.value) for p in units.problems] == [
        (3, "Tổng điểm", "x1"), (3, "CKMB", "y"), (4, "CKMB", "z")]


def test_a_table_and_a_saved_portal_answer_load_together(write):
    path = write("hn.csv", "Tỉnh,Xã/phường,Kỳ báo cáo,Tổng điểm\nHà Nội,Phường Ba Đình,T10/2026,80\n")
    units = load_unit_paths([GL / "communes_GiaLai_09102026.json", path], cohort="commune")
    assert not [p for p in units.problems if p.is_error]
    assert units.frame.height == 135 * 7 + 1  # the answer's 135 communes on seven metrics, and the row
    assert set(units.periods()) == {"2026-10", "2026"} and units.snapshots("2026") == ["2026-10-09"]
    gia_lai = unit_board(units, None, "commune", "total_score", "2026")
    assert gia_lai.height == 135 and gia_lai.row(0, named=True)["unit"] == "H21.227"  # 75.31, the highest
    ours = unit_board(units, None, "commune", "total_score", "2026-10")
    assert ours.select("unit", "rank", "value").rows() == [("Phường Ba Đình", 1, 80.0)]
    assert ours.schema["unit"] == pl.Utf8 and ours.schema["name"] == pl.Utf8  # a board's rows are text
