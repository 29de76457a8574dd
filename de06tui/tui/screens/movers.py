"""The provinces that rose and fell most between the compare period and the period shown."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static

from de06tui.core import periods as P
from de06tui.tui.model import MoversView, movers_view
from de06tui.tui.screens.base import De06Screen
from de06tui.tui.widgets import cells


class MoversScreen(De06Screen):
    TITLE_KEY = "movers"
    WATCHES = ("dataset", "period", "lang", "provinces", "compare")

    class Ready(Message):
        def __init__(self, key: tuple, view: MoversView) -> None:
            super().__init__()
            self.key = key
            self.view = view

    def __init__(self, metric: str) -> None:
        super().__init__()
        self.metric = metric
        self.view: MoversView | None = None
        self._want: tuple | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="movers-note", classes="note")
        yield DataTable(id="movers", cursor_type="row", zebra_stripes=True)

    def refresh_view(self) -> None:
        super().refresh_view()
        app = self.de06
        ds = app.dataset
        if ds is None:
            return
        key = (id(ds), self.metric, app.period, app.provinces, app.compare)
        if key != self._want:
            self._want = key
            self._compute(key, ds, app.period, app.compare, app.provinces)
        else:
            self._paint()

    @work(thread=True, exclusive=True, group="movers")
    def _compute(self, key: tuple, ds, period, compare, provinces) -> None:
        self.post_message(self.Ready(key, movers_view(ds, self.metric, period, compare, provinces)))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        if message.key == self._want:
            self.view = message.view
            self._paint()

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
