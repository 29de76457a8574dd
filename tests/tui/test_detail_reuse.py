"""Each mode keeps one detail screen and aims it at the province Enter asks for: it must show that
province, in the state the app is in now, and nothing of the province it showed before. The
figures expected are the board's own rows (ranked by the core for the board, not by the detail)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from de06tui.tui.screens.board import BoardScreen
from de06tui.tui.screens.detail import DetailScreen
from de06tui.tui.views import kept

from .conftest import run_palette, settle

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


def osr_line(screen: DetailScreen):
    return next(x for x in screen.view.lines if x.metric == OSR)


async def open_row(pilot, row: int) -> tuple[DetailScreen, object]:
    """Enter on the board's ``row``: the detail, and the board row it was opened on."""
    board = pilot.app.screen
    assert isinstance(board, BoardScreen)
    board.query_one("#board").move_cursor(row)
    await pilot.pause()
    shown = board.current_row()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DetailScreen)
    return pilot.app.screen, shown


async def test_the_kept_detail_shows_each_province_opened_with_the_boards_figures(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        first, row = await open_row(pilot, 0)
        assert first.view.code == row.code and osr_line(first).rank == row.rank == 1
        await pilot.press("escape")
        await settle(pilot)
        again, row = await open_row(pilot, 5)
        assert again is first  # the same screen, aimed again
        assert again.view.code == row.code and again.view.name == row.name
        assert (osr_line(again).rank, osr_line(again).value) == (row.rank, row.value)
        assert str(again.query_one("#detail-name", Static).render()) == row.name


async def test_the_kept_detail_follows_a_state_changed_while_it_was_away(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        first, _ = await open_row(pilot, 0)
        assert first.view.period == "2025-09"
        await pilot.press("escape", "left_square_bracket", "l")  # August, in Vietnamese
        await settle(pilot)
        again, row = await open_row(pilot, 3)
        assert again is first and app.period == "2025-08"
        assert again.view.period == "2025-08" and again.view.code == row.code
        assert osr_line(again).rank == row.rank
        assert again.view_title.startswith("Chi tiết: ")


async def test_an_aimed_detail_shows_nothing_of_the_last_province_while_it_works(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        first, _ = await open_row(pilot, 0)
        await pilot.press("escape")
        await settle(pilot)
        kept.SHARED.clear()  # nothing kept: the detail waits for its worker
        board = app.screen
        board.query_one("#board").move_cursor(2)
        code, name = board.current_row().code, board.current_row().name
        first.aim(code, first.era, OSR)
        assert first.view is None
        assert all(str(s.render()) == "" for s in first.query(".detail-text").results(Static))
        assert first.query_one("#detail-metrics").row_count == 0
        await settle(pilot)
        assert first.view is not None and first.view.name == name


async def test_a_province_opened_from_a_detail_opens_on_top_of_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        first, row = await open_row(pilot, 0)
        await run_palette(pilot, "ca mau")
        on_top = app.screen
        assert isinstance(on_top, DetailScreen) and on_top is not first and on_top.view.name == "Cà Mau"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first and first.view.code == row.code


async def test_down_and_enter_on_a_detail_metric_chart_that_metrics_history(make_app, dataset):
    import polars as pl

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        detail, row = await open_row(pilot, 0)
        second = detail.view.lines[1].metric
        assert second != OSR
        await pilot.press("down", "enter")
        await settle(pilot)
        assert detail.metric == second and detail.query_one("#detail-metrics").cursor_row == 1
        title = str(detail.query_one("#detail-chart-title", Static).render())
        assert app.catalog[second].title("en") in title
        # Since the merger the chart's bars are that metric's values for the province itself (before
        # it, its predecessors' combined), read from the data here.
        since = (dataset.frame.filter((pl.col("province") == row.code) & (pl.col("metric") == second)
                                      & (pl.col("period") >= "2025-07")).sort("period"))
        charted = {period: value for period, value in detail.view.series if period >= "2025-07"}
        assert len(since) >= 2 and list(charted) == since["period"].to_list()
        assert list(charted.values()) == pytest.approx(since["value"].to_list())


async def test_on_a_small_terminal_the_page_keys_scroll_the_detail_to_its_ranks(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        detail, _ = await open_row(pilot, 0)
        body = detail.query_one("#detail-body")
        assert body.scroll_offset.y == 0 and body.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_offset.y > 0 and detail.query_one("#detail-metrics").cursor_row == 0
        await pilot.press("pageup")
        await settle(pilot)
        assert body.scroll_offset.y == 0

