"""The provinces that rose and fell most between the compare period and the period shown."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from de06tui.core import periods as P
from de06tui.tui.model import MoversView, movers_view
from de06tui.tui.screens.base import ComputedScreen
from de06tui.tui.widgets import cells


class MoversScreen(ComputedScreen):
    TITLE_KEY = "movers"
    WATCHES = ("dataset", "period", "lang", "provinces", "compare")

    def __init__(self, metric: str) -> None:
        super().__init__()
        self.metric = metric
        self.view: MoversView | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="movers-note", classes="note")
        yield DataTable(id="movers", cursor_type="row", zebra_stripes=True)

    def view_key(self) -> tuple | None:
        app = self.de06
        if app.dataset is None:
            return None
        return (id(app.dataset), self.metric, app.period, app.provinces, app.compare)

    def compute(self, key: tuple, ds) -> MoversView:
        _, metric, period, provinces, compare = key
        return movers_view(ds, metric, period, compare, provinces)

    def _paint(self) -> None:
        view, app = self.view, self.de06
        if view is None:
            return
        lang = app.lang
        m = app.catalog[self.metric]
        note = self.query_one("#movers-note", Static)
        table = self.query_one("#movers", DataTable)
        table.clear(columns=True)
        if view.start is None or view.end is None:
            note.update(Text(self.t("no_movers"), style="bold"))
            return
        self.view_period = P.label(view.end, lang)
        note.update(Text(self.t("movers_span", metric=m.title(lang), start=P.label(view.start, lang),
                                end=P.label(view.end, lang)), style="bold"))
        table.add_columns(*(Text(self.t(k), style="bold") for k in
                            ("col_change", "col_province", "col_before", "col_now", "col_value")))
        for heading, rows in (("improved", view.improved), ("declined", view.declined)):
            table.add_row(Text(self.t(heading), style="bold underline"), Text(""), Text(""), Text(""),
                          Text(""), key=f"_{heading}")
            for r in rows:
                before = r.trend[0] if r.trend else None
                prev_rank = r.rank + r.rank_change if r.rank_change is not None else None
                table.add_row(cells.change(r.rank_change), Text(r.name),
                              Text(f"#{prev_rank}  {m.fmt(before)}"), Text(f"#{r.rank}"),
                              cells.value(m.fmt(r.value), r.approx, r.real, False), key=r.code)

    @on(DataTable.RowSelected, "#movers")
    def _open(self, event: DataTable.RowSelected) -> None:
        code = event.row_key.value
        if code and not code.startswith("_") and self.view is not None:
            self.de06.open_detail(code, self.view.era, self.metric)
