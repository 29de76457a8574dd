import pytest

from de06tui.core import periods as P


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("2024-10", "2024-10"), ("10/2024", "2024-10"), ("T10/2024", "2024-10"),
        ("Tháng 10/2024", "2024-10"), ("tháng 1/2025", "2025-01"), ("2024-Q3", "2024-Q3"),
        ("Quý 3/2024", "2024-Q3"), ("Q3/2024", "2024-Q3"), ("2026", "2026"), ("Năm 2026", "2026"),
        ("2024-10-01 00:00:00", "2024-10"), (" 2024-10 ", "2024-10"),
    ],
)
def test_parse(text, canonical):
    assert P.parse_period(text) == canonical


@pytest.mark.parametrize("text", ["2024-13", "Q5/2024", "hôm qua", "", "1999"])
def test_parse_rejects(text):
    with pytest.raises(P.PeriodError):
        P.parse_period(text)


def test_era_follows_the_merger():
    assert P.era("2025-06") == 63
    assert P.era("2025-07") == 34
    assert P.era("2025-Q2") == 63
    assert P.era("2025-Q3") == 34


def test_shift_and_months():
    assert P.shift("2024-01", -1) == "2023-12"
    assert P.shift("2024-Q1", -1) == "2023-Q4"
    assert P.same_period_last_year("2025-03") == "2024-03"
    assert P.months_of("2024-Q3") == ["2024-07", "2024-08", "2024-09"]
    assert sorted(["2024-Q3", "2024-09", "2024", "2024-10"], key=P.sort_key) == \
        ["2024-09", "2024-Q3", "2024-10", "2024"]


def test_derived_periods_are_the_quarters_and_years_of_the_months_not_given():
    assert P.derived(["2025-05", "2025-07", "2025-Q3", "2026"]) == ["2025-Q2", "2025"]
    assert P.derived(["2026"]) == []
