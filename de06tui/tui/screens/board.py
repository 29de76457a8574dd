"""One leaderboard, the same screen for every metric."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from de06tui.core import periods as P
from de06tui.core.query import BoardQuery
from de06tui.core.text import fold
from de06tui.tui import actions, background, recorded
from de06tui.tui.columns import hidden_at
from de06tui.tui.figures import figure
from de06tui.tui.screens.base import ComputedScreen
from de06tui.tui.views.board import BoardRow, BoardView, view_for
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.home_pin import HomePin, band_cell, home_name
from de06tui.tui.widgets.line_table import LineTable, TableRow
from de06tui.tui.widgets.notes import show_note

# Sortable columns and the direction each reads best in before `s` flips it.
SORTS: dict[str, bool] = {"rank": False, "name": False, "value": True, "change": True, "region": False}
SORT_LABEL = {"rank": "col_rank", "name": "col_province", "value": "col_value", "change": "col_change",
              "region": "col_region"}
WIDE = 110  # from this width the table also shows the region
FILTER_BOX_AFTER = 0.5  # seconds after the board's first view is shown, the filter box is made
AHEAD_AFTER = 0.1  # seconds without a new view before the views one key away are worked out


def filter_rows(rows: tuple[BoardRow, ...], query: str, region: str, resolved: str | None) -> list[BoardRow]:
    """Rows whose folded name contains the folded query (or that the registry resolves it to)."""
    q = fold(query)
    out = []
    for r in rows:
        if region and r.region != region:
            continue
        if q and q not in r.folded and r.code != resolved:
            continue
        out.append(r)
    return out


def sort_rows(rows: list[BoardRow], column: str, reverse: bool) -> list[BoardRow]:
    """Sorted on one column; rows without a value go last whichever the direction."""
    key = {"rank": lambda r: r.rank, "name": lambda r: r.folded, "value": lambda r: r.value,
           "change": lambda r: r.rank_change, "region": lambda r: fold(r.region or "")}[column]
    descending = SORTS[column] != reverse
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    # Rank breaks ties so equal keys keep the leaderboard's order.
    present.sort(key=lambda r: r.rank)
    present.sort(key=key, reverse=descending)
    return present + missing


class BoardTable(LineTable):
    """The leaderboard's table: it has the focus, so the board's keys (Enter, j/k …) are its own.
    It paints only the lines on screen, each built once per fill."""

    BINDINGS = actions.bindings(actions.BOARD)

    def on_click(self, event: events.Click) -> None:
        # A click selects the row it lands on; a double click opens it, a second slow click
        # does not (the line table's own handler, which opens on any click on the cursor row,
        # is not run).
        if event.y == 0:
            return  # the header: the line table's handler posts HeaderSelected
        event.prevent_default()
        row = self.clicked_row(event)
        if row is None:
            return
        self.move_cursor(row)
        if event.chain >= 2 and isinstance(self.screen, BoardScreen):
            self.screen.action_open_detail()


class BoardScreen(ComputedScreen[BoardView]):
    SCOPE = actions.BOARD
    WATCHES = ("dataset", "period", "lang", "filter_text", "region", "sort_column", "sort_reverse",
               "provinces", "compare", "load_error", "since_yesterday", "as_of", "hidden_columns")
    metric: str  # always about one metric

    def __init__(self, metric: str) -> None:
        super().__init__(id=f"board-{metric}")
        self.metric = metric
        self.view: BoardView | None = None
        self._shown: list[BoardRow] = []
        self._wide: tuple[bool, frozenset[str]] | None = None  # the layout last painted
        self._box_timer = False
        self._box: Input | None = None
        self._ahead_timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="board-note", classes="note")
        yield BoardTable(id="board")
        yield HomePin()  # My province: the home row, when the table does not show it
        # The filter box is made, hidden, once the first view is shown (or on a `/` before):
        # a start does not wait for it, and the first `/` only shows it.

    # -- data --------------------------------------------------------------------------
    def refresh_view(self) -> None:
        app = self.de06
        m = app.catalog[self.metric]
        self.view_title = m.short(app.lang)
        for box in self.query("#filter").results(Input):
            box.placeholder = self.t("filter_placeholder")
        ds = app.dataset
        if ds is None:
            early = getattr(app, "snapshot_view", None)
            if early is not None and early.metric == self.metric and self.view is None:
                self.view = early  # last start's board, until the data is loaded
                self._paint()
            elif self.view is None:
                self.query_one("#board-note", Static).update(self.waiting_text())
            return
        super().refresh_view()

    def board_query(self) -> BoardQuery:
        """The ranking this screen shows (filter and sort only narrow and order its rows)."""
        return self.de06.state.query(self.metric).ranked()

    def view_key(self) -> tuple | None:
        return (self.de06.state.version, self.board_query()) + recorded.key_part(self.de06)

    def compute(self, key: tuple, ds, changed: frozenset) -> BoardView:
        if len(key) > 2:  # a recorded source: its as-of, and since yesterday, from the store
            from de06tui.tui.views.recorded import board

            return board(ds, key[1], key[2], changed)
        return view_for(ds, key[1], changed)

    def adopt(self, key: tuple) -> BoardView | None:
        prepared = self.de06.prepared  # computed with the data, in the load worker
        return prepared[1] if prepared is not None and prepared[0] == key else None

    def shown(self, view: BoardView) -> None:
        if not self._box_timer:
            self._box_timer = True
            self.set_timer(FILTER_BOX_AFTER, self._filter_box)
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(AHEAD_AFTER, self._look_ahead)
        # Remembered for the next start, which paints it before the data is loaded.
        ds, app = self.de06.dataset, self.de06
        if ds is not None:
            label, synthetic = ds.provenance.label, ds.provenance.synthetic
            self.run_worker(lambda: app.save_snapshot(view, label, synthetic), thread=True,
                            group=background.group("snapshot"))

    # -- the views one key away (`[`, `]`, `f`), worked out while the keys pause --------
    class AheadReady(Message):
        def __init__(self, views: list[tuple[tuple, BoardView]]) -> None:
            super().__init__()
            self.views = views

    def neighbour_keys(self) -> list[tuple]:
        key, app = self.view_key(), self.de06
        if key is None or app.dataset is None:
            return []
        from de06tui.tui.app_actions import stepped_period

        query = key[1]
        queries = [replace(query, period=p) for p in (stepped_period(app, -1), stepped_period(app, 1)) if p]
        compare, since = recorded.next_compare(app.state.compare, app.state.since_yesterday,
                                               recorded.recorded_source(app) is not None)
        # "Since yesterday" is read from the history as the key is pressed, not ahead.
        if not since and not app.state.since_yesterday:
            queries.append(replace(query, compare=compare))
        return [k for k in ((key[0], q) + key[2:] for q in queries) if self.kept_view(k) is None]

    def _look_ahead(self) -> None:
        keys, state = self.neighbour_keys(), self.de06.state
        if keys and self.is_current:
            self.run_worker(partial(self._ahead, keys, state.dataset, state.changed), thread=True,
                            exclusive=True, group=background.group("board-ahead"))

    def _ahead(self, keys: list[tuple], ds, changed: frozenset) -> None:
        # Given what it needs: the worker reads nothing off the app.
        self.post_message(self.AheadReady([(k, self.compute(k, ds, changed)) for k in keys]))

    @on(AheadReady)
    def _ahead_ready(self, message: AheadReady) -> None:
        for key, view in message.views:
            if key[0] == self.de06.state.version:  # not for data since replaced
                self.keep_view(key, view)

    def on_resize(self) -> None:
        if self.view is not None and self._wide != (self.size.width >= WIDE, hidden_at(self.size.width, ())):
            self._paint()

    # -- painting ----------------------------------------------------------------------
    def _resolved(self, query: str) -> str | None:
        ds = self.de06.dataset
        if ds is None or len(query.strip()) < 2 or self.view is None:
            return None
        try:
            return ds.registry.resolve(query, self.view.era)
        except ValueError:
            return None

    def _paint(self) -> None:
        app, view = self.de06, self.view
        if view is None:
            return
        lang = app.lang
        m = app.catalog[self.metric]
        self.view_period = recorded.period_text(view, P.label(view.period, lang), lang) if view.period \
            else self.t("no_data")
        table = self.query_one("#board", BoardTable)
        keep = self.current_code()
        rows = filter_rows(view.rows, app.filter_text, app.region, self._resolved(app.filter_text))
        rows = sort_rows(rows, app.sort_column, app.sort_reverse)
        self._shown = rows
        self._wide = (self.size.width >= WIDE, hidden_at(self.size.width, ()))
        hidden = hidden_at(self.size.width, app.state.hidden_columns)
        descending = SORTS[app.sort_column] != app.sort_reverse
        arrow = "▼" if descending else "▲"

        def head(col: str, key: str, extra: str = "") -> cells.Cell:
            label = self.t(key) + extra
            return cells.Cell(f"{label} {arrow}" if col == app.sort_column else label)

        has_counts = m.counts and any(r.denominator is not None for r in rows)
        heads = {"rank": head("rank", "col_rank"), "mark": cells.Cell(self.t("col_mark")),
                 "name": head("name", "col_province"),
                 "value": head("value", "col_value", f" ({m.unit_label(lang)})"),
                 "band": cells.Cell(self.t("col_band")), "bar": cells.Cell(self.t("col_bar")),
                 "change": head("change", "col_change"),
                 "trend": cells.Cell(self.t("col_trend")), "counts": cells.Cell(self.t("col_counts")),
                 "region": head("region", "col_region")}
        if not has_counts:
            hidden |= {"counts"}
        if not self._wide[0]:
            hidden |= {"region"}
        keys = [k for k in heads if k not in hidden]
        synthetic = app.status.synthetic  # known from the snapshot before the data loads
        home = app.home.code(app.dataset, view.era, app.state.version)
        lines = []
        for r in rows:
            style = cells.BAND_STYLE[r.band]
            mark = {"top": "★ " + self.t("mark_top"), "bottom": "! " + self.t("mark_bottom")}.get(r.band, "")
            row = {"rank": cells.Cell(str(r.rank), style, right=True), "mark": cells.Cell(mark, style),
                   "name": home_name(r, home, style),
                   "value": cells.value(figure(m, r.value, lang), r.approx, r.real, synthetic, r.changed),
                   "band": band_cell(r.value, m),
                   "bar": cells.bar(r.value, m.low, m.high), "change": recorded.change_cell(r, m.fmt),
                   "trend": cells.sparkline(r.trend), "counts": cells.counts(r.numerator, r.denominator, lang),
                   "region": cells.Cell(r.region or "")}
            lines.append([row[k] for k in keys])
        shown = [heads[k] for k in keys]
        made = [TableRow(line) for line in lines]  # each cell measured once
        sizes = [max(column) for column in zip(TableRow(shown).widths, *(r.widths for r in made))]
        if keys[-1] == "region":  # only a name is shortened to fit, never a figure
            cells.fit_last(lines, sizes, self.size.width, cell_len(shown[-1].plain))
        codes = [r.code for r in rows]
        cursor = codes.index(keep) if keep in codes else 0
        table.set_rows(shown, made, cursor=cursor, widths=sizes, column_keys=keys, row_keys=codes)
        at = next((i for i, r in enumerate(rows) if r.code == home), None)
        self.query_one(HomePin).show(next((r for r in view.rows if r.code == home), None), at, m,
                                     m.unit_label(lang), self.t, table, lambda v: figure(m, v, lang))
        self._paint_note(view, len(rows), arrow)

    def _paint_note(self, view: BoardView, shown: int, arrow: str) -> None:
        app = self.de06
        parts = [self.t("shown_of", shown=shown, total=len(view.rows)),
                 self.t("sort_by", col=self.t(SORT_LABEL[app.sort_column]), arrow=arrow)]
        if shown == 0 and (app.filter_text or app.region):
            parts.insert(0, self.t("no_match_region" if app.region and not app.filter_text else "no_match",
                                   text=app.filter_text or app.region))
        elif view.against and view.rows and all(r.rank_change is None for r in view.rows):
            parts.append(self.t("no_compare_data", period=P.label(view.against, app.lang)))
        if view.period and app.period and view.period != app.period:
            parts.insert(0, self.t("no_period_data", period=P.label(app.period, app.lang),
                                   shown=P.label(view.period, app.lang)))
        parts += recorded.note_lines(view, app.lang)
        legend = self.t("legend", vs=recorded.vs_label(view, app.lang) or app.compare_label(view.against))
        if app.status.synthetic:
            legend += " · " + self.t("legend_sample")
        note = Text(app.catalog[self.metric].title(app.lang), style="bold")
        note.append("  ·  " + "  ·  ".join(parts))
        note.append("\n" + legend, style="dim")
        show_note(self.query_one("#board-note", Static), note)

    # -- actions -----------------------------------------------------------------------
    def current_code(self) -> str | None:
        table = self.query_one("#board", BoardTable)
        if not table.row_keys:
            return None
        return table.row_keys[table.cursor_row]

    def current_row(self) -> BoardRow | None:
        code = self.current_code()
        return next((r for r in self._shown if r.code == code), None)

    def action_move(self, where: str) -> None:
        table = self.query_one("#board", BoardTable)
        {"down": table.action_cursor_down, "up": table.action_cursor_up,
         "page_down": table.action_page_down, "page_up": table.action_page_up,
         "first": table.action_scroll_top, "last": table.action_scroll_bottom}[where]()

    def action_open_detail(self) -> None:
        row = self.current_row()
        if row is not None and self.view is not None:
            self.de06.open_detail(row.code, self.view.era, self.metric)

    @on(LineTable.HeaderSelected, "#board")
    def _header_clicked(self, event: LineTable.HeaderSelected) -> None:
        """A click on a sortable column's header sorts by it; on the sorted one, reverses it."""
        column, app = event.key, self.de06
        if column == app.sort_column:
            app.update(sort_reverse=not app.sort_reverse)
        elif column in SORTS:
            app.update(sort_column=column, sort_reverse=False)

    def action_reverse(self) -> None:
        self.de06.update(sort_reverse=not self.de06.sort_reverse)

    def action_sort_next(self) -> None:
        cols = list(SORTS)
        app = self.de06
        app.update(sort_column=cols[(cols.index(app.sort_column) + 1) % len(cols)], sort_reverse=False)

    def action_copy_row(self) -> None:
        row, m = self.current_row(), self.de06.catalog[self.metric]
        if row is None or self.view is None:
            self.de06.say(self.t("nothing_to_copy"))
            return
        from de06tui.core.export import tsv_row

        # Cells a spreadsheet reads as numbers: no units, no ≈, no thousands marks.
        self.de06.copy(tsv_row({"rank": row.rank, "province": row.code, "name": row.name, "value": row.value,
                                "numerator": row.numerator, "denominator": row.denominator},
                               m, self.de06.lang))

    # -- the filter --------------------------------------------------------------------
    async def _filter_box(self) -> Input:
        if self._box is None:  # made once, whether by the timer or by a `/` before it
            self._box = Input(id="filter", placeholder=self.t("filter_placeholder"))
            self._box.display = False
            await self.mount(self._box, after=self.query_one("#board", BoardTable))
        return self._box

    async def action_filter(self) -> None:
        box = await self._filter_box()
        box.value = self.de06.filter_text
        box.display = True
        # At once, not after the keys already queued: "/gia" typed fast all goes into the box.
        self.set_focus(box)

    @on(Input.Changed, "#filter")
    def _typed(self, event: Input.Changed) -> None:
        self.de06.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def _done(self) -> None:
        self.close_filter(clear=False)

    def close_filter(self, clear: bool) -> None:
        if clear:
            self.de06.filter_text = ""
        for box in self.query("#filter").results(Input):
            box.display = False
        self.set_focus(self.query_one("#board", BoardTable))

    def back(self) -> bool:
        """Esc while typing a filter clears and closes it instead of leaving the screen."""
        box = next(self.query("#filter").results(Input), None)
        if box is not None and box.has_focus:
            self.close_filter(clear=True)
            return True
        return False
