"""Every key of the screen underneath, read from its live bindings (so a keymap shows)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from de06tui.tui import actions
from de06tui.tui.app_of import app_of
from de06tui.tui.i18n import t
from de06tui.tui.widgets.cells import Cell
from de06tui.tui.widgets.line_table import LineTable, TableRow
from de06tui.tui.widgets.tint import tinted

if TYPE_CHECKING:
    from de06tui.tui.app import De06App


def key_table(app: De06App, screen: Screen, lang: str) -> list[tuple[str, str, str]]:
    """(keys, description, action id) for every binding active on ``screen``: the registry's in
    registry order, then the widgets' own (movement, Enter) under their Textual action names."""
    keys: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    names = app.board_names(lang)
    for active in screen.active_bindings.values():
        binding = active.binding
        bid = binding.id or f"~{binding.action}"  # Textual's own, apart from a registry id
        keys.setdefault(bid, []).append(app.get_key_display(binding))
        labels.setdefault(bid, actions.label(binding, lang, names) if binding.id else
                          (binding.description or binding.action))
    rows = []
    for a in actions.REGISTRY:
        if a.id in keys:
            rows.append((" ".join(dict.fromkeys(keys.pop(a.id))), labels[a.id] or t(a.label, lang), a.id))
    rows += [(" ".join(dict.fromkeys(k)), labels[bid], bid.lstrip("~")) for bid, k in keys.items()]
    return rows


class HelpScreen(ModalScreen):
    CSS_PATH = Path(__file__).with_name("help.tcss")  # read with the app's (De06App.CSS_PATH)
    BINDINGS: ClassVar = [("escape,question_mark,q", "dismiss", "")]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__(id="help")
        self.rows: list[tuple[str, str, str]] = []
        self.title_text = ""
        self.aim(under, title)

    def aim(self, under: Screen, title: str) -> None:
        """List the keys of ``under``; called while it is still the active screen (its bindings are
        judged as such), when the help is made and each time it is shown again."""
        app = app_of(under)
        self.rows = key_table(app, under, app.lang)
        self.title_text = title
        if self.is_mounted:
            self._fill()

    def render(self) -> RenderableType:
        return tinted(super().render())

    def compose(self) -> ComposeResult:
        # One scrollbar: only the table scrolls; the title and the closing line stay put.
        with Vertical(id="help-box"):
            yield Static(id="help-title")
            table = LineTable(id="help-keys", cursor=False)
            table.can_focus = True  # no cursor, but the arrows and page keys scroll it
            yield table
            yield Static(id="help-close")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        lang = app_of(self).lang
        self.query_one("#help-title", Static).update(
            Text(t("help_title", lang, screen=self.title_text), style="bold"))
        heads = [Cell(t(k, lang)) for k in ("key", "action", "col_action_id")]
        lines = [TableRow([Cell(keys), Cell(label), Cell(action_id, "dim")])
                 for keys, label, action_id in self.rows]
        table = self.query_one("#help-keys", LineTable)
        table.set_rows(heads, lines)
        table.scroll_to(y=0, animate=False)
        self.query_one("#help-close", Static).update(Text(t("close", lang), style="dim"))
