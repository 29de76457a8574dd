"""The one place that knows how Textual counts its stylesheet updates.

Textual numbers each change of the app's CSS (a theme, say) and stamps every screen it restyles
with that number. A mode's screen whose stamp differs from the app's is restyled when it is
switched to: the whole stylesheet parsed again and applied to every widget of the app. A screen
made just now has no stamp, so each first visit of a board paid for that twice (about 25 ms
each on the 2-core machine), although a new screen's widgets are styled as they mount with the
stylesheet as it is. ``tests/tui/test_textual_styles.py`` fails if Textual renames the counter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

COUNTER = "_css_update_count"  # on the app, and on each screen


def styled_as_made(make: Callable[[], Screen], app: App) -> Callable[[], Screen]:
    """``make``, whose screens are stamped as styled with the app's CSS of the moment they are
    made (they are, once mounted)."""

    def made() -> Screen:
        screen = make()
        if hasattr(app, COUNTER) and hasattr(screen, COUNTER):
            setattr(screen, COUNTER, getattr(app, COUNTER))
        return screen

    return made
