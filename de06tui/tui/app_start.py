"""The app's start: its modes, the last leaderboard painted before the data, and what the mount says."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from de06tui.core.text import clean
from de06tui.tui import actions
from de06tui.tui.app_actions import OVERVIEW, board_mode
from de06tui.tui.i18n import t
from de06tui.tui.textual_styles import styled_as_made

if TYPE_CHECKING:
    from textual.screen import Screen

    from de06tui.core.metrics import MetricCatalog
    from de06tui.tui.app import De06App


def mode_screens(catalog: MetricCatalog, app: De06App) -> dict[str, Callable[[], Screen]]:
    """Each mode's screen maker: the overview, and one leaderboard per metric."""
    makers: dict[str, Callable[[], Screen]] = {OVERVIEW: _overview_screen}
    for m in catalog:
        makers[board_mode(m.id)] = partial(_board_screen, m.id)
    return {mode: styled_as_made(make, app) for mode, make in makers.items()}


def _board_screen(metric: str) -> Screen:
    # Imported when first shown: a start on the overview does not pay for the boards.
    from de06tui.tui.screens.board import BoardScreen

    return BoardScreen(metric)


def _overview_screen() -> Screen:
    # Imported when first shown: a start on a leaderboard does not pay for the overview.
    from de06tui.tui.screens.overview import OverviewScreen

    return OverviewScreen()


def use_snapshot(app: De06App, start: str) -> None:
    """Paint the last leaderboard of this same source at once, until the data is loaded."""
    from de06tui.tui import snapshot

    app.snapshot_key = snapshot.source_key(app.source)
    app.snapshot_overview = None
    found: tuple | None
    if start == OVERVIEW:
        found = None if app.requested_period else snapshot.load_overview(app.snapshot_key, app.lang)
        app.snapshot_overview = found[0] if found else None
    else:
        found = snapshot.start_view(app.snapshot_key, app.metric, app.requested_period)
    app.snapshot_view = found[0] if found and start != OVERVIEW else None
    if found is not None:
        app.set_reactive(type(app).status, app.status_with(source=found[1], synthetic=found[2]))


def mount(app: De06App) -> None:
    """Once mounted: the start mode, the keymap and theme asked for, what the start must say,
    then the first load."""
    app.call_after_refresh(gc.enable)  # off while the start was built (``cli.app.run``)
    app.add_mode(app.DEFAULT_MODE, app.mode_screens[app.DEFAULT_MODE])
    app.home.attach(app)
    for warning in app.start_warnings:
        app.say(warning, severity="warning")
    for problem in actions.check_keymap(app.user_keymap, app.lang):
        app.notify(problem, severity="warning", markup=False)
    if app.user_keymap:
        app.set_keymap(app.user_keymap)
    if app.wanted_theme and app.wanted_theme in app.available_themes:
        app.theme = app.wanted_theme
    if app.requested_metric and not app.start_metric:
        app.say(t("unknown_metric", app.lang, name=clean(app.requested_metric)), "error")
    if app.snapshot_view is not None or app.snapshot_overview is not None:
        # Let the snapshot reach the screen first: the load's imports would compete for the GIL.
        app.call_after_refresh(app.reload)
    else:
        app.reload()
