"""One department or commune: its six groups, its snapshots and its rank over them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from de06tui.core.text import clean
from de06tui.tui.screens.base import De06Screen
from de06tui.tui.views.units import UnitDetail, UnitQuery, UnitRow, score_text, unit_detail
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.line_table import LineTable, TableRow

NAME = "unit-detail"  # the one detail screen, installed once and shown again for each unit


def show_unit(app: App, units, row: UnitRow, query: UnitQuery, shown) -> None:
    """Show ``row``'s detail. The screen is built once and kept: building its widgets and their
    styles was most of the time Enter took; each unit after the first only fills it."""
    if app.is_screen_installed(NAME):
        screen = app.get_screen(NAME)
        assert isinstance(screen, UnitDetailScreen)
        screen.show(units, row, query, shown)
    else:
        app.install_screen(UnitDetailScreen(units, row, query, shown), NAME)
    app.push_screen(NAME)


class UnitDetailScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("units.tcss")  # read with the app's (De06App.CSS_PATH)
    WATCHES = ("lang",)

    class Ready(Message):
        def __init__(self, detail: UnitDetail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, units, row: UnitRow, query: UnitQuery, shown) -> None:
        super().__init__()
        self.units, self.row, self.scope, self.shown = units, row, query, shown
        self.detail: UnitDetail | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="unit-body"):
            yield Static(id="unit-name")
            yield LineTable(id="unit-groups", cursor=False)
            yield Static(id="unit-ranks")
            yield LineTable(id="unit-history")

    def on_mount(self) -> None:
        super().on_mount()
        self._compute(self.units, self.row.code, self.scope.province, self.scope.cohort, self.shown)

    def show(self, units, row: UnitRow, query: UnitQuery, shown) -> None:
        """Another unit: the last one's figures go at once (none is ever shown under this one's
        name), its own follow from the worker."""
        self.units, self.row, self.scope, self.shown, self.detail = units, row, query, shown, None
        self.query_one("#unit-name", Static).update(Text(row.name, style="bold"))
        for table in self.query(LineTable).results(LineTable):
            table.set_rows([], [])
        self.query_one("#unit-ranks", Static).update("")
        self.refresh_view()
        self._compute(units, row.code, query.province, query.cohort, shown)

    @work(thread=True, exclusive=True, group="unit-detail")
    def _compute(self, units, code: str, province: str | None, cohort: str, shown) -> None:
        self.post_message(self.Ready(unit_detail(units, code, province, cohort, shown)))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.detail.code != clean(self.row.code):
            return  # the unit before, answered after another was asked for
        self.detail = message.detail
        self.units = None  # kept no longer than needed: a national board's units are large
        self._paint()

    def refresh_view(self) -> None:
        from de06tui.tui.screens.units import snapshot_label

        self.view_title = f"{self.row.province_name} › {self.row.name}"
        self.view_period = snapshot_label(self.shown, self.de06.lang)
        if self.is_mounted and self.detail is not None:
            self._paint()

    def _paint(self) -> None:
        from de06tui.core.metrics import default_catalog
        from de06tui.tui.screens.units import snapshot_label

        d, lang, catalog = self.detail, self.de06.lang, default_catalog()
        if d is None:
            return
        head = Text(d.name, style="bold")
        head.append(f"  {d.code}  ·  {self.row.province_name}")
        if d.flag:
            head.append(f"\n⚠ {d.flag}", style="yellow")
        self.query_one("#unit-name", Static).update(head)
        groups = [TableRow([cells.Cell(catalog[m].title(lang) if m in catalog else m),
                            cells.Cell(score_text(value, lang), right=True)]) for m, value in d.groups]
        self.query_one("#unit-groups", LineTable).set_rows(
            [cells.Cell(self.t("u_col_group")), cells.Cell(self.t("u_col_score"), right=True)], groups)
        ranks = [r for _s, _v, r, _n in d.history if r is not None]
        line = Text(self.t("u_rank_over_time"), style="bold")
        if len(ranks) > 1:
            # Higher on the chart is better: the sparkline is drawn on the negated ranks.
            line.append("  " + cells.sparkline(tuple(-r for r in ranks)).plain + "  ")
            line.append("  →  ".join(str(r) for r in ranks))
        else:
            line.append("  " + self.t("u_one_snapshot"), style="dim")
        self.query_one("#unit-ranks", Static).update(line)
        history = [TableRow([cells.Cell(snapshot_label(shot, lang)), cells.Cell(score_text(value, lang), right=True),
                             cells.Cell("–" if rank is None else f"{rank} / {of}", right=True)])
                   for shot, value, rank, of in d.history]
        self.query_one("#unit-history", LineTable).set_rows(
            [cells.Cell(self.t("u_col_snapshot")), cells.Cell(self.t("u_col_score"), right=True),
             cells.Cell(self.t("col_rank"), right=True)], history, cursor=len(history) - 1)
