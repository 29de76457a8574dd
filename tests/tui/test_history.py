"""History in the app: the 63 → 34 toggle, the comparison choice, movers, the detail across the merger."""

from __future__ import annotations

import pytest

from de06tui.core.ranking import leaderboard, movers

from .conftest import run_palette, settle

pytestmark = pytest.mark.anyio


def header(app) -> str:
    from de06tui.tui.widgets.header import StatusHeader

    return str(app.screen.query_one(StatusHeader).render())


async def test_toggle_shows_an_old_period_on_the_34_provinces(make_app, dataset):
    app = make_app(period="2025-05")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert len(app.screen.view.rows) == 63
        await pilot.press("t")
        await settle(pilot)
        assert app.provinces == "34" and "63 → 34" in header(app)
        rows = app.screen.view.rows
        expected = leaderboard(dataset, "online_submission_rate", "2025-05", provinces=34)
        assert [(r.code, r.rank) for r in rows] == list(zip(expected["province"], expected["rank"]))
        assert [r.value for r in rows] == pytest.approx(expected["value"].to_list())
        await pilot.press("t")  # 63 on a 63-era period: fine
        await settle(pilot)
        assert app.provinces == "63" and len(app.screen.view.rows) == 63


async def test_63_on_a_new_period_is_refused_with_a_reason(make_app):
    app = make_app(period="2025-08")
    async with app.run_test() as pilot:
        await settle(pilot)
        app.set_provinces("63")
        await settle(pilot)
        assert app.provinces == "auto"
        assert any("cannot be split back into 63" in str(n.message) for n in app._notifications)


async def test_compare_with_same_period_last_year_and_a_chosen_one(make_app, dataset):
    app = make_app(period="2025-09")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        before = {r.code: r.rank_change for r in app.screen.view.rows}
        app.set_compare("2025-07")
        await settle(pilot)
        expected = leaderboard(dataset, "online_submission_rate", "2025-09", compare="2025-07")
        got = {r.code: r.rank_change for r in app.screen.view.rows}
        assert got == dict(zip(expected["province"], expected["rank_change"]))
        assert got != before
        assert "on Jul 2025" in str(app.screen.query_one("#board-note").render())
        await pilot.press("f")  # cycles back to the previous period
        await settle(pilot)
        assert app.compare is None


async def test_movers_view_lists_risers_and_opens_detail(make_app, dataset):
    app = make_app(period="2025-09")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        view = app.screen.view
        up, down = movers(dataset, "online_submission_rate", "2025-08", "2025-09", count=10)
        assert [r.code for r in view.improved] == up["province"].to_list()
        assert [r.code for r in view.declined] == down["province"].to_list()
        table = app.screen.query_one("#movers")
        table.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "DetailScreen" and app.screen.code == view.improved[0].code


async def test_detail_history_runs_across_the_merger(make_app):
    app = make_app(period="2025-09")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        app.open_detail("79", 34, "online_submission_rate")
        await settle(pilot)
        view = app.screen.view
        periods = [h.period for h in view.history]
        assert periods == ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"]
        assert all(h.value is not None and h.rank is not None for h in view.history)
        assert view.absorbed == ("Bình Dương", "Bà Rịa - Vũng Tàu", "TP Hồ Chí Minh")
        assert "merger" in str(app.screen.query_one("#detail-axis-note").render())


async def test_highlight_counts_reach_the_app():
    from de06tui.core.dataset import load_sample
    from de06tui.tui.app import De06App
    from de06tui.tui.sources import DatasetSource

    app = De06App(source=DatasetSource(load_sample()), lang="en", period="2024-10", highlight=(4, 2))
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        bands = [r.band for r in app.screen.view.rows]
        assert bands.count("top") == 4 and bands.count("bottom") == 2


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_toggle_on_a_new_period_says_why_63_is_skipped_and_never_sticks(make_app):
    app = make_app(period="2025-08")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.provinces == "34" and len(app.screen.view.rows) == 34
        await pilot.press("t")  # 63 next: refused with the reason, on round to auto
        await settle(pilot)
        assert app.provinces == "auto" and len(app.screen.view.rows) == 34
        assert any("cannot be split back into 63" in m for m in toasts(app))


async def test_refusing_63_keeps_the_chosen_registry(make_app):
    app = make_app(period="2025-08")
    async with app.run_test() as pilot:
        await settle(pilot)
        app.set_provinces("34")
        app.set_provinces("63")
        await settle(pilot)
        assert app.provinces == "34"  # the view stays as it was


