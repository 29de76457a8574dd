"""Comparisons between daily snapshots, under the strict rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import polars as pl
import pytest

from de06tui.cli.main import main
from de06tui.core.snapshot_compare import ComparisonRefused, compare_snapshots, movers
from de06tui.history.compare import since_yesterday
from de06tui.history.snapshot import describe
from de06tui.history.store import Store

from .portal_days import NATIONAL
from .test_backfill import admin, expected_total

CODES = [r["departmentCode"] for r in NATIONAL["data"]["evaluation"]]


def fetch_day(portal, clock, day: date, at: str = "01:00:00") -> None:
    portal.day = day
    clock(f"{day.isoformat()}T{at}+00:00")
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026"]) == 0


def test_two_daily_snapshots_compared(portal, clock):
    d1, d2 = date(2026, 10, 9), date(2026, 10, 10)
    fetch_day(portal, clock, d1)
    fetch_day(portal, clock, d2)
    store = Store()
    today = store.snapshots("dvcqg", "2026")[-1]
    cmp = since_yesterday(store, today, "total_score")
    assert cmp.reason is None and cmp.rank_reason is None and cmp.before.vn_date == "2026-10-09"
    table = {r["unit"]: r for r in cmp.table.iter_rows(named=True)}
    before = {admin(c): expected_total(d1, c, 12) for c in CODES}
    after = {admin(c): expected_total(d2, c, 12) for c in CODES}
    for unit in after:
        assert table[unit]["status"] == "both"
        assert table[unit]["change"] == pytest.approx(after[unit] - before[unit], abs=1e-9)

    def rank(values: dict, unit: str) -> int:
        return 1 + sum(v > values[unit] for v in values.values())

    for unit in after:
        assert table[unit]["rank_change"] == rank(before, unit) - rank(after, unit)
    up, down = movers(cmp, 3)
    changes = sorted(after[u] - before[u] for u in after)
    assert up["change"].to_list() == pytest.approx(changes[::-1][:3], abs=1e-9)
    assert down["change"].to_list() == pytest.approx(changes[:3], abs=1e-9)


def test_no_snapshot_of_the_day_before_means_blank_changes_with_the_reason(portal, clock):
    fetch_day(portal, clock, date(2026, 10, 8))  # two days before: never used for "since yesterday"
    fetch_day(portal, clock, date(2026, 10, 10))
    store = Store()
    cmp = since_yesterday(store, store.snapshots("dvcqg")[-1], "total_score")
    assert cmp.reason == "no snapshot of 2026-10-09 (Vietnam date) for dvcqg 2026 (ytd)"
    assert cmp.table["change"].null_count() == cmp.table.height == 34
    assert cmp.table["rank_change"].null_count() == 34


def test_a_partial_answer_is_kept_beside_the_complete_one_never_over_it(portal, clock):
    fetch_day(portal, clock, date(2026, 10, 9))
    fetch_day(portal, clock, date(2026, 10, 10), "01:00:00")
    portal.blank_group = ("H20", "CKMB")  # later that day the portal leaves one group blank
    fetch_day(portal, clock, date(2026, 10, 10), "05:00:00")
    store = Store()
    day = store.snapshots("dvcqg", "2026")
    assert [s.complete for s in day] == [True, True, False]
    partial = day[-1]
    assert partial.vn_date == "2026-10-10" and f"{admin('H20')} lacks transparency_score" in partial.missing
    standing = store.of_day("dvcqg", "2026", "ytd", date(2026, 10, 10))
    assert standing.id == day[1].id  # the complete one still stands for the day
    cmp = compare_snapshots(day[1], store.rows(day[1]), partial, store.rows(partial), "transparency_score")
    gone = cmp.table.filter(pl.col("unit") == admin("H20")).row(0, named=True)
    assert gone["status"] == "gone" and gone["change"] is None and gone["after"] is None
    assert cmp.rank_reason == "not every unit has a transparency_score value on both sides"
    assert cmp.table["rank_change"].null_count() == 34
    fetch_day(portal, clock, date(2026, 10, 11))
    tomorrow = store.snapshots("dvcqg")[-1]
    assert store.previous_day(tomorrow).id == day[1].id


def _snap(rows: pl.DataFrame, **kw):
    info = describe(rows, source="dvcqg", source_label="t", period="2026",
                    fetched=datetime(2026, 10, 10, 1, tzinfo=UTC), expected_units=None)
    return replace(info, **kw)


def _rows(values: dict[str, float]) -> pl.DataFrame:
    return pl.DataFrame({"unit": list(values), "metric": ["total_score"] * len(values),
                         "value": list(values.values()), "numerator": [None] * len(values),
                         "denominator": [None] * len(values), "flag": [None] * len(values)},
                        schema={"unit": pl.Utf8, "metric": pl.Utf8, "value": pl.Float64, "numerator": pl.Float64,
                                "denominator": pl.Float64, "flag": pl.Utf8})


def test_a_unit_on_one_side_is_new_or_gone_never_a_change_from_zero_and_ranks_stay_blank():
    a_rows, b_rows = _rows({"01": 50.0, "04": 40.0}), _rows({"04": 45.0, "08": 30.0})
    a, b = _snap(a_rows), _snap(b_rows)
    cmp = compare_snapshots(a, a_rows, b, b_rows, "total_score")
    got = {r["unit"]: (r["status"], r["change"], r["rank_change"]) for r in cmp.table.iter_rows(named=True)}
    assert got == {"01": ("gone", None, None), "04": ("both", 5.0, None), "08": ("new", None, None)}
    assert cmp.rank_reason == "the two snapshots do not hold the same units"


def test_synthetic_and_real_snapshots_are_never_compared():
    rows = _rows({"01": 50.0})
    with pytest.raises(ComparisonRefused, match="synthetic"):
        compare_snapshots(_snap(rows), rows, _snap(rows, synthetic=True), rows, "total_score")
    with pytest.raises(ComparisonRefused, match="period_type"):
        compare_snapshots(_snap(rows), rows, _snap(rows, period_type="year"), rows, "total_score")


def test_lower_is_better_turns_improvers_round():
    a_rows, b_rows = _rows({"01": 5.0, "04": 5.0}), _rows({"01": 3.0, "04": 8.0})
    cmp = compare_snapshots(_snap(a_rows), a_rows, _snap(b_rows), b_rows, "total_score", higher_is_better=False)
    up, down = movers(cmp, 5, higher_is_better=False)
    assert up["unit"].to_list() == ["01"] and down["unit"].to_list() == ["04"]
    # tied first (both ranked 1) before; after, 01 stays first and 04 falls to second
    assert dict(cmp.table.select("unit", "rank_change").iter_rows()) == {"01": 0, "04": -1}
