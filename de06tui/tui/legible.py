"""NO_COLOR without losing meaning: greys that always read, and underline where colour said "bad".

Textual's own NO_COLOR filter turns each colour into the grey of its brightness, so red text
(the bottom provinces, every ▼) ends up dark grey on near-black, and dim text fades further.
This filter replaces it: dim is dropped, any span whose greys would fall below WCAG's 4.5:1 is
pushed to white on black (or black on white, when it was dark on light), and text that was red
(a fall, the bottom band, an error) is underlined so the difference survives without colour.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.filter import LineFilter

if TYPE_CHECKING:
    from textual.app import App
    from textual.color import Color

MINIMUM = 4.5
WHITE, BLACK = (255, 255, 255), (0, 0, 0)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _grey(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    level = round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2])
    return (level, level, level)


def _reddish(rgb: tuple[int, int, int]) -> bool:
    # Red and crimson, not orange or amber (the accent and the SAMPLE badge are those).
    r, g, b = rgb
    return r > 120 and g < 0.55 * r and b < 0.6 * r


def _triplet(color: RichColor | None, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return fallback
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


@lru_cache(maxsize=4096)
def legible_style(style: Style, background: tuple[int, int, int]) -> Style:
    """``style`` in greys at 4.5:1 or more against its own background, never dim."""
    bg_given = style.bgcolor is not None and not style.bgcolor.is_default
    fg_rgb = _triplet(style.color, WHITE)
    bg_rgb = _triplet(style.bgcolor, background)
    fg, bg = _grey(fg_rgb), _grey(bg_rgb)
    if contrast(fg, bg) < MINIMUM:
        light_text = _luminance(fg) >= _luminance(bg)
        fg = WHITE if light_text else BLACK
        if contrast(fg, bg) < MINIMUM:
            bg = BLACK if light_text else WHITE
    extra = Style(dim=False, underline=True) if _reddish(fg_rgb) else Style(dim=False)
    colours = Style.from_color(RichColor.from_rgb(*fg), RichColor.from_rgb(*bg) if bg_given or bg != _grey(background)
                               else None)
    return style + colours + extra


class Legible(LineFilter):
    """Every segment's colours to legible greys (see the module's docstring)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        base = _grey((background.r, background.g, background.b))
        return [Segment(text, legible_style(style, base) if style is not None else None, None)
                for text, style, _ in segments]


def use_legible_greys(app: App) -> None:
    """Under NO_COLOR, put this filter in place of Textual's monochrome one."""
    if getattr(app, "no_color", False) and not app.native_ansi_color:
        app._filters[:] = [f for f in app._filters if type(f).__name__ != "Monochrome"] + [Legible()]
