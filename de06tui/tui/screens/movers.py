"""The provinces that rose and fell most between the compare period and the period shown."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from de06tui.core import periods as P
from de06tui.tui import recorded
from de06tui.tui.figures import figure
from de06tui.tui.screens.base import ComputedScreen
from de06tui.tui.views.movers import MoversView, movers_view
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.cells import Cell
from de06tui.tui.widgets.line_table import LineTable, TableRow


class MoversScreen(ComputedScreen[MoversView]):
    TITLE_KEY = "movers"
    WATCHES = ("dataset", "period", "lang", "provinces", "compare", "since_yesterday", "as_of")
    metric: str  # always about one metric

    def __init__(self, metric: str) -> None:
        super().__init__()
        self.metric = metric
        self.view: MoversView | None = None

    def aim(self, metric: str) -> None:
        """Shown again, maybe for another metric: nothing of the last one stays on screen."""
        if metric != self.metric:
            self.metric, self.view, self._want = metric, None, None
            self.query_one("#movers-note", Static).update("")
            self.query_one("#movers", LineTable).set_rows([], [])
        self._dirty = True  # worked out for the state the app is in, as the screen comes back

    def compose_body(self) -> ComposeResult:
        yield Static(id="movers-note", classes="note")
        yield LineTable(id="movers")

    def view_key(self) -> tuple | None:
        app = self.de06
        if app.dataset is None:
            return None
        return (app.state.version, app.state.query(self.metric).ranked()) + recorded.key_part(app)

    def compute(self, key: tuple, ds, changed: frozenset) -> MoversView:
        q = key[1]
        if len(key) > 2 and key[2].since_yesterday:  # the day's movers, from the store
            from de06tui.tui.views.recorded import movers

            day = movers(ds, q, key[2])
            if day is not None:
                return day
        return movers_view(ds, q.metric, q.period, q.compare, q.registry)

    def _paint(self) -> None:
        view, app = self.view, self.de06
        if view is None:
            return
        lang = app.lang
        m = app.catalog[self.metric]
        note = self.query_one("#movers-note", Static)
        table = self.query_one("#movers", LineTable)
        table.set_rows([], [])
        recorded_note = recorded.movers_note(view, m.title(lang), lang)
        if view.start is None or view.end is None:
            note.update(Text(recorded_note or self.t("no_movers"), style="bold"))
            return
        given = app.periods_by_metric.get(self.metric) or []
        if not recorded_note and not (view.improved or view.declined) and view.start not in given:
            note.update(Text(self.t("no_movers_why", start=P.label(view.start, lang)), style="bold"))
            return
        self.view_period = recorded.period_text(view, P.label(view.end, lang), lang)
        note.update(Text(recorded.movers_note(view, m.title(lang), lang)
                         or self.t("movers_span", metric=m.title(lang), start=P.label(view.start, lang),
                                   end=P.label(view.end, lang)), style="bold"))
        unit = f" ({m.unit_label(lang)})"
        heads = [self.t("col_change"), self.t("col_province"), self.t("col_before"), self.t("col_now"),
                 self.t("col_value") + unit, self.t("col_value_change")]
        lines: list[TableRow] = []
        keys: list[str] = []

        def add(*row, key: str) -> None:
            lines.append(TableRow(row))
            keys.append(key)

        synthetic = app.status.synthetic
        for heading, rows in (("improved", view.improved), ("declined", view.declined)):
            # A heading row; its key starts with "_" so Enter on it opens nothing.
            # In the name column, so the narrow ±Rank column stays narrow.
            add(Cell(), Cell(self.t(heading), "bold underline"), *(Cell() for _ in heads[2:]),
                key=f"_{heading}")
            if not rows:
                add(Cell(), Cell("– " + self.t("none_moved")), *(Cell() for _ in heads[2:]),
                    key=f"_{heading}_none")
            for r in rows:
                delta = None if r.value_change is None else figure(m, abs(r.value_change), lang)
                add(cells.change(r.rank_change), Cell(r.name),
                    # Fixed widths: the ranks and values line up down the column.
                    Cell(f"#{r.prev_rank:<3} {figure(m, r.prev_value, lang):>7}"), Cell(f"#{r.rank:<3}"),
                    cells.value(figure(m, r.value, lang), r.approx, r.real, synthetic),
                    cells.value_change(delta, r.value_change), key=r.code)
        # The cursor on the first mover, not the heading.
        table.set_rows([Cell(h) for h in heads], lines, cursor=1 if view.improved or view.declined else 0,
                       row_keys=keys)

    @on(LineTable.RowSelected, "#movers")
    def _open(self, event: LineTable.RowSelected) -> None:
        code = event.table.row_keys[event.row]
        if code and not code.startswith("_") and self.view is not None:
            self.de06.open_detail(code, self.view.era, self.metric)
