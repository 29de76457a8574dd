"""Backfill and daily snapshots against a portal whose figures change from day to day."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from de06tui.cli.main import main
from de06tui.core.registry import default_registry
from de06tui.history.store import Store

from .portal_days import NATIONAL

MONTHS = [f"2026-{m:02d}" for m in range(1, 11)]
REGISTRY = default_registry()


def expected_total(day: date, code: str, month: int) -> float:
    """The rule of portal_days, worked out here on its own: recorded total + the day's deltas."""
    rows = NATIONAL["data"]["evaluation"]
    i = next(n for n, r in enumerate(rows) if r["departmentCode"] == code)
    shift = sum(((day.toordinal() + 3 * i + g + month) % 7 - 3) / 100 for g in range(6))
    return round(rows[i]["totalScore"] + shift, 2)


def admin(code: str) -> str:
    return REGISTRY.department_codes[code]


def test_ten_month_backfill_interrupted_after_four_then_resumed(portal, clock, capsys):
    clock("2026-10-20T01:00:00+00:00")
    portal.stop_after = 4  # the fifth month's national call is answered 429: the breaker stops the run
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-01..2026-10"]) == 1
    err = capsys.readouterr().err
    assert "stopped at 2026-05" in err and "HTTP 429" in err
    store = Store()
    kept = store.snapshots("dvcqg")
    assert [s.period for s in kept] == MONTHS[:4] and all(s.complete for s in kept)

    portal.stop_after = None
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-01..2026-10"]) == 0
    asked = [f"2026-{c['month']:02d}" for c in portal.national_calls]
    assert asked == MONTHS[:4] + MONTHS[4:], "the resumed run asked again for months it had"
    snaps = store.snapshots("dvcqg")
    assert sorted(s.period for s in snaps) == MONTHS and all(s.complete and s.units == 34 for s in snaps)
    assert {s.period_type for s in snaps} == {"month"}
    march = store.rows(next(s for s in snaps if s.period == "2026-03"))
    total = march.filter((pl.col("metric") == "total_score") & (pl.col("unit") == admin("H20")))["value"].item()
    assert total == pytest.approx(expected_total(date(2026, 10, 10), "H20", 3))

    portal.national_calls.clear()
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-01..2026-10"]) == 0
    assert portal.national_calls == []  # everything done is skipped …
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-02..2026-03", "--force"]) == 0
    assert [c["month"] for c in portal.national_calls] == [2, 3]  # … unless forced


def test_quarter_range(portal, clock):
    clock("2026-10-20T01:00:00+00:00")
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-Q1..2026-Q3"]) == 0
    assert [(c["timeType"], c["quarter"]) for c in portal.national_calls] == [("quarter", q) for q in (1, 2, 3)]
    assert [s.period_type for s in Store().snapshots("dvcqg")] == ["quarter"] * 3


def test_unattended_exit_codes_recorded_then_unchanged(portal, clock, capsys):
    clock("2026-10-10T01:00:00+00:00")
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026", "--unattended"]) == 0
    clock("2026-10-10T02:00:00+00:00")  # the same figures later that Vietnam day
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026", "--unattended"]) == 3
    portal.day = date(2026, 10, 11)  # the portal moved on; the fetch is still on the 10th (ICT)
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026", "--unattended"]) == 0
    assert len(Store().snapshots("dvcqg", "2026")) == 2


def test_unattended_run_against_no_network_fails_after_a_bounded_wait(portal, clock, monkeypatch, capsys):
    from tests.feeds.replay import closed_port_url

    clock("2026-10-10T01:00:00+00:00")
    monkeypatch.setenv("DE06TUI_DVCQG_BASE_URL", closed_port_url().rsplit("/", 1)[0])
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026", "--unattended"]) == 1
    err = capsys.readouterr().err
    assert "no connection to 127.0.0.1 after 2 s" in err and "connection refused" in err
    assert Store().snapshots() == []


def test_a_bad_range_is_refused_with_exit_2(portal, capsys):
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-05..2026-Q3"]) == 2
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-05..2026-02"]) == 2
    err = capsys.readouterr().err
    assert "one kind" in err and "ends before it starts" in err
    assert portal.national_calls == []


def test_a_run_at_six_in_the_morning_ict_is_filed_under_the_ict_date(portal, clock):
    clock("2026-10-09T23:00:00+00:00")  # 06:00 on 10 October in Vietnam
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026"]) == 0
    (snap,) = Store().snapshots("dvcqg")
    assert snap.vn_date == "2026-10-10" and snap.fetched_ict == "2026-10-10T06:00:00+07:00"
    assert snap.fetched_utc == "2026-10-09T23:00:00+00:00" and snap.period_type == "ytd"
    assert snap.path.startswith("snapshots/source=dvcqg/period=2026/")
