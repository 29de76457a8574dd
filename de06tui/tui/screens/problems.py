"""The loaded data's validation errors and warnings, each led by its place."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from de06tui.core.text import clean
from de06tui.tui.i18n import t, tn
from de06tui.tui.screens.base import De06Screen

WHERE_WIDTH = 30  # the place: file, sheet, row and column, wrapped within it


def where(p, lang: str) -> Text:
    """File, sheet, row and column of a problem, one per line, labelled in ``lang``."""
    lines = p.location_parts(t("col_sheet", lang), t("col_row", lang), t("col_column", lang))
    return Text("\n".join(lines) or "–", overflow="fold")


class ProblemsScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("problems.tcss")  # read with the app's (De06App.CSS_PATH)
    TITLE_KEY = "problems"

    def compose_body(self) -> ComposeResult:
        yield Static(id="problems-note", classes="note")
        yield DataTable(id="problems", cursor_type="row", zebra_stripes=True)

    def refresh_view(self) -> None:
        super().refresh_view()
        app = self.de06
        lang = app.lang
        problems = list(app.problems)
        note = self.query_one("#problems-note", Static)
        note.update(Text(tn("problems_count", lang, len(problems)) if problems else self.t("no_problems"),
                         style="bold"))
        table = self.query_one("#problems", DataTable)
        table.clear(columns=True)
        severity_width = max(len(t("severity_error", lang)), len(t("severity_warning", lang)))
        # Where first, then the reason in what is left of the width, wrapped onto more lines.
        reason_width = max(self.size.width - severity_width - WHERE_WIDTH - 8, 20)
        table.add_column(Text(self.t("col_severity"), style="bold"), width=severity_width)
        table.add_column(Text(self.t("col_where"), style="bold"), width=WHERE_WIDTH)
        table.add_column(Text(self.t("col_reason"), style="bold"), width=reason_width)
        # Errors first: they are why a file was rejected.
        for p in sorted(problems, key=lambda p: not p.is_error):
            reason = clean(p.reason)
            if p.value is not None:
                reason += f" ({t('problem_value', lang, value=clean(p.value)[:80])})"
            severity = t("severity_error" if p.is_error else "severity_warning", lang)
            table.add_row(Text(severity, style="bold red" if p.is_error else "bold yellow"),
                          where(p, lang), Text(reason, overflow="fold"), height=None)

    def on_resize(self) -> None:
        self.refresh_view()  # the reason's column takes the width the screen has
