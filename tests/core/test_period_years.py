"""The years a period may name: 2000 to 2100 inclusive, anything else refused with the year named."""

import pytest

from de06tui.core.periods import PeriodError, parse_period


@pytest.mark.parametrize(("text", "canonical"), [
    ("2000", "2000"), ("2100", "2100"), ("2000-01", "2000-01"), ("12/2100", "2100-12"),
    ("2000-Q1", "2000-Q1"), ("Quý 4/2100", "2100-Q4"),
])
def test_the_first_and_last_allowed_years_are_read(text, canonical):
    assert parse_period(text) == canonical


@pytest.mark.parametrize(("text", "year"), [
    ("1999", 1999), ("2101", 2101), ("1999-12", 1999), ("01/2101", 2101), ("2101-Q1", 2101),
    ("Quý 1/1999", 1999),
])
def test_a_year_just_outside_is_refused_naming_it(text, year):
    with pytest.raises(PeriodError, match=f"^year {year} is outside 2000–2100$"):
        parse_period(text)
