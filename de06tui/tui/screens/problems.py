"""The loaded data's validation errors and warnings, each with its place."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from de06tui.core.text import clean
from de06tui.tui.screens.base import De06Screen


class ProblemsScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("problems.tcss")  # read when the screen is first shown
    TITLE_KEY = "problems"

    def compose_body(self) -> ComposeResult:
        yield Static(id="problems-note", classes="note")
        yield DataTable(id="problems", cursor_type="row", zebra_stripes=True)

    def refresh_view(self) -> None:
        super().refresh_view()
        app = self.de06
        problems = list(app.problems)
        note = self.query_one("#problems-note", Static)
        note.update(Text(self.t("problems_count", n=len(problems)) if problems else self.t("no_problems"),
                         style="bold"))
        table = self.query_one("#problems", DataTable)
        table.clear(columns=True)
        table.add_columns(*(Text(self.t(k), style="bold") for k in ("col_severity", "col_reason", "col_where")))
        # Errors first: they are why a file was rejected.
        for p in sorted(problems, key=lambda p: not p.is_error):
            reason = clean(p.reason)
            if p.value is not None:
                reason += f" ('{clean(p.value)[:80]}')"
            table.add_row(Text(p.severity.upper(), style="bold red" if p.is_error else "bold yellow"),
                          Text(reason), Text(p.location()))
