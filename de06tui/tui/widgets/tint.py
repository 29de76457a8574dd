"""The dimmed screen behind an overlay, tinted once per style instead of once per piece of text.

Textual draws a modal screen with a see-through background by tinting every segment of the
screen underneath, on every repaint, working the blended colours out again for each one. A board
has a few dozen styles over thousands of segments, so each style's tint is worked out once here
and reused; the colours are Textual's own blend, so the overlay looks exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

_NULL = Style()
_TINTS: dict[tuple[Style, Color], Style] = {}  # a few dozen styles per board, kept across repaints


class TintedScreen(BackgroundScreen):
    """Textual's ``BackgroundScreen``, its tint of each style remembered across repaints."""

    def process_segments(self, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:  # type: ignore[override]
        tints = _TINTS
        if len(tints) > 4096:  # styles of boards long gone
            tints.clear()
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            # A table's cells each carry their own meta (row, column): the tint is of the rest.
            plain = _NULL if style is None else style.clear_meta_and_links()
            tinted = tints.get((plain, color))
            if tinted is None:
                tinted = tints[(plain, color)] = _tint(plain, color)
            yield Segment(text, tinted, control)


def _tint(plain: Style, color: Color) -> Style:
    """A style without links or meta, tinted as ``BackgroundScreen`` tints it."""
    if color.a == 0:
        return plain
    fg = (Color.from_rich_color(plain.color) + color).rich_color if plain.color is not None else None
    bg = (Color.from_rich_color(plain.bgcolor) + color).rich_color if plain.bgcolor is not None else None
    return plain + Style.from_color(fg, bg)


def tinted(rendered: RenderableType) -> RenderableType:
    """What a screen's ``render`` returned, with its background tint remembered per style."""
    if type(rendered) is BackgroundScreen:
        return TintedScreen(rendered.screen, rendered.color)
    return rendered
