"""The overlay's dimmed background is tinted once per style: it must look exactly like Textual's
own tint, segment for segment, whatever meta (a table cell's row and column) the styles carry."""

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

from de06tui.tui.widgets.tint import TintedScreen, tinted

SEGMENTS = [
    Segment("Hà Nội", Style(color="green", bgcolor="#121212", bold=True) + Style.from_meta({"row": 0})),
    Segment(" 91,2", Style(color="green", bgcolor="#121212", bold=True) + Style.from_meta({"row": 1})),
    Segment("▲3", Style(color="#ff0000", link="https://example.org")),
    Segment("plain", None),
    Segment("", None, [(1,)]),  # a control segment passes untouched
    Segment("dim", Style(dim=True, bgcolor="blue")),
]


def test_the_tint_is_textuals_segment_for_segment():
    for color in (Color(18, 18, 18, a=0.6), Color(0, 0, 0, a=0), Color(255, 255, 255, a=0.3)):
        theirs = list(BackgroundScreen.process_segments(iter(SEGMENTS), color))
        ours = list(TintedScreen(None, color).process_segments(iter(SEGMENTS * 2), color))  # type: ignore[arg-type]
        assert ours == theirs * 2
        # meta and links are gone from what is drawn underneath an overlay
        assert all(s.style is None or (not s.style.meta and s.style.link is None) for s in ours)


def test_only_a_background_screen_is_replaced():
    back = BackgroundScreen(None, Color(1, 2, 3, a=0.5))  # type: ignore[arg-type]
    swapped = tinted(back)
    assert isinstance(swapped, TintedScreen) and swapped.color == back.color
    other = object()
    assert tinted(other) is other


@pytest.mark.anyio
@pytest.mark.parametrize("key", ["question_mark", "C", "ctrl+p"])
async def test_every_overlay_tints_the_board_behind_it_once_per_style(make_app, key, monkeypatch):
    from textual.screen import ModalScreen

    from .conftest import settle

    drawn = []
    tint = TintedScreen.process_segments

    def counted(self, segments, color):
        drawn.append(color)
        return tint(self, segments, color)

    monkeypatch.setattr(TintedScreen, "process_segments", counted)
    app = make_app(metric="online_submission_rate")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert drawn == []
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ModalScreen) and drawn  # the board behind, through the kept tint
