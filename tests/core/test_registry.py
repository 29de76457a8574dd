import unicodedata

import pytest

from de06tui.core.registry import UnknownProvince, default_registry

R = default_registry()


def test_sizes_and_merger():
    assert len(R.provinces(63)) == 63
    assert len(R.provinces(34)) == 34
    olds = sorted(c for p in R.provinces(34) for c in p.merged_from)
    assert olds == sorted(p.code for p in R.provinces(63))
    assert R.predecessors("79") == ("74", "77", "79")
    assert R.successor("95") == "96"


@pytest.mark.parametrize(
    "text, era, code",
    [
        ("1", None, "01"), ("01", 63, "01"), ("79", 34, "79"),
        ("TP. Hồ Chí Minh", 34, "79"), ("Thành phố Hồ Chí Minh", 63, "79"), ("TP HCM", 34, "79"),
        ("TPHCM", 34, "79"), ("HCM", 63, "79"), ("tp ho chi minh", 34, "79"),
        ("UBND tỉnh Đồng Tháp", 34, "82"), ("UBND Thành phố Hải Phòng", 34, "31"),
        ("Tỉnh Bình Định", 63, "52"), ("  CÀ   MAU ", 34, "96"), ("ca mau", 63, "96"),
        ("H20", None, "82"), ("h44", 34, "25"),
        ("Huế", 63, "46"), ("Thừa Thiên Huế", 63, "46"), ("Thừa Thiên - Huế", 34, "46"),
        ("Thành phố Huế", 34, "46"),
        ("BR-VT", 63, "77"), ("Bà Rịa - Vũng Tàu", 63, "77"), ("Ba Ria Vung Tau", 63, "77"),
        ("Đắc Lắc", 63, "66"), ("Dak Lak", 34, "66"), ("Đắc Nông", 63, "67"),
        ("Khánh Hoà", 34, "56"), ("Khánh Hòa", 34, "56"), ("Hoà Bình", 63, "17"),
        ("Bắc Ninh", 63, "27"), ("Bắc Ninh", 34, "24"),
    ],
)
def test_resolver_spellings(text, era, code):
    assert R.resolve(text, era) == code


def test_nfd_and_nfc_are_the_same():
    name = "Đồng Tháp"
    assert R.resolve(unicodedata.normalize("NFD", name), 34) == R.resolve(name, 34) == "82"


def test_every_department_code_resolves_to_a_34_province():
    assert len(R.department_codes) == 34
    for dept, code in R.department_codes.items():
        assert R.resolve(dept, 34) == code


def test_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownProvince) as exc:
        R.resolve("Ca Mao", 63)
    assert exc.value.suggestions[0] == "Cà Mau"
    assert "Ca Mao" in str(exc.value)


def test_old_name_in_new_period_says_where_it_went():
    with pytest.raises(UnknownProvince) as exc:
        R.resolve("Long An", 34)
    assert "part of Tây Ninh" in str(exc.value)


def test_new_province_keeps_the_region_of_its_namesake():
    assert R.region("52", 34) == "Tây Nguyên"  # the new Gia Lai, not the old Bình Định
    assert R.region("80", 34) == "Đông Nam Bộ"  # the new Tây Ninh, not the old Long An
    assert R.region("52", 63) == "Bắc Trung Bộ và duyên hải miền Trung"
    assert R.region("46", 34) == R.region("46", 63)
