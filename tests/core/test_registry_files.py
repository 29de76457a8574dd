"""The registry as its three files give it: provinces of both eras, what each new province was
formed from, and the portal's department codes; loaded from a folder written here."""

import locale

import pytest

from de06tui.core.registry import Province, ProvinceRegistry, UnknownProvince

NORTH, DELTA = "Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng"


@pytest.fixture
def small(tmp_path):
    (tmp_path / "provinces_63.csv").write_text(
        "code,name,name_ascii,region\n"
        f"01,Hà Nội,Ha Noi,{DELTA}\n"
        f"02,Hà Giang,Ha Giang,{NORTH}\n"
        f"08,Tuyên Quang,Tuyen Quang,{NORTH}\n", encoding="utf-8")
    # spaces and a trailing separator around the predecessors, as a hand-edited file has them
    (tmp_path / "provinces_34.csv").write_text(
        "code,name,name_ascii,merged_from\n"
        "01,Hà Nội,Ha Noi,01\n"
        "08,Tuyên Quang,Tuyen Quang, 02 ; 08 ;\n", encoding="utf-8")
    (tmp_path / "dvcqg_service_results_2026_ytd.csv").write_text(
        "rank,admin_code,dvc_department_code,department_name\n"
        "1,08,h07,UBND tỉnh Tuyên Quang\n"
        "2,01,H01,UBND Thành phố Hà Nội\n", encoding="utf-8")
    return ProvinceRegistry.load(tmp_path)


def test_both_eras_are_read_with_their_columns(small):
    assert small.provinces(63) == [Province("01", "Hà Nội", "Ha Noi", 63, region=DELTA),
                                   Province("02", "Hà Giang", "Ha Giang", 63, region=NORTH),
                                   Province("08", "Tuyên Quang", "Tuyen Quang", 63, region=NORTH)]
    assert small.provinces(34) == [Province("01", "Hà Nội", "Ha Noi", 34, merged_from=("01",)),
                                   Province("08", "Tuyên Quang", "Tuyen Quang", 34,
                                            merged_from=("02", "08"))]


def test_department_codes_are_read_in_capitals(small):
    assert small.department_codes == {"H07": "08", "H01": "01"}
    assert small.resolve("h7") == "08" and small.resolve("H 01", 34) == "01"


def test_a_merged_province_has_one_successor(small):
    assert (small.successor("02"), small.successor("08"), small.successor("01")) == ("08", "08", "01")
    assert small.predecessors("08") == ("02", "08")


def test_names_resolve_with_or_without_marks(small):
    assert small.resolve("Ha Giang", 63) == small.resolve("Hà Giang", 63) == "02"
    assert small.resolve("Tuyen Quang", 34) == "08"
    assert small.resolve("HN", 34) == small.resolve("hn", 63) == "01"  # the short form for Hà Nội
    with pytest.raises(UnknownProvince, match="Hà Giang is a province of before July 2025, part of "
                                              "Tuyên Quang since"):
        small.resolve("Hà Giang", 34)


def test_regions_are_the_63_registrys_each_once(small):
    # Python's order of the text: "T" (U+0054) before "Đ" (U+0110)
    assert small.regions() == [NORTH, DELTA]
    assert small.region("02") == NORTH and small.region("08", 34) == NORTH and small.region("99") is None
    assert small.region("99", 34) is None  # no such new province


def test_the_shipped_registry_has_its_six_regions():
    # in Python's order of the text: B, Tr before Tâ (r before â), Đô before Đồ, Cửu before Hồng
    assert ProvinceRegistry.load().regions() == [
        "Bắc Trung Bộ và duyên hải miền Trung", "Trung du và miền núi phía Bắc", "Tây Nguyên",
        "Đông Nam Bộ", "Đồng bằng sông Cửu Long", "Đồng bằng sông Hồng"]


def test_the_files_are_read_as_utf8_whatever_the_locale(small, tmp_path):
    # Under the C locale Python's default encoding is ASCII (as it is cp1252 on a Windows desktop)
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        again = ProvinceRegistry.load(tmp_path)
        shipped = ProvinceRegistry.load()
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert again.provinces(63) == small.provinces(63) and again.provinces(34) == small.provinces(34)
    assert again.department_codes == small.department_codes
    assert shipped.name("79", 34) == "TP Hồ Chí Minh" and shipped.region("01") == DELTA


def test_a_name_and_a_different_ascii_spelling_both_resolve():
    kon_tum = Province("62", "Kon Tum", "Kontum City", 63, region="Tây Nguyên")
    registry = ProvinceRegistry({63: {"62": kon_tum}, 34: {}})
    assert registry.resolve("Kon Tum", 63) == registry.resolve("kontum city", 63) == "62"


def _one_new_province(code, name, merged_from):
    olds = {"02": Province("02", "Hà Giang", "Ha Giang", 63, region=NORTH),
            "08": Province("08", "Tuyên Quang", "Tuyen Quang", 63, region="Bắc Trung Bộ")}
    new = Province(code, name, name, 34, merged_from=merged_from)
    return ProvinceRegistry({63: olds, 34: {code: new}})


def test_a_new_province_named_after_none_stands_for_the_one_whose_code_it_kept():
    registry = _one_new_province("08", "Miền Núi", ("02", "08"))
    assert registry.namesake("08") == "08" and registry.region("08", 34) == "Bắc Trung Bộ"


def test_a_new_province_with_neither_name_nor_code_stands_for_its_first_predecessor():
    registry = _one_new_province("99", "Miền Núi", ("02", "08"))
    assert registry.namesake("99") == "02" and registry.region("99", 34) == NORTH


def test_a_new_province_formed_from_none_stands_for_none():
    registry = _one_new_province("99", "Miền Núi", ())
    assert registry.namesake("99") is None and registry.region("99", 34) is None
