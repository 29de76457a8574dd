"""Every key of the screen underneath, read from its live bindings (so a keymap shows)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from de06tui.tui import actions
from de06tui.tui.i18n import t


def key_table(app, screen: Screen, lang: str) -> list[tuple[str, str]]:
    """(keys, description) for each registry action bound on ``screen``, in registry order."""
    keys: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    names = app.board_names(lang)
    for active in screen.active_bindings.values():
        bid = active.binding.id
        if bid is not None:
            keys.setdefault(bid, []).append(app.get_key_display(active.binding))
            labels[bid] = actions.label(active.binding, lang, names)
    rows = []
    for a in actions.REGISTRY:
        if a.id in keys:
            rows.append((" ".join(dict.fromkeys(keys[a.id])), labels[a.id] or t(a.label, lang)))
    return rows


class HelpScreen(ModalScreen):
    CSS_PATH = Path(__file__).with_name("help.tcss")  # read when the screen is first shown
    BINDINGS: ClassVar = [("escape,question_mark,q", "dismiss", "")]

    def __init__(self, under: Screen, title: str) -> None:
        super().__init__(id="help")
        # Read now, while ``under`` is still the active screen (its bindings are judged as such).
        self.rows = key_table(under.app, under, under.app.lang)  # type: ignore[attr-defined]
        self.title_text = title

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with VerticalScroll(id="help-box"):
            yield Static(Text(t("help_title", lang, screen=self.title_text), style="bold"), id="help-title")
            table = DataTable(id="help-keys", cursor_type="none", zebra_stripes=True, show_cursor=False)
            table.add_columns(Text(t("key", lang), style="bold"), Text(t("action", lang), style="bold"))
            for keys, label in self.rows:
                table.add_row(Text(keys), Text(label))
            yield table
            yield Static(Text(t("close", lang), style="dim"), id="help-close")
