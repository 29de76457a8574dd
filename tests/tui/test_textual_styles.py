"""A board's first visit is styled without the whole stylesheet parsed again; a board made
before a theme change is restyled when it comes back."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import Screen

from de06tui.tui.textual_styles import COUNTER

from .conftest import settle

pytestmark = pytest.mark.anyio


def test_textual_still_counts_its_stylesheet_updates():
    # If this fails, Textual renamed its counter: textual_styles.py must follow it.
    app = App()
    assert isinstance(getattr(app, COUNTER), int)
    assert isinstance(getattr(Screen(), COUNTER), int)


def _table_background(app) -> str:
    return app.screen.query_one("#board").styles.background.hex


async def test_a_first_visit_parses_no_css_and_a_theme_change_reaches_hidden_boards(make_app):
    app = make_app(metric="online_submission_rate")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        parsed = []
        reparse = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (parsed.append(1), reparse())[1]  # type: ignore[method-assign]
        await pilot.press("3")  # a board never shown before
        await settle(pilot)
        assert parsed == []
        dark = app.get_css_variables()["surface"]
        assert _table_background(app).lower() == dark.lower()[:7]
        table = app.screen.query_one("#board")
        drawn_dark = {base.bgcolor for _strip, base in table._lines.values()}
        app.theme = "textual-light"
        await settle(pilot)
        light = app.get_css_variables()["surface"]
        assert light.lower() != dark.lower()
        # The lines on screen are built again in the new theme's colours, not kept from the old.
        drawn_light = {base.bgcolor for _strip, base in table._lines.values()}
        assert drawn_light and not drawn_light & drawn_dark
        await pilot.press("2")  # made before the change, hidden while it came
        await settle(pilot)
        assert _table_background(app).lower() == light.lower()[:7]
        await pilot.press("4")  # made after it
        await settle(pilot)
        assert _table_background(app).lower() == light.lower()[:7]
