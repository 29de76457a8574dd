"""The column chooser: which leaderboard columns show, remembered in the config file."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from de06tui.tui import background
from de06tui.tui.app_of import app_of
from de06tui.tui.columns import CHOOSABLE, known, save_job
from de06tui.tui.i18n import t
from de06tui.tui.widgets.tint import tinted


class ColumnChooser(ModalScreen):
    BINDINGS: ClassVar = [Binding("escape,C", "app.pop_screen", "Close", show=False)]
    DEFAULT_CSS = """
    ColumnChooser { align: center middle; }
    #columns-box { width: 44; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    #columns-list { height: auto; border: none; }
    """

    def render(self) -> RenderableType:
        return tinted(super().render())

    def compose(self) -> ComposeResult:
        app = app_of(self)
        lang, hidden = app.lang, set(app.state.hidden_columns)
        with Vertical(id="columns-box"):
            yield Static(t("columns_title", lang), id="columns-title")
            yield SelectionList[str](*((t(label, lang), col, col not in hidden) for col, label in CHOOSABLE.items()),
                                     id="columns-list")
            yield Static(t("columns_hint", lang), id="columns-hint")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        shown = set(event.selection_list.selected)
        hidden = known([c for c in CHOOSABLE if c not in shown])
        app = app_of(self)
        if hidden != app.state.hidden_columns:
            app.update(hidden_columns=hidden)
            app.run_worker(save_job(app, hidden), thread=True, exclusive=True, group=background.group("columns"))
