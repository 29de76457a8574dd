"""Spellings the registry must still read, what an unknown name's message says, and the names it
suggests; expected codes and names are the registry's own files, read by eye."""

import pytest

from de06tui.core.registry import (
    Province,
    ProvinceRegistry,
    UnknownProvince,
    default_registry,
    strip_prefixes,
)

R = default_registry()


@pytest.mark.parametrize(("text", "era", "code"), [
    ("TP.Hồ Chí Minh", 34, "79"),  # no space after the dot
    ("TP-Cần Thơ", 34, "92"),  # a hyphen for the space
    ("(Đắc Lắc)", 63, "66"),  # in brackets, in the old spelling
    ("UBND . Tỉnh Cà Mau", 34, "96"),  # a stray dot between the words before the name
])
def test_untidy_spellings_resolve(text, era, code):
    assert R.resolve(text, era) == code


def test_the_words_before_a_name_go_in_any_order_and_number():
    assert strip_prefixes("tinh ubnd ca mau") == "ca mau"
    assert strip_prefixes("tp x") == "x" and strip_prefixes("tinh") == "tinh"


def test_the_message_of_an_unknown_province_has_each_part():
    exc = UnknownProvince("Ca Mao", 63, ["Cà Mau", "Cao Bằng"], "a hint")
    assert (exc.value, exc.era, exc.suggestions) == ("Ca Mao", 63, ["Cà Mau", "Cao Bằng"])
    assert str(exc) == "unknown province 'Ca Mao' in the 63-province registry; a hint; did you mean Cà Mau, Cao Bằng?"
    assert str(UnknownProvince("X", None, [])) == "unknown province 'X'"


def test_suggestions_at_half_a_match():
    # "ha" against "ha noi" and "ha nam": 2 letters alike of 2 + 6 → 2·2/8 = 0.5, the cut-off; Hà Nam
    # is part of Ninh Bình on the 34. Equal scores come in reverse order of the text.
    assert R.suggest("Ha", 63) == ["Hà Nội", "Hà Nam"]
    assert R.suggest("Ha", 34) == ["Hà Nội"]
    assert R.suggest("Ha") == ["Hà Nội", "Hà Nam"]  # both registries, each name once
    assert R.suggest("Ha", 63, n=1) == ["Hà Nội"]


def test_suggestions_are_three_at_most():
    assert len(R.suggest("Ha Giang Ha Nam", 63)) == 3


def test_a_code_of_the_63_only_resolves_without_an_era():
    assert R.resolve("2") == "02"  # Hà Giang: no province 02 on the 34


def test_a_department_code_is_of_the_34_only():
    with pytest.raises(UnknownProvince):
        R.resolve("H20", 63)
    with pytest.raises(UnknownProvince):
        R.resolve("H99")  # no such department


def test_a_name_like_none_has_no_hint_and_no_suggestion():
    for era, where in ((None, ""), (63, " in the 63-province registry")):
        with pytest.raises(UnknownProvince) as exc:
            R.resolve("Qqqq", era)
        assert str(exc.value) == f"unknown province 'Qqqq'{where}"


def test_a_new_name_on_the_63_says_it_is_of_the_34():
    registry = ProvinceRegistry({63: {"02": Province("02", "Hà Giang", "Ha Giang", 63)},
                                 34: {"90": Province("90", "Miền Núi", "Mien Nui", 34, merged_from=("02",))}})
    with pytest.raises(UnknownProvince) as exc:
        registry.resolve("Miền Núi", 63)
    assert "; Miền Núi is a province of from July 2025" in str(exc.value)


def test_the_name_of_an_unknown_code_is_the_code():
    assert R.name("99", 63) == "99" and R.name("79", 34) == "TP Hồ Chí Minh"


def test_an_old_code_asked_of_the_34_says_where_it_went():
    with pytest.raises(UnknownProvince) as exc:
        R.resolve("02", 34)
    assert "; Hà Giang is a province of before July 2025, part of Tuyên Quang since" in str(exc.value)
    with pytest.raises(UnknownProvince) as exc:
        R.resolve("99", 34)  # a code of neither registry: no hint
    assert str(exc.value) == "unknown province '99' in the 34-province registry"


def test_suggestions_come_from_the_registry_asked_of():
    with pytest.raises(UnknownProvince) as exc:
        R.resolve("Ha Nam", 34)  # part of Ninh Bình since July 2025
    assert "Hà Nội" in exc.value.suggestions and "Hà Nam" not in exc.value.suggestions