async def test_stepping_past_the_merger_on_63_falls_back_with_a_toast(make_app):
    app = make_app(period="2025-06")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        app.set_provinces("63")
        await settle(pilot)
        assert "63 provinces" in header(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.period == "2025-07" and app.provinces == "auto"
        assert len(app.screen.view.rows) == 34 and "63 provinces" not in header(app)
        assert any("Jul 2025" in m and "63" in m for m in toasts(app))


async def test_harmonised_header_survives_a_reload(make_app):
    app = make_app(period="2025-05")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "63 → 34" in header(app) and len(app.screen.view.rows) == 34


async def test_palette_toggles_registry_and_picks_a_compare_period(make_app, dataset):
    app = make_app(period="2025-05")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await run_palette(pilot, "show on 34 provinces")
        assert app.provinces == "34"
        await run_palette(pilot, "compare with apr 2025")
        assert app.compare == "2025-04"
        expected = leaderboard(dataset, "online_submission_rate", "2025-05", provinces=34, compare="2025-04")
        assert {r.code: r.rank_change for r in app.screen.view.rows} == \
            dict(zip(expected["province"], expected["rank_change"]))


async def test_compare_with_last_year_follows_into_the_detail(make_app, dataset):
    app = make_app(period="2025-09")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f")  # same period last year: 2024-09, which this data lacks
        await settle(pilot)
        assert app.compare == "year"
        assert all(r.rank_change is None for r in app.screen.view.rows)
        assert "Sep 2024, a year before" in str(app.screen.query_one("#board-note").render())
        app.set_compare("2025-05")  # a period before the merger, harmonised to compare
        await settle(pilot)
        app.open_detail("79", 34, "online_submission_rate")
        await settle(pilot)
        board = leaderboard(dataset, "online_submission_rate", "2025-09", compare="2025-05")
        mine = board.row(board["province"].to_list().index("79"), named=True)
        line = next(x for x in app.screen.view.lines if x.metric == "online_submission_rate")
        assert line.rank_change == mine["rank_change"] is not None
        assert line.value_change == pytest.approx(mine["value_change"])
        assert "on May 2025" in str(app.screen.query_one("#detail-vs").render())


async def test_movers_show_value_change_and_follow_the_compare_choice(make_app, dataset):
    app = make_app(period="2025-09")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        app.set_compare("2025-04")
        await pilot.press("M")
        await settle(pilot)
        view = app.screen.view
        assert (view.start, view.end) == ("2025-04", "2025-09")
        up, down = movers(dataset, "online_submission_rate", "2025-04", "2025-09", count=10)
        assert [r.code for r in view.declined] == down["province"].to_list()
        assert [r.value_change for r in view.improved] == pytest.approx(up["value_change"].to_list())
        assert app.screen.query_one("#movers").cursor_row == 1  # on the first mover, not a heading
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.code == view.improved[0].code and app.screen.view.against == "2025-04"


async def test_detail_marks_approximate_points_across_the_merger(make_app):
    app = make_app(period="2025-09")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        app.open_detail("79", 34, "transparency_score")
        await settle(pilot)
        view = app.screen.view
        # No counts for this score: its pre-merger combination is a mean, flagged approximate.
        assert [h.approx for h in view.history] == [True, True, True, False, False, False]
        chart = app.screen.query_one("#detail-chart")
        assert chart.approx == {"2025-04", "2025-05", "2025-06"}
        assert chart.render().plain.count("≈") == 3
        assert app.screen.query_one("#detail-ranks").render().plain.count("≈") == 3
        assert "approximate" in str(app.screen.query_one("#detail-axis-note").render())


async def test_export_on_the_34_provinces_writes_the_harmonised_board(make_app, dataset, tmp_path):
    app = make_app(period="2025-05")
    async with app.run_test() as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        # The name says the period is shown on the 34 provinces; the time is the app's FIXED_NOW.
        name = "de06_tinh_online-submission-rate_2025-05-34_2026-10-17_0930.csv"
        assert app.last_export.name == name
        lines = (tmp_path / name).read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == 35


async def test_overview_follows_the_registry(make_app, dataset):
    app = make_app(period="2025-05")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        panel = app.screen.query("MetricPanel").first().panel
        expected = leaderboard(dataset, panel.metric, "2025-05", provinces=34)
        top = expected.filter(expected["band"] == "top")["province"].to_list()
        assert [r.code for r in panel.top] == top and "63 → 34" in header(app)


async def test_palette_opens_the_harmonised_province_on_34(make_app):
    app = make_app(period="2025-05")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await run_palette(pilot, "province hcm")
        view = app.screen.view
        assert (view.code, view.era) == ("79", 34) and len(view.absorbed) == 3


async def test_detail_follows_the_registry_toggle(make_app):
    app = make_app(period="2025-05")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        app.open_detail("95", 63, "online_submission_rate")  # Bạc Liêu, before the merger
        await settle(pilot)
        assert app.screen.view.name == "Bạc Liêu"
        await pilot.press("t")  # on the 34: the province that absorbed it
        await settle(pilot)
        assert (app.screen.code, app.screen.era) == ("96", 34)
        assert app.screen.view.name == "Cà Mau" and app.screen.view.absorbed == ("Bạc Liêu", "Cà Mau")
        assert "63 → 34" in header(app)
        await pilot.press("t")  # back on the 63: the old province whose name the new one kept
        await settle(pilot)
        assert (app.screen.code, app.screen.era) == ("96", 63)
        assert app.screen.view.name == "Cà Mau" and app.screen.view.absorbed == ()


async def test_quarters_computed_from_months_are_offered_and_stepped(make_app, dataset):
    app = make_app(period="2025-09")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await run_palette(pilot, "period q3 2025 computed")
        assert app.period == "2025-Q3" and "Q3 2025" in header(app)
        expected = leaderboard(dataset, "online_submission_rate", "2025-Q3")
        rows = app.screen.view.rows
        assert [(r.code, r.rank) for r in rows] == list(zip(expected["province"], expected["rank"]))
        assert [r.value for r in rows] == pytest.approx(expected["value"].to_list())
        await pilot.press("left_square_bracket")  # the quarter before, on its own 63 provinces
        await settle(pilot)
        assert app.period == "2025-Q2" and len(app.screen.view.rows) == 63
