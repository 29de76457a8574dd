"""One department or commune: its six groups, its snapshots and its rank over them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from de06tui.tui.screens.base import De06Screen
from de06tui.tui.views.units import UnitDetail, UnitQuery, UnitRow, score_text, unit_detail
from de06tui.tui.widgets import cells


class UnitDetailScreen(De06Screen):
    CSS_PATH = Path(__file__).with_name("units.tcss")
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
            yield DataTable(id="unit-groups", cursor_type="none", show_cursor=False, zebra_stripes=True)
            yield Static(id="unit-ranks")
            yield DataTable(id="unit-history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._compute(self.units, self.row.code, self.scope.province, self.scope.cohort, self.shown)

    @work(thread=True, exclusive=True, group="unit-detail")
    def _compute(self, units, code: str, province: str | None, cohort: str, shown) -> None:
        self.post_message(self.Ready(unit_detail(units, code, province, cohort, shown)))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.detail = message.detail
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
        groups = self.query_one("#unit-groups", DataTable)
        groups.clear(columns=True)
        groups.add_columns(Text(self.t("u_col_group"), style="bold"), Text(self.t("u_col_score"), style="bold"))
        for metric, value in d.groups:
            title = catalog[metric].title(lang) if metric in catalog else metric
            groups.add_row(cells.Cell(title), cells.Cell(score_text(value, lang), right=True))
        ranks = [r for _s, _v, r, _n in d.history if r is not None]
        line = Text(self.t("u_rank_over_time"), style="bold")
        if len(ranks) > 1:
            # Higher on the chart is better: the sparkline is drawn on the negated ranks.
            line.append("  " + cells.sparkline(tuple(-r for r in ranks)).plain + "  ")
            line.append("  →  ".join(str(r) for r in ranks))
        else:
            line.append("  " + self.t("u_one_snapshot"), style="dim")
        self.query_one("#unit-ranks", Static).update(line)
        history = self.query_one("#unit-history", DataTable)
        history.clear(columns=True)
        history.add_columns(*(Text(self.t(k), style="bold") for k in ("u_col_snapshot", "u_col_score", "col_rank")))
        for shot, value, rank, of in d.history:
            history.add_row(cells.Cell(snapshot_label(shot, lang)),
                            cells.Cell(score_text(value, lang), right=True),
                            cells.Cell("–" if rank is None else f"{rank} / {of}", right=True))
