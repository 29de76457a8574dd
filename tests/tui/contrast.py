"""WCAG contrast of what a screen draws, read from the compositor's own segments."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.style import Style


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _rgb(color: RichColor | None, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return fallback
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def spans(app) -> list[tuple[str, Style]]:
    """Every (text, style) the screen shows now, after the app's filters (NO_COLOR's among them)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    out = []
    for line in update.strips:
        for strip in line:
            for seg in strip:
                if seg.text.strip() and seg.style is not None and not seg.control:
                    out.append((seg.text, seg.style))
    return out


def poor_spans(app, minimum: float = 4.5) -> list[str]:
    """Spans whose text is dim or below ``minimum`` contrast with its own background."""
    screen_fg = (224, 224, 224)
    screen_bg = (0, 0, 0)
    bad = []
    for text, style in spans(app):
        fg, bg = _rgb(style.color, screen_fg), _rgb(style.bgcolor, screen_bg)
        if style.reverse:
            fg, bg = bg, fg
        # Only the drawn glyphs count: a run of box or block characters is a bar, not text.
        if not any(ch.isalnum() or ch in "▲▼=≈✓•!★%" for ch in text):
            continue
        r = ratio(fg, bg)
        if style.dim or r < minimum:
            bad.append(f"{text.strip()!r}: {r:.1f}{' dim' if style.dim else ''} fg={fg} bg={bg}")
    return bad
