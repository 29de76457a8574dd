"""A province's departments and communes (or every province's communes): one board, two tabs."""

from __future__ import annotations

import weakref
from dataclasses import replace
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Static, Tab, Tabs

from de06tui.core.portal import COMMUNE, DEPARTMENT
from de06tui.tui import actions
from de06tui.tui.screens.base import De06Screen
from de06tui.tui.units_data import UnitRequest, UnitsFailed, UnitsLoaded, request_for, run_unit_load
from de06tui.tui.views.units import (
    SORTS,
    UnitBoardView,
    UnitQuery,
    UnitRow,
    column_widths,
    score_text,
    shown_rows,
    unit_view,
)
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.line_table import LineTable, TableRow

COHORT_LABEL = {DEPARTMENT: "u_departments", COMMUNE: "u_communes"}
SORT_LABEL = {"rank": "col_rank", "name": "u_col_name", "value": "col_value", "change": "col_change",
              "province": "col_province"}
# Units a source gave, per source and province, kept while the app runs: going back up and
# down again does not ask the portal twice.
_KEPT: weakref.WeakKeyDictionary[object, dict] = weakref.WeakKeyDictionary()


def snapshot_label(shot: tuple[str, str | None] | None, lang: str = "vi") -> str:
    from de06tui.core import periods as P

    if shot is None:
        return ""
    day = f" · {shot[1][8:10]}/{shot[1][5:7]}/{shot[1][:4]}" if shot[1] and len(shot[1]) == 10 else ""
    return P.label(shot[0], lang) + day


class UnitTable(LineTable):
    """The units board's table: the province boards' keys, and the units' own. It paints only
    the lines on screen, so 3,321 communes sort and filter as fast as 34 provinces."""

    BINDINGS = actions.bindings(actions.BOARD) + actions.bindings(actions.UNITS)


class UnitsScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("units.tcss")  # read when the screen is first shown
    SCOPE = actions.UNITS
    WATCHES = ("lang",)

    class ViewReady(Message):
        def __init__(self, key: tuple, view: UnitBoardView) -> None:
            super().__init__()
            self.key = key
            self.view = view

    def __init__(self, province: str | None, cohort: str = COMMUNE) -> None:
        super().__init__()
        self.query_state = UnitQuery(province, cohort)
        self.units = None
        self.clusters: dict[str, tuple[str, ...]] = {}
        self.label = ""
        self.kind = ""
        self.error = ""
        self.view: UnitBoardView | None = None
        self._shown: list[UnitRow] = []
        # Each unit's cells, made once per view (and language) and reused by every sort and filter.
        self._made: tuple[object, dict[str, TableRow]] = (None, {})
        self._generation = 0
        self._want: tuple | None = None
        from de06tui.core.registry import default_registry

        self.names = {p.code: p.name for p in default_registry().provinces(34)}

    @property
    def place(self) -> str:
        p = self.query_state.province
        return self.names.get(p, p) if p else self.t("u_all_provinces")

    def compose_body(self) -> ComposeResult:
        yield Static(id="units-crumb", classes="note")
        yield Tabs(Tab(self.t("u_departments"), id=DEPARTMENT), Tab(self.t("u_communes"), id=COMMUNE),
                   active=self.query_state.cohort, id="units-tabs")
        yield Static(id="units-note", classes="note")
        yield UnitTable(id="units-table")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(UnitTable).focus()
        self.load(force=False)

    # -- loading -------------------------------------------------------------------------
    def load(self, force: bool) -> None:
        app = self.de06
        request = request_for(app.source, self.query_state.province, app.period, self._generation + 1)
        self.kind = request.kind
        kept = _KEPT.get(app.source, {}).get(self.query_state.province)
        if kept is not None and not force:
            self._take(*kept)
            return
        self._generation += 1
        self._paint_note()
        self._fetch(request)

    @work(thread=True, exclusive=True, group="units-load")
    def _fetch(self, request: UnitRequest) -> None:
        run_unit_load(request, self.post_message)

    @on(UnitsLoaded)
    def _loaded(self, message: UnitsLoaded) -> None:
        if message.request.generation != self._generation:
            return
        _KEPT.setdefault(self.de06.source, {})[message.request.province] = (
            message.units, message.clusters, message.label)
        self._take(message.units, message.clusters, message.label)
        for problem in message.units.problems[:1]:
            self.de06.say(str(problem), "warning")

    @on(UnitsFailed)
    def _failed(self, message: UnitsFailed) -> None:
        if message.request.generation != self._generation:
            return
        self.error = message.reason  # the last good units, if any, stay on screen
        self.de06.say(self.t("u_load_failed", reason=message.reason), "error")
        self._paint_note()

    def _take(self, units, clusters: dict, label: str) -> None:
        self.units, self.clusters, self.label, self.error = units, clusters, label, ""
        self.recompute()

    def recompute(self) -> None:
        if self.units is None:
            return
        key = (id(self.units), self.query_state.ranked())
        if self.view is not None and self.view.query == key[1] and key == self._want:
            self._paint()
            return
        self._want = key
        self._compute(key, self.units, self.query_state, self.clusters, self.names)

    @work(thread=True, exclusive=True, group="units-view")
    def _compute(self, key: tuple, units, query: UnitQuery, clusters: dict, names: dict) -> None:
        self.post_message(self.ViewReady(key, unit_view(units, query, clusters, names)))

    @on(ViewReady)
    def _ready(self, message: ViewReady) -> None:
        if message.key == self._want:
            self.view = message.view
            self._paint()

    def refresh_view(self) -> None:
        if self.is_mounted and self.view is not None:
            self._paint()

    # -- painting ------------------------------------------------------------------------
    def _paint(self) -> None:
        view, q = self.view, self.query_state
        if view is None:
            return
        cohort = self.t(COHORT_LABEL[q.cohort])
        count = view.counts.get(q.cohort, 0)
        self.view_title = f"{self.place} › {cohort} · {count}"
        self.view_period = snapshot_label(view.snapshot, self.de06.lang)
        table = self.query_one(UnitTable)
        keep = self.current_code()
        rows = shown_rows(view, q.filter, q.sort, q.reverse)
        self._shown = rows
        national = q.province is None
        arrow = "▼" if SORTS[q.sort] != q.reverse else "▲"

        def head(col: str, key: str, right: bool = False) -> cells.Cell:
            return cells.Cell(f"{self.t(key)} {arrow}" if col == q.sort else self.t(key), right=right)

        header = [head("rank", "col_rank", True), cells.Cell(self.t("u_col_portal"), right=True),
                  head("name", "u_col_name")]
        if national:
            header.append(head("province", "col_province"))
        header += [head("value", "u_col_score", True), head("change", "col_change", True),
                   cells.Cell("Δ"), cells.Cell("")]
        made_for = (id(view), national, self.de06.lang)
        if self._made[0] != made_for:
            self._made = (made_for, {})
        made = self._made[1]
        lines = []
        for r in rows:
            line = made.get(r.code)
            if line is None:
                line = made[r.code] = TableRow.lazy(partial(self._cells, r, national))
            lines.append(line)
        index = next((i for i, r in enumerate(rows) if r.code == keep), 0) if keep is not None else 0
        table.set_rows(header, lines, cursor=index, widths=column_widths(rows, national))
        self._paint_note()

    def _cells(self, r: UnitRow, national: bool) -> list:
        lang = self.de06.lang
        score = score_text(r.value, lang)
        delta = None if r.value_change is None else score_text(abs(r.value_change), lang)
        out = [cells.Cell("–" if r.rank is None else str(r.rank), right=True),
               cells.Cell("–" if r.source_rank is None else str(r.source_rank), right=True),
               cells.Cell(r.name)]
        if national:
            out.append(cells.Cell(r.province_name))
        out += [cells.Cell(score, right=True), cells.change(r.rank_change),
                cells.value_change(delta, r.value_change), cells.Cell("⚠" if r.flag else "")]
        return out

    def _paint_note(self) -> None:
        crumb = Text(self.t("u_crumb_board"), style="dim")
        crumb.append(" › ")
        crumb.append(self.place, style="bold")
        crumb.append(" › " + self.t(COHORT_LABEL[self.query_state.cohort]))
        if self.query_state.cluster:
            crumb.append(" · " + self.t("u_cluster", name=self.query_state.cluster))
        crumb.append("   " + self.t("u_esc_back"), style="dim")
        self.query_one("#units-crumb", Static).update(crumb)
        self.query_one("#units-note", Static).update(self._note_text())

    def _note_text(self) -> Text:
        from de06tui.tui.units_actions import note_text

        return note_text(self)

    # -- actions -------------------------------------------------------------------------
    def set_query(self, **changes: object) -> None:
        old = self.query_state
        self.query_state = replace(old, **changes)  # type: ignore[arg-type]
        if self.query_state.ranked() != old.ranked():
            self.recompute()
        else:
            self._paint()

    def current_code(self) -> str | None:
        table = self.query_one(UnitTable)
        if table.row_count == 0 or not self._shown:
            return None
        row = table.cursor_row
        return self._shown[row].code if 0 <= row < len(self._shown) else None

    def current_row(self) -> UnitRow | None:
        code = self.current_code()
        return next((r for r in self._shown if r.code == code), None)

    @on(Tabs.TabActivated, "#units-tabs")
    def _tab(self, event: Tabs.TabActivated) -> None:
        cohort = event.tab.id
        if cohort in COHORT_LABEL and cohort != self.query_state.cohort:
            self.set_query(cohort=cohort)
        self.query_one(UnitTable).focus()

    def action_switch_cohort(self) -> None:
        nxt = DEPARTMENT if self.query_state.cohort == COMMUNE else COMMUNE
        self.query_one("#units-tabs", Tabs).active = nxt
        self.set_query(cohort=nxt)

    def action_step_snapshot(self, step: int) -> None:
        if self.view is None or not self.view.snapshots:
            return
        shots = list(self.view.snapshots)
        here = shots.index(self.view.snapshot) if self.view.snapshot in shots else len(shots) - 1
        if not 0 <= here + step < len(shots):
            self.app.bell()
            return
        self.set_query(snapshot=shots[here + step], before=0)

    def action_cycle_before(self) -> None:
        """Against the snapshot before, then each earlier one, then nothing, round again."""
        view = self.view
        earlier = list(view.snapshots).index(view.snapshot) if view and view.snapshot in view.snapshots else 0
        b = self.query_state.before
        self.set_query(before=-1 if b < 0 and earlier == 0 else (0 if b < 0 else (b + 1 if b + 1 < earlier else -1)))

    def action_cycle_cluster(self) -> None:
        names = [""] + sorted(self.clusters)
        here = names.index(self.query_state.cluster) if self.query_state.cluster in names else 0
        if len(names) == 1:
            self.de06.say(self.t("u_no_clusters"))
            return
        self.set_query(cluster=names[(here + 1) % len(names)])

    def action_clear_filter(self) -> None:
        self.set_query(filter="", cluster="")

    def action_reload_units(self) -> None:
        self.load(force=True)

    def action_move(self, where: str) -> None:
        table = self.query_one(UnitTable)
        {"down": table.action_cursor_down, "up": table.action_cursor_up,
         "page_down": table.action_page_down, "page_up": table.action_page_up,
         "first": table.action_scroll_top, "last": table.action_scroll_bottom}[where]()

    def action_reverse(self) -> None:
        self.set_query(reverse=not self.query_state.reverse)

    def action_sort_next(self) -> None:
        cols = [c for c in SORTS if c != "province" or self.query_state.province is None]
        here = cols.index(self.query_state.sort) if self.query_state.sort in cols else -1
        self.set_query(sort=cols[(here + 1) % len(cols)], reverse=False)

    def action_open_detail(self) -> None:
        row = self.current_row()
        if row is not None and self.units is not None and self.view is not None:
            from de06tui.tui.screens.unit_detail import UnitDetailScreen

            self.app.push_screen(UnitDetailScreen(self.units, row, self.query_state, self.view.snapshot))

    @on(LineTable.RowSelected, "#units-table")
    def _row_clicked(self, event: LineTable.RowSelected) -> None:
        self.action_open_detail()

    def action_copy_row(self) -> None:
        row = self.current_row()
        if row is None:
            self.de06.say(self.t("nothing_to_copy"))
            return
        # Cells a spreadsheet reads as numbers, in the language's decimal mark, as the board copies.
        score = score_text(row.value, self.de06.lang)
        self.de06.copy(f"{row.rank or '–'}\t{row.name}\t{row.province_name}\t{score}\t"
                       f"{snapshot_label(self.view.snapshot if self.view else None, self.de06.lang)}")

    def action_export(self, fmt: str) -> None:
        from de06tui.tui.units_actions import export_units

        export_units(self, fmt)

    # -- the filter ----------------------------------------------------------------------
    async def action_filter(self) -> None:
        box = next(self.query("#units-filter").results(Input), None)
        if box is None:
            box = Input(id="units-filter", placeholder=self.t("u_filter_placeholder"))
            await self.mount(box, after=self.query_one(UnitTable))
        box.value = self.query_state.filter
        box.remove_class("hidden")
        box.focus()

    @on(Input.Changed, "#units-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.set_query(filter=event.value)

    @on(Input.Submitted, "#units-filter")
    def _done(self) -> None:
        self._close_filter(clear=False)

    def _close_filter(self, clear: bool) -> None:
        if clear:
            self.set_query(filter="")
        for box in self.query("#units-filter").results(Input):
            box.add_class("hidden")
        self.query_one(UnitTable).focus()

    def back(self) -> bool:
        """Esc while typing a filter clears and closes it instead of leaving the screen."""
        box = next(self.query("#units-filter").results(Input), None)
        if box is not None and box.has_focus:
            self._close_filter(clear=True)
            return True
        return False
