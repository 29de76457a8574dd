"""NO_COLOR: every screen stays legible: no dim text, every span at WCAG contrast 4.5 or more."""

from __future__ import annotations

import pytest

from .conftest import settle
from .contrast import poor_spans

pytestmark = pytest.mark.anyio


def test_the_contrast_measure_agrees_with_wcag_reference_values():
    from .contrast import ratio

    assert ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


async def _visit(app, pilot, keys: tuple[str, ...]) -> list[str]:
    await pilot.press(*keys)
    await settle(pilot)
    await pilot.pause()
    return poor_spans(app)


SCREENS = {
    "overview": ("1",),
    "board": ("2",),
    "board-points": ("4",),
    "board-reversed": ("2", "s"),  # the bottom band on screen
    "detail": ("2", "enter"),
    "movers": ("2", "M"),
    "help": ("2", "question_mark"),
    "problems": ("p",),
    "my-province": ("h",),
    "alerts": ("exclamation_mark",),
    "units": ("U",),
}


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_is_legible_without_colour(make_app, monkeypatch, screen):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(home="Đồng Tháp")
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bad = await _visit(app, pilot, SCREENS[screen])
    assert bad == []


async def test_without_colour_the_bottom_band_and_falls_are_underlined_and_rises_not(make_app, monkeypatch):
    from .contrast import spans

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "s")  # lowest first: the bottom band on screen
        await settle(pilot)
        drawn = spans(app)
    low = [s for text, s in drawn if "! LOW" in text.upper()]
    falls = [s for text, s in drawn if text.strip().startswith("▼")]
    rises = [s for text, s in drawn if text.strip().startswith("▲")]
    assert low and all(s.underline and s.bold for s in low)
    assert falls and all(s.underline for s in falls)
    assert rises and not any(s.underline for s in rises)
