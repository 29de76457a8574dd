"""A province's departments and communes (or every province's communes): one board, two tabs."""

from __future__ import annotations

import weakref
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from de06tui.core.portal import COMMUNE, DEPARTMENT
from de06tui.tui import actions, background, units_cells
from de06tui.tui.screens.base import De06Screen
from de06tui.tui.screens.unit_detail import UnitDetailPane, in_board_place
from de06tui.tui.units_cells import snapshot_label  # noqa: F401 (where the units modules read it)
from de06tui.tui.units_data import UnitRequest, UnitsFailed, UnitsLoaded, request_for, run_unit_load
from de06tui.tui.views.units import (
    UnitBoardView,
    UnitQuery,
    UnitRow,
    cluster_members,
    column_widths,
    next_before,
    next_cluster,
    next_sort,
    one_key_away,
    shown_rows,
    stepped,
    unit_view,
    view_key,
)
from de06tui.tui.widgets.cohort_tabs import CohortTabs
from de06tui.tui.widgets.line_table import LineTable, TableRow
from de06tui.tui.widgets.notes import show_note

COHORT_LABEL = {DEPARTMENT: "u_departments", COMMUNE: "u_communes"}
SORT_LABEL = {"rank": "col_rank", "name": "u_col_name", "value": "col_value", "change": "col_change",
              "province": "col_province"}
# Units a source gave, per source and province, kept while the app runs: going back up and
# down again does not ask the portal twice.
_KEPT: weakref.WeakKeyDictionary[object, dict] = weakref.WeakKeyDictionary()
VIEWS_KEPT = 16  # views of one units set kept for the keys that come back to them
AHEAD_AFTER = 0.1  # seconds without a new view before the views one key away are worked out


class UnitTable(LineTable):
    """The units board's table: the province boards' keys, and the units' own. It paints only
    the lines on screen, so 3,321 communes sort and filter as fast as 34 provinces."""

    BINDINGS = actions.bindings(actions.BOARD) + actions.bindings(actions.UNITS)


class UnitsScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("units.tcss")  # read with the app's (De06App.CSS_PATH)
    SCOPE = actions.UNITS
    WATCHES = ("lang",)

    class ViewReady(Message):
        def __init__(self, key: tuple, view: UnitBoardView) -> None:
            super().__init__()
            self.key = key
            self.view = view

    class MembersReady(Message):
        def __init__(self, units: object, members: dict[str, frozenset[str]]) -> None:
            super().__init__()
            self.units = units
            self.members = members

    def __init__(self, province: str | None, cohort: str = COMMUNE) -> None:
        super().__init__()
        self.query_state = UnitQuery(province, cohort)
        self.units = None
        self.clusters: dict[str, tuple[str, ...]] = {}
        self.label = ""
        self.kind = ""
        self.error = ""
        self.view: UnitBoardView | None = None
        # Views by (units, query.ranked()): the one shown and those one key away, worked out ahead.
        self._views: dict[tuple, UnitBoardView] = {}
        self._members: dict[str, frozenset[str]] = {}  # each cluster's units, for the units shown
        self._shown: list[UnitRow] = []
        self._shown_key: tuple | None = None
        self._snapshots: tuple = ()  # the units' snapshots, once a view of them is worked out
        self._ahead_timer: Timer | None = None
        # Each unit's cells, made once per view (and language) and reused by every sort and filter.
        self._made: dict[tuple, dict[str, TableRow]] = {}
        self._generation = 0
        self._want: tuple | None = None
        from de06tui.core.registry import default_registry

        self.names = {p.code: p.name for p in default_registry().provinces(34)}

    @property
    def place(self) -> str:
        p = self.query_state.province
        return self.names.get(p, p) if p else self.t("u_all_provinces")

    def compose_body(self) -> ComposeResult:
        with Vertical(id="units-board"):
            yield Static(id="units-crumb", classes="note")
            yield CohortTabs(self._tab_labels(), self.query_state.cohort, id="units-tabs")
            yield Static(id="units-note", classes="note")
            yield UnitTable(id="units-table")
            yield Input(id="units-filter", placeholder=self.t("u_filter_placeholder"))
        # A unit's detail, made and styled with the board so that Enter only fills and shows it.
        yield UnitDetailPane(id="unit-body")

    @property
    def detail_open(self) -> bool:
        return self.is_mounted and self.query_one(UnitDetailPane).display

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
        if units is not self.units or clusters != self.clusters:
            self._views.clear()
            self._members, self._snapshots = {}, ()
            if clusters:
                self._find_members(units, clusters)
        self.units, self.clusters, self.label, self.error = units, clusters, label, ""
        self.recompute()

    def recompute(self) -> None:
        if self.units is None:
            return
        key = (id(self.units), view_key(self.query_state, self._snapshots))
        self._want = key
        if key in self._views:
            self._show(key, self._views[key])
            return
        self._compute(key, self.units, self.query_state, self.names)

    @work(thread=True, exclusive=True, group="units-view")
    def _compute(self, key: tuple, units, query: UnitQuery, names: dict) -> None:
        self.post_message(self.ViewReady(key, unit_view(units, query, names)))

    @work(thread=True, exclusive=True, group=background.group("units-ahead"))
    def _compute_ahead(self, wanted: list[tuple[tuple, UnitQuery]], units, names: dict) -> None:
        for key, query in wanted:
            if get_current_worker().is_cancelled:
                return
            self.post_message(self.ViewReady(key, unit_view(units, query, names)))

    @work(thread=True, exclusive=True, group=background.group("units-clusters"))
    def _find_members(self, units, clusters: dict) -> None:
        self.post_message(self.MembersReady(units, {n: cluster_members(units, m) for n, m in clusters.items()}))

    def _look_ahead(self) -> None:
        """Work out, in the background, the views one key away from the one shown."""
        if self.view is None or self.units is None:
            return
        wanted = [((id(self.units), view_key(q, self.view.snapshots)), q)
                  for q in one_key_away(self.view, self.query_state)]
        wanted = [(k, q) for k, q in wanted if k not in self._views]
        if wanted:
            self._compute_ahead(wanted, self.units, self.names)

    @on(ViewReady)
    def _ready(self, message: ViewReady) -> None:
        if message.key[0] != id(self.units):
            return
        self._snapshots = message.view.snapshots
        key = (message.key[0], message.view.query)  # asked for before the snapshots were known
        self._views.pop(key, None)
        self._views[key] = message.view
        while len(self._views) > VIEWS_KEPT:
            self._views.pop(next(iter(self._views)))
        if message.key == self._want and self._shown_key != key:
            self._want = key
            self._show(key, message.view)

    def _show(self, key: tuple, view: UnitBoardView) -> None:
        self.view, self._shown_key = view, key
        self._paint()
        # The views one key away are worked out once the keys pause: while keys come quickly, their
        # own views come first and the work ahead would only compete with them.
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        self._ahead_timer = self.set_timer(AHEAD_AFTER, self._look_ahead)

    @on(MembersReady)
    def _members_ready(self, message: MembersReady) -> None:
        if message.units is self.units:
            self._members = {**message.members, **self._members}

    def refresh_view(self) -> None:
        if self.is_mounted:
            self.query_one(CohortTabs).relabel(self._tab_labels())  # the language may have changed
        if self.is_mounted and self.view is not None:
            self._paint()
        if self.detail_open:
            self.query_one(UnitDetailPane).paint()
            self._head()

    # -- painting ------------------------------------------------------------------------
    def _paint(self) -> None:
        view, q = self.view, self.query_state
        if view is None:
            return
        self._head()
        table = self.query_one(UnitTable)
        keep = self.current_code()
        rows = shown_rows(view, q.filter, q.sort, q.reverse, self._cluster_codes())
        self._shown = rows
        national, lang = q.province is None, self.de06.lang
        made_for = (id(view), national, lang)
        made = self._made.pop(made_for, None) or {}
        self._made[made_for] = made  # the newest last: the oldest go first
        while len(self._made) > VIEWS_KEPT:
            self._made.pop(next(iter(self._made)))
        lines = units_cells.table_rows(made, rows, national, lang)
        index = next((i for i, r in enumerate(rows) if r.code == keep), 0) if keep is not None else 0
        # Sorting keeps the widths of the whole view, worked out with it; a narrower set, its own.
        narrowed = len(rows) != len(view.rows)
        widths = column_widths(rows, national) if narrowed or not view.widths else view.widths
        table.set_rows(units_cells.header(q, lang), lines, cursor=index, widths=widths)
        self._paint_note()

    def _head(self) -> None:
        """The header's title and period: the board's, or the unit's while its detail shows."""
        from de06tui.tui.units_actions import heading

        shown = self.query_one(UnitDetailPane).heading() if self.detail_open else heading(self)
        if shown is not None:
            self.view_title, self.view_period = shown

    def _cluster_codes(self) -> frozenset[str] | None:
        name = self.query_state.cluster
        if not name or name not in self.clusters or self.units is None:
            return None
        if name not in self._members:  # picked before the background work got to it
            self._members[name] = cluster_members(self.units, self.clusters[name])
        return self._members[name]

    def _paint_note(self) -> None:
        from de06tui.tui.units_actions import crumb_text, note_text

        self.query_one(CohortTabs).active = self.query_state.cohort
        show_note(self.query_one("#units-crumb", Static), crumb_text(self))
        show_note(self.query_one("#units-note", Static), note_text(self))

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

    def _tab_labels(self) -> list[tuple[str, str]]:
        return [(DEPARTMENT, self.t("u_departments")), (COMMUNE, self.t("u_communes"))]

    @on(CohortTabs.Chosen, "#units-tabs")
    def _tab(self, event: CohortTabs.Chosen) -> None:
        if event.cohort in COHORT_LABEL and event.cohort != self.query_state.cohort:
            self.set_query(cohort=event.cohort)
        self.query_one(UnitTable).focus()

    def action_switch_cohort(self) -> None:
        nxt = DEPARTMENT if self.query_state.cohort == COMMUNE else COMMUNE
        self.set_query(cohort=nxt)

    def action_step_snapshot(self, step: int) -> None:
        if self.view is None or not self.view.snapshots:
            return
        query = stepped(self.view, self.query_state, step)
        if query is None:
            self.app.bell()
            return
        self.set_query(snapshot=query.snapshot, before=query.before)

    def action_cycle_before(self) -> None:
        """Against the snapshot before, then each earlier one, then nothing, round again."""
        self.set_query(before=next_before(self.view, self.query_state))

    def action_cycle_cluster(self) -> None:
        if not self.clusters:
            self.de06.say(self.t("u_no_clusters"))
            return
        self.set_query(cluster=next_cluster(self.clusters, self.query_state.cluster))

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
        self.set_query(sort=next_sort(self.query_state), reverse=False)

    def action_open_detail(self) -> None:
        row = self.current_row()
        if row is not None and self.units is not None and self.view is not None:
            self.query_one(UnitDetailPane).show(self.units, row, self.query_state, self.view.snapshot)
            in_board_place(self, shown=True)
            self._head()

    @on(LineTable.RowSelected, "#units-table")
    def _row_clicked(self, event: LineTable.RowSelected) -> None:
        self.action_open_detail()

    def action_copy_row(self) -> None:
        from de06tui.tui.units_actions import copy_row

        copy_row(self)

    def action_export(self, fmt: str) -> None:
        from de06tui.tui.units_actions import export_units

        export_units(self, fmt)

    # -- the filter ----------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#units-filter", Input)
        if box.value != self.query_state.filter:  # left by Esc, which cleared the board's filter
            box.value = self.query_state.filter
        # Shown by its display alone: a class would have the stylesheet applied to it again.
        box.display = True
        self.set_focus(box)  # at once: keys typed fast after `/` all go into the box

    @on(Input.Changed, "#units-filter")
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self.query_state.filter:  # the box set to the board's own: no repaint
            self.set_query(filter=event.value)

    @on(Input.Submitted, "#units-filter")
    def _done(self) -> None:
        self._close_filter(clear=False)

    def _close_filter(self, clear: bool) -> None:
        if clear:
            self.set_query(filter="")
        self.query_one("#units-filter", Input).display = False
        self.set_focus(self.query_one(UnitTable))

    def back(self) -> bool:
        """Esc on a unit's detail goes back to the board; while typing a filter, it clears and
        closes it instead of leaving the screen."""
        if self.detail_open:
            in_board_place(self, shown=False)
            self._head()
            return True
        if self.query_one("#units-filter", Input).has_focus:
            self._close_filter(clear=True)
            return True
        return False
