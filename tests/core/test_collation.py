"""Vietnamese alphabetical order against a list ordered once by ICU's ``vi`` collator."""

import random
from pathlib import Path

from de06tui.core.collation import vi_rank, vi_sorted

GOLDEN = Path(__file__).resolve().parent / "golden" / "vi_order.txt"


def golden_names() -> list[str]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_the_golden_list_holds_every_province_and_the_tricky_names():
    names = golden_names()
    assert len(names) > 150 and len(set(names)) == len(names)
    for name in ("Cà Mau", "Cao Bằng", "Đắk Lắk", "Dak Lak", "mạ", "ư", "ơ", "ô", "â", "ă"):
        assert name in names


def test_vi_sorted_agrees_with_icu_from_any_starting_order():
    names = golden_names()
    for seed in range(5):
        shuffled = list(names)
        random.Random(seed).shuffle(shuffled)
        assert vi_sorted(shuffled) == names
    assert vi_sorted(list(reversed(names))) == names


def test_hand_checked_pairs():
    assert vi_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sorted(["Cao Bằng", "Cà Mau"]) == ["Cà Mau", "Cao Bằng"]
    assert vi_sorted(["Đà Nẵng", "Điện Biên", "Dak Lak", "Ea Súp"]) == ["Dak Lak", "Đà Nẵng", "Điện Biên", "Ea Súp"]
    assert vi_sorted(["ư", "u", "ơ", "o", "ô", "â", "ă", "a"]) == ["a", "ă", "â", "o", "ô", "ơ", "u", "ư"]


def test_vi_rank_gives_each_name_its_place_ties_by_input_order():
    assert vi_rank(["Cao Bằng", "Cà Mau", "An Giang", "Cà Mau"]) == [3, 1, 0, 2]
