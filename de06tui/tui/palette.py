"""The command palette in the app's language, Textual's own strings included.

Textual offers public ways to set the palette's placeholder (``CommandPalette(placeholder=…)``)
and to name the system commands (``App.get_system_commands``). Its "No matches found" line has
none: it is written in a private method, which is overridden here and only here, so that a
change in Textual breaks one module (and its test, tests/tui/test_lang.py), not the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from de06tui.tui.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen

    from de06tui.tui.app import De06App

# The private members of Textual's CommandPalette this module relies on (checked by its test).
PRIVATE = ("_start_no_matches_countdown", "_stop_no_matches_countdown", "_NO_MATCHES",
           "_NO_MATCHES_COUNTDOWN", "_no_matches_timer", "_list_visible")


class LocalPalette(CommandPalette):
    """Textual's palette, its placeholder and its "no matches" line in ``lang``."""

    def __init__(self, lang: str, providers=None, placeholder_key: str = "palette_search") -> None:
        super().__init__(providers, placeholder=t(placeholder_key, lang), id="--command-palette")
        self.lang = lang

    def render(self) -> RenderableType:
        from de06tui.tui.widgets.tint import tinted

        return tinted(super().render())  # the board behind, tinted once per style

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with the text in the app's language.
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("palette_no_matches", self.lang), style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


def open_palette(app: De06App) -> None:
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(LocalPalette(app.lang))


def open_themes(app: De06App) -> None:
    app.push_screen(LocalPalette(app.lang, [ThemeProvider], "palette_themes"))


def system_commands(app: De06App, screen: Screen) -> Iterable[SystemCommand]:
    """Textual's system commands, named in the app's language."""
    lang = app.lang
    yield SystemCommand(t("sys_theme", lang), t("sys_theme_help", lang), lambda: open_themes(app))
    yield SystemCommand(t("sys_quit", lang), t("sys_quit_help", lang), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(t("sys_keys", lang), t("sys_keys_hide", lang), app.action_hide_help_panel)
    else:
        yield SystemCommand(t("sys_keys", lang), t("sys_keys_show", lang), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(t("sys_minimize", lang), t("sys_minimize_help", lang), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("sys_maximize", lang), t("sys_maximize_help", lang), screen.action_maximize)
    yield SystemCommand(t("sys_screenshot", lang), t("sys_screenshot_help", lang),
                        lambda: app.set_timer(0.1, app.deliver_screenshot))
