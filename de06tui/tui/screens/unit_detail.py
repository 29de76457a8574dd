"""One department or commune: its six groups, its snapshots and its rank over them.

The detail is a pane of the units board, composed and styled with the board and shown in its
place on Enter, so that the key only fills and shows it: a screen of its own would be built,
styled and laid out on the first Enter, and restyled whole on every later one.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from de06tui.core.text import clean
from de06tui.tui.app_of import app_of
from de06tui.tui.i18n import t
from de06tui.tui.views.units import UnitDetail, UnitQuery, UnitRow, score_text, unit_detail
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.line_table import LineTable, TableRow

WORKER_GROUP = "unit-detail"


def in_board_place(screen: Screen, shown: bool) -> None:
    """A unit's detail in the board's place, or the board back as it was (its cursor kept).
    While the detail shows, its keys are the app's (as on any screen about no board), so the
    palette offers the app's actions, not the board's."""
    from de06tui.tui import actions

    pane = screen.query_one(UnitDetailPane)
    screen.query_one("#units-board").display, pane.display = not shown, shown
    if shown:
        screen.SCOPE = actions.APP  # type: ignore[attr-defined]
        pane.focus()
    else:
        screen.__dict__.pop("SCOPE", None)  # the board's own, from its class, again
        screen.query_one("#units-table").focus()


class UnitDetailPane(VerticalScroll):
    """A unit's detail, filled for each unit it is opened on; hidden while the board shows."""

    class Ready(Message):
        def __init__(self, detail: UnitDetail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.units = None
        self.row: UnitRow | None = None
        self.scope: UnitQuery | None = None
        self.shown: tuple[str, str | None] | None = None
        self.detail: UnitDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="unit-name")
        yield LineTable(id="unit-groups", cursor=False)
        yield Static(id="unit-ranks")
        yield LineTable(id="unit-history")

    def t(self, key: str, **values: object) -> str:
        return t(key, app_of(self).lang, **values)

    def heading(self) -> tuple[str, str]:
        """The header's title and period while the pane shows: the unit's place and name."""
        from de06tui.tui.screens.units import snapshot_label

        if self.row is None:
            return "", ""
        return f"{self.row.province_name} › {self.row.name}", snapshot_label(self.shown, app_of(self).lang)

    def show(self, units, row: UnitRow, query: UnitQuery, shown) -> None:
        """Another unit: the last one's figures go at once (none is ever shown under this one's
        name), its own follow from the worker."""
        self.units, self.row, self.scope, self.shown, self.detail = units, row, query, shown, None
        self.query_one("#unit-name", Static).update(Text(row.name, style="bold"))
        for table in self.query(LineTable).results(LineTable):
            table.set_rows([], [])
        self.query_one("#unit-ranks", Static).update("")
        self.scroll_home(animate=False)
        self._compute(units, row.code, query.province, query.cohort, shown)

    @work(thread=True, exclusive=True, group=WORKER_GROUP)
    def _compute(self, units, code: str, province: str | None, cohort: str, shown) -> None:
        self.post_message(self.Ready(unit_detail(units, code, province, cohort, shown)))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        message.stop()
        if self.row is None or message.detail.code != clean(self.row.code):
            return  # the unit before, answered after another was asked for
        self.detail = message.detail
        self.units = None  # kept no longer than needed: a national board's units are large
        self.paint()

    def paint(self) -> None:
        """The figures worked out, in the app's language (again after the language changes)."""
        if self.detail is None or self.row is None:
            return
        self._paint_name(self.detail)
        self._paint_groups(self.detail)
        self._paint_history(self.detail)

    def _paint_name(self, d: UnitDetail) -> None:
        head = Text(d.name, style="bold")
        head.append(f"  {d.code}  ·  {self.row.province_name if self.row else ''}")
        if d.flag:
            head.append(f"\n⚠ {d.flag}", style="yellow")
        self.query_one("#unit-name", Static).update(head)

    def _paint_groups(self, d: UnitDetail) -> None:
        from de06tui.core.metrics import default_catalog

        lang, catalog = app_of(self).lang, default_catalog()
        groups = [TableRow([cells.Cell(catalog[m].title(lang) if m in catalog else m),
                            cells.Cell(score_text(value, lang), right=True)]) for m, value in d.groups]
        self.query_one("#unit-groups", LineTable).set_rows(
            [cells.Cell(self.t("u_col_group")), cells.Cell(self.t("u_col_score"), right=True)], groups)

    def _paint_history(self, d: UnitDetail) -> None:
        from de06tui.tui.screens.units import snapshot_label

        lang = app_of(self).lang
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
