"""A note line shown in a ``Static``, updated without a new layout where its height stays."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def _height(text: Text, width: int) -> int:
    return sum(max(1, -(-cell_len(line) // width)) for line in text.plain.split("\n"))


def show_note(static: Static, text: Text) -> None:
    """Show ``text``: nothing to do when it is already shown, and only a repaint (no layout of the
    whole screen, which redraws every widget) when it takes as many lines as what it replaces."""
    old = static.content
    if isinstance(old, Text) and old == text:
        return
    width = static.content_region.width
    same = isinstance(old, Text) and width > 0 and _height(old, width) == _height(text, width)
    static.update(text, layout=not same)
