"""Where quarters and years begin and end, and which registry a period is on — written out by hand."""

import pytest

from de06tui.core import periods as P
from de06tui.core.registry import default_registry


@pytest.mark.parametrize("quarter, months", [
    ("2024-Q1", ["2024-01", "2024-02", "2024-03"]), ("2024-Q2", ["2024-04", "2024-05", "2024-06"]),
    ("2024-Q3", ["2024-07", "2024-08", "2024-09"]), ("2024-Q4", ["2024-10", "2024-11", "2024-12"]),
])
def test_quarter_boundaries(quarter, months):
    assert P.months_of(quarter) == months
    assert (P.first_month(quarter), P.last_month(quarter)) == (months[0], months[-1])


def test_a_year_is_its_twelve_months_and_a_month_is_itself():
    assert P.months_of("2025") == [f"2025-{m:02d}" for m in range(1, 13)]
    assert (P.first_month("2025"), P.last_month("2025")) == ("2025-01", "2025-12")
    assert P.months_of("2024-10") == ["2024-10"]


def test_the_quarter_and_year_each_month_falls_in():
    assert P.derived(["2024-03", "2024-04", "2024-12"]) == ["2024-Q1", "2024-Q2", "2024-Q4", "2024"]
    assert P.derived(["2024-06", "2024-07"]) == ["2024-Q2", "2024-Q3", "2024"]


@pytest.mark.parametrize("period, era", [
    ("2025", 34), ("2024", 63), ("2025-Q2", 63), ("2025-Q3", 34), ("2025-Q4", 34), ("2025-06", 63),
    ("2025-07", 34), ("2026", 34), ("2026-01", 34),
])
def test_a_period_is_on_the_registry_of_its_last_month(period, era):
    assert P.era(period) == era


def test_sort_key_and_shift_across_year_ends():
    assert P.sort_key("2024-10") == (2024, 10, 0)
    assert P.sort_key("2024-Q2") == (2024, 6, 1) and P.sort_key("2024") == (2024, 12, 2)
    assert P.shift("2024-12", 1) == "2025-01" and P.shift("2024-Q4", 1) == "2025-Q1"
    assert P.shift("2024", -2) == "2022" and P.shift("2024-03", -3) == "2023-12"
    assert P.same_period_last_year("2025-Q1") == "2024-Q1" and P.same_period_last_year("2026") == "2025"


def test_labels():
    assert P.label("2024-10", "vi") == "Tháng 10/2024" and P.label("2024-10", "en") == "Oct 2024"
    assert P.label("2024-Q3", "vi") == "Quý 3/2024" and P.label("2024-Q3", "en") == "Q3 2024"
    assert P.label("2026", "vi") == "Năm 2026" and P.label("2026", "en") == "2026"
    assert P.label("2024-10") == "Tháng 10/2024"  # Vietnamese unless asked otherwise


@pytest.mark.parametrize("text", ["79.0", "79", 79.0, 79, " 79 "])
def test_numeric_province_codes_resolve(text):
    assert default_registry().resolve(text) == "79"
    assert default_registry().resolve(text, 63) == "79"


def test_a_one_digit_code_as_a_float_resolves():
    assert default_registry().resolve(1.0) == "01" and default_registry().resolve("4.0", 63) == "04"
