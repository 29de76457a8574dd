"""resolve(): the period, registry and comparison a board shows, worked out by hand on a tiny dataset."""

from __future__ import annotations

import pytest

from de06tui.core.dataset import dataset_from_records
from de06tui.core.query import BoardQuery, period_choices, resolve, step_period
from de06tui.core.registry import default_registry


@pytest.fixture(scope="module")
def ds():
    reg = default_registry()
    rows = []
    # Online submission: two old-registry months and two new ones; the sync rate only in 2026-Q1.
    for period, era in (("2025-05", 63), ("2025-06", 63), ("2025-08", 34), ("2025-09", 34)):
        for i, p in enumerate(reg.provinces(era)):
            rows.append({"period": period, "province": p.code, "metric": "online_submission_rate",
                         "value": 50 + i % 40})
    for p in reg.provinces(34):
        rows.append({"period": "2026-Q1", "province": p.code, "metric": "sync_to_portal_rate", "value": 70})
    return dataset_from_records(rows, source="tiny.json", synthetic=True)


def test_an_asked_period_with_data_is_shown_on_its_own_registry(ds):
    r = resolve(ds, BoardQuery("online_submission_rate", "2025-06"))
    assert (r.period, r.era, r.registry, r.reason, r.moved) == ("2025-06", 63, "auto", "", False)
    assert r.against == "2025-05" and not r.against_approx  # the previous month of the data


def test_no_period_means_the_latest_and_a_period_without_data_moves_to_it(ds):
    assert resolve(ds, BoardQuery("online_submission_rate")).period == "2025-09"
    moved = resolve(ds, BoardQuery("online_submission_rate", "2024-01"))
    assert moved.period == "2025-09" and moved.moved


def test_a_quarter_computed_from_months_is_shown_and_a_comparison_on_it_is_approximate(ds):
    r = resolve(ds, BoardQuery("online_submission_rate", "2025-Q3", compare="2025-Q2"))
    assert r.period == "2025-Q3" and r.era == 34
    assert r.against == "2025-Q2" and r.against_approx  # Q2 is not in the data: from its months


def test_63_after_the_merger_is_refused_with_the_reason_and_the_period_own_registry_used(ds):
    r = resolve(ds, BoardQuery("online_submission_rate", "2025-09", registry="63"))
    assert r.period == "2025-09" and r.era == 34 and r.registry == "auto"
    assert "cannot be split back into 63" in r.registry_refused
    old_on_new = resolve(ds, BoardQuery("online_submission_rate", "2025-06", registry="34"))
    assert old_on_new.era == 34 and old_on_new.registry == "34" and not old_on_new.registry_refused


def test_nothing_to_show_says_why(ds):
    assert resolve(ds, BoardQuery("no_such_metric")).reason.startswith("unknown metric 'no_such_metric'")
    r = resolve(ds, BoardQuery("transparency_score", "2025-09"))
    assert r.period is None and r.reason == "no transparency_score data"


def test_a_bad_comparison_is_refused_not_raised(ds):
    r = resolve(ds, BoardQuery("online_submission_rate", "2025-09", compare="13/2025"))
    assert r.period == "2025-09" and r.against is None and r.compare_refused.startswith("--compare '13/2025'")


def test_filter_and_sort_do_not_change_what_is_ranked():
    q = BoardQuery("online_submission_rate", "2025-09", filter="ha", region="x", sort="name", reverse=True)
    assert q.ranked() == BoardQuery("online_submission_rate", "2025-09")


def test_period_choices_and_steps_go_through_given_and_computed_periods():
    given = ["2025-11", "2025-12", "2026-01", "2026-Q1"]
    choices = period_choices(given)
    assert set(choices) == {"2025-11", "2025-12", "2026-01", "2025-Q4", "2026-Q1", "2025", "2026"}
    assert [p for p in choices if len(p) == 7 and "Q" not in p] == ["2025-11", "2025-12", "2026-01"]
    assert step_period(given, "2026-Q1", -1) == "2025-Q4"
    assert step_period(given, "2026-Q1", 1) is None  # the last quarter
    assert step_period(given, "2025-12", 1) == "2026-01"
    assert step_period(given, "2024-03", 1) is None  # not a choice at all
