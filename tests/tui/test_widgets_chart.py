"""The detail chart's axis starts near the data (figures chosen by hand)."""

from __future__ import annotations

from de06tui.tui.widgets.chart import axis_range


def test_a_rate_between_87_and_94_gets_an_axis_from_the_80s_to_the_90s():
    lo, hi = axis_range([88.9, 87.5, 87.6, 93.1, 91.5, 93.7], 0, 100)
    assert 80 <= lo <= 87.5 and 93.7 <= hi <= 100
    assert hi - lo <= 15  # the changes of a few points fill a good part of the column


def test_the_axis_stays_inside_the_metric_s_range_and_skips_missing_values():
    assert axis_range([99.5, None, 100.0], 0, 100)[1] == 100
    assert axis_range([0.2, 1.0], 0, 100)[0] == 0
    assert axis_range([None, None], 0, 20) == (0, 20)


def test_one_value_still_gets_a_band_around_it():
    lo, hi = axis_range([10.75], 0, 20)
    assert lo < 10.75 < hi and hi - lo <= 2
