"""The board keeps the views it showed and works out those one key away (`[`, `]`, `f`) while the
keys pause: such a key repaints without a worker, with the figures of its own period; new data
is never shown in a view kept from the old."""

from __future__ import annotations

import pytest

from de06tui.tui.screens.board import BoardScreen

from .conftest import settle

pytestmark = pytest.mark.anyio
OSR = "online_submission_rate"


async def test_the_previous_period_is_worked_out_while_the_keys_pause_and_painted_without_a_worker(
        make_app, dataset, monkeypatch):
    import polars as pl

    from de06tui.tui.screens.board import AHEAD_AFTER

    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(AHEAD_AFTER + 0.2)
        await settle(pilot)
        board = app.screen
        started = []
        start = BoardScreen._start
        monkeypatch.setattr(BoardScreen, "_start", lambda self, *a: started.append(a[0]) or start(self, *a))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.period == "2025-08" and started == [] and board.view.period == "2025-08"
        # Its leader is August's highest rate, read from the data here.
        august = dataset.frame.filter((pl.col("period") == "2025-08") & (pl.col("metric") == OSR)
                                      & pl.col("value").is_not_null()).sort("value", descending=True)
        assert board._shown[0].code == august["province"][0]
        assert board._shown[0].value == pytest.approx(august["value"][0])
        await pilot.press("right_square_bracket")  # back: the view it was on is kept
        await pilot.pause()
        assert app.period == "2025-09" and started == []



async def test_after_a_reload_no_view_of_the_old_data_is_shown(make_app):
    from de06tui.tui.screens.board import AHEAD_AFTER

    app = make_app(metric=OSR)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(AHEAD_AFTER + 0.2)
        await settle(pilot)
        board = app.screen
        old_views = {id(v) for v in board._kept.values()}
        assert any(v.period == "2025-08" for v in board._kept.values())  # August, worked out ahead
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert board.view.period == "2025-08" and id(board.view) not in old_views
        assert board._want[0] == app.state.version
