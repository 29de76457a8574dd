"""Screens made once and shown again: building a screen's widgets and styles on every visit cost
a first visit's 150-250 ms each time (a province's detail, movers, problems, help). Each is
installed under a name and, when asked for again, aimed at what is asked for now; a screen
already open is not pushed twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from de06tui.tui.app import De06App


def push_kept(app: De06App, name: str, make: Callable[[], Screen],
              aim: Callable[[Screen], None] | None = None) -> None:
    """Push the screen installed as ``name`` (``make`` makes it the first time), after ``aim``."""
    if not app.is_screen_installed(name):
        app.install_screen(make(), name)
        app.push_screen(name)
        return
    screen = app.get_screen(name)
    if screen in app.screen_stack:  # already open under another screen: one more, made anew
        app.push_screen(make())
        return
    if aim is not None:
        aim(screen)
    app.push_screen(screen)
