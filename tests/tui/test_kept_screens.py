"""Movers and problems are made once and shown again: each visit shows the state the app is in
then, and nothing of the last visit's. Expected ranks are worked out here from the data."""

from __future__ import annotations

import polars as pl
import pytest

from de06tui.tui.screens.movers import MoversScreen
from de06tui.tui.screens.problems import ProblemsScreen

from .conftest import settle

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


def ranks(dataset, period: str) -> dict[str, int]:
    """Competition ranks, highest rate first, of one month's provinces."""
    month = dataset.frame.filter((pl.col("period") == period) & (pl.col("metric") == OSR)
                                 & pl.col("value").is_not_null())
    values = dict(zip(month["province"], month["value"]))
    return {code: 1 + sum(1 for v in values.values() if v > value) for code, value in values.items()}


async def test_movers_shown_again_are_those_of_the_period_shown_now(make_app, dataset):
    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, MoversScreen) and first.view.end == "2025-09"
        await pilot.press("escape", "left_square_bracket")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert app.screen is first and first.view.start == "2025-07" and first.view.end == "2025-08"
        before, now = ranks(dataset, "2025-07"), ranks(dataset, "2025-08")
        moved = first.view.improved + first.view.declined
        assert moved and all(r.rank_change == before[r.code] - now[r.code] for r in moved)
        shown = {first.query_one("#movers").row_keys[i] for i in range(first.query_one("#movers").row_count)}
        assert {r.code for r in moved} <= shown


async def test_movers_from_the_overview_follow_the_metric_asked_for(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, MoversScreen) and first.metric == app.state.metric
        await pilot.press("escape")
        await settle(pilot)
        other = next(m.id for m in app.catalog.main() if m.id != first.metric)
        app.update(metric=other)
        await pilot.press("M")
        await settle(pilot)
        assert app.screen is first and first.metric == other and first.view.metric == other


async def test_the_problems_shown_again_take_the_language_chosen_meanwhile(make_app):
    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        first = app.screen
        assert isinstance(first, ProblemsScreen)
        await pilot.press("escape", "l")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.screen is first and app.lang == "vi"
        painted = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Vấn đề" in painted or "vấn đề" in painted


async def test_the_help_shown_again_lists_the_keys_of_the_screen_under_it_now(make_app):
    from de06tui.tui.screens.help import HelpScreen

    app = make_app(metric=OSR)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        ids = {action_id for _keys, _label, action_id in help_screen.rows}
        assert isinstance(help_screen, HelpScreen) and "filter" in ids and "copy_detail" not in ids
        await pilot.press("pagedown")
        await settle(pilot)
        assert help_screen.query_one("#help-keys").scroll_offset.y > 0
        await pilot.press("escape", "enter")  # a province's detail
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        ids = {action_id for _keys, _label, action_id in help_screen.rows}
        assert app.screen is help_screen and "copy_detail" in ids and "filter" not in ids
        table = help_screen.query_one("#help-keys")
        assert table.scroll_offset.y == 0 and table.row_count == len(help_screen.rows)
        painted = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert help_screen.rows[0][2] in painted and "Keys — Detail: " in painted
