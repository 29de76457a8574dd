"""Recorded history in the app, against the day-varying portal on 127.0.0.1.

Two days are recorded by the real fetch; the app is opened on the portal feed. Expected figures
come from the portal's documented rule, worked out here (``expected_total``), never from the app.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from de06tui.config import load_config
from de06tui.tui.app import De06App
from de06tui.tui.sources import FeedSource

from .portal_days import NATIONAL
from .test_backfill import admin, expected_total
from .test_compare import fetch_day

pytestmark = pytest.mark.anyio

CODES = [r["departmentCode"] for r in NATIONAL["data"]["evaluation"]]
D1, D2 = date(2026, 10, 9), date(2026, 10, 10)


async def settle(pilot) -> None:
    """Let every worker finish and its messages be handled (no fixed sleeps)."""
    for _ in range(8):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause()
            return


def make(tmp_path, lang: str = "en") -> De06App:
    return De06App(source=FeedSource("dvcqg", load_config(), period="2026"), lang=lang, metric="total_score",
                   period="2026", now=lambda: datetime(2026, 10, 10, 9, 30), export_dir=tmp_path)


def header(app) -> str:
    from de06tui.tui.widgets.header import StatusHeader

    return str(app.screen.query_one(StatusHeader).render())


def change_text(app, unit: str) -> str:
    table = app.screen.query_one("#board")
    return str(table.cell(table.row_index(unit), "change"))


def signed(delta: float) -> str:
    """The change as the board writes it: +0.03 / −0.05, 2 decimals."""
    return ("+" if delta > 0 else "−") + f"{abs(delta):.2f}"


def ranks(values: dict[str, float]) -> dict[str, int]:
    return {u: 1 + sum(v > values[u] for v in values.values()) for u in values}


def recorded_two_days(portal, clock) -> tuple[dict[str, float], dict[str, float]]:
    fetch_day(portal, clock, D1)
    fetch_day(portal, clock, D2)
    return ({admin(c): expected_total(D1, c, 12) for c in CODES},
            {admin(c): expected_total(D2, c, 12) for c in CODES})


async def since_yesterday(pilot) -> None:
    await settle(pilot)
    await pilot.press("f", "f")  # the previous period → last year → since yesterday
    await settle(pilot)


async def test_since_yesterday_shows_the_day_change_and_rank_change(portal, clock, tmp_path):
    before, after = recorded_two_days(portal, clock)
    before_rank, after_rank = ranks(before), ranks(after)
    app = make(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await since_yesterday(pilot)
        assert app.state.since_yesterday
        for code in ("H20", CODES[5]):
            unit = admin(code)
            moved = round(after[unit] - before[unit], 2)
            text = change_text(app, unit)
            assert text.startswith("=" if moved == 0 else signed(moved)), (unit, text)
            rank_moved = before_rank[unit] - after_rank[unit]
            mark = "=" if rank_moved == 0 else (f"▲{rank_moved}" if rank_moved > 0 else f"▼{-rank_moved}")
            assert text.endswith(mark), (unit, text)
        note = str(app.screen.query_one("#board-note").render())
        assert "since yesterday (09/10/2026)" in note
        assert "as of 10/10/2026 08:00 (ICT)" in header(app)


async def test_braces_step_through_the_recorded_snapshots(portal, clock, tmp_path):
    recorded_two_days(portal, clock)
    app = make(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "as of 10/10/2026 08:00 (ICT)" in header(app)
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        assert "as of 09/10/2026 08:00 (ICT)" in header(app)
        # The board is the first day's snapshot: its figures, not today's.
        values = {r.code: r.value for r in app.screen.view.rows}
        assert values[admin("H20")] == pytest.approx(expected_total(D1, "H20", 12))
        await pilot.press("left_curly_bracket")  # nothing older: the view stays
        await settle(pilot)
        assert "as of 09/10/2026 08:00 (ICT)" in header(app)
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert "as of 10/10/2026 08:00 (ICT)" in header(app)


async def test_without_yesterday_the_change_is_blank_and_says_why(portal, clock, tmp_path):
    fetch_day(portal, clock, date(2026, 10, 8))  # two days before: never used for "since yesterday"
    fetch_day(portal, clock, D2)
    app = make(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await since_yesterday(pilot)
        assert all(change_text(app, admin(c)) == "" for c in CODES)
        note = str(app.screen.query_one("#board-note").render())
        assert "No comparison: no snapshot of 2026-10-09 (Vietnam date) for dvcqg 2026 (ytd)" in note


async def test_the_detail_chart_has_one_point_per_recorded_day(portal, clock, tmp_path):
    before, after = recorded_two_days(portal, clock)
    app = make(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        unit = admin("H20")
        table = app.screen.query_one("#board")
        table.move_cursor(table.row_index(unit))
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.view
        assert [h.period for h in view.history] == ["2026-10-09", "2026-10-10"]
        assert [h.value for h in view.history] == pytest.approx([before[unit], after[unit]])
        assert [h.rank for h in view.history] == [ranks(before)[unit], ranks(after)[unit]]
        assert "09/10" in str(app.screen.query_one("#detail-ranks").render())


async def test_movers_since_yesterday_are_the_day_top_improvers_and_drops(portal, clock, tmp_path):
    before, after = recorded_two_days(portal, clock)
    moves = sorted(round(after[u] - before[u], 2) for u in after)
    app = make(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await since_yesterday(pilot)
        await pilot.press("M")
        await settle(pilot)
        view = app.screen.view
        assert [round(r.value_change, 2) for r in view.improved] == [m for m in moves[::-1] if m > 0][:10]
        assert [round(r.value_change, 2) for r in view.declined] == [m for m in moves if m < 0][:10]
        assert "09/10/2026 → as of 10/10/2026 08:00 (ICT)" in str(app.screen.query_one("#movers-note").render())


async def test_the_header_in_vietnamese(portal, clock, tmp_path):
    recorded_two_days(portal, clock)
    app = make(tmp_path, lang="vi")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "tính đến 10/10/2026 08:00 (giờ VN)" in header(app)


class RecordedPortal:
    """The portal's recorded latest day, under a fixed label: the snapshot must not show the
    test server's port. ``spec`` makes it a recorded source, as the portal feed is."""

    spec = "dvcqg"
    label = "dvcqg"
    refresh_minutes = None

    def load(self):
        from de06tui.core.dataset import dataset_from_records
        from de06tui.history.store import Store

        store = Store()
        rows = store.rows(store.snapshots("dvcqg", "2026")[-1])
        records = [{"period": "2026", "province": r["unit"], "metric": r["metric"], "value": r["value"]}
                   for r in rows.iter_rows(named=True) if r["value"] is not None]
        return dataset_from_records(records, source="national portal")


def test_header_snapshot_with_as_of(snap_compare, portal, clock, tmp_path):
    recorded_two_days(portal, clock)
    app = De06App(source=RecordedPortal(), lang="en", metric="total_score", period="2026",
                  now=lambda: datetime(2026, 10, 10, 9, 30), export_dir=tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("left_curly_bracket")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
