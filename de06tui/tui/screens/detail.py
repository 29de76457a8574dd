"""One province: every metric in the period, and the history of one metric."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from de06tui.core import periods as P
from de06tui.tui import actions, recorded
from de06tui.tui.figures import figure
from de06tui.tui.screens.base import ComputedScreen
from de06tui.tui.views.detail import DetailView, detail_view, ready_detail
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.chart import HistoryChart, axis_range, short_label
from de06tui.tui.widgets.line_table import LineTable, TableRow

if TYPE_CHECKING:
    from de06tui.tui.app import De06App


class MetricTable(LineTable):
    """The detail's metrics: the arrows pick one, Enter charts its history, and the page keys
    scroll the whole detail (on a small terminal the chart and ranks are below)."""

    def action_page_down(self) -> None:
        self.screen.query_one("#detail-body", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.screen.query_one("#detail-body", VerticalScroll).scroll_page_up(animate=False)


class DetailScreen(ComputedScreen[DetailView]):
    CSS_PATH = Path(__file__).with_name("detail.tcss")  # read with the app's (De06App.CSS_PATH)
    SCOPE = actions.DETAIL
    BINDINGS = actions.bindings(actions.DETAIL)
    TITLE_KEY = "detail"
    AUTO_FOCUS = ""  # the metrics take the focus, without scrolling the name away (on_mount)
    WATCHES = ("dataset", "period", "lang", "compare", "provinces", "as_of")
    metric: str  # always about one metric

    def __init__(self, code: str, era: int, metric: str) -> None:
        super().__init__()
        self.code = code
        self.era = era
        self.metric = metric
        self.view: DetailView | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-name", classes="title detail-text")
            yield Static(id="detail-absorbed", classes="note detail-text")
            yield MetricTable(id="detail-metrics")
            yield Static(id="detail-vs", classes="note detail-text")
            yield Static(id="detail-chart-title", classes="subtitle detail-text")
            yield HistoryChart(id="detail-chart")
            yield Static(id="detail-axis-note", classes="note detail-text")
            yield Static(id="detail-ranks", classes="note detail-text")

    def on_mount(self) -> None:
        super().on_mount()
        # The arrows pick a metric, Enter charts its history.
        self.set_focus(self.query_one("#detail-metrics", LineTable), scroll_visible=False)

    def aim(self, code: str, era: int, metric: str) -> None:
        """Show another province: cleared to what a new detail first shows, then worked out."""
        self.code, self.era, self.metric = code, era, metric
        self.view, self._want = None, None
        for box in self.query(".detail-text").results(Static):
            box.update("")
        self.query_one("#detail-absorbed", Static).display = False
        self.query_one("#detail-metrics", LineTable).set_rows([], [])
        self.query_one("#detail-chart", HistoryChart).series = ()
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)
        self.view_period = ""
        self.refresh_view()

    def view_key(self) -> tuple | None:
        app = self.de06
        if app.dataset is None or app.period is None:
            return None
        self._follow_registry(app.dataset.registry, app.period, app.provinces)
        return (app.state.version, self.code, self.era, app.period, self.metric, app.compare) \
            + recorded.key_part(app)

    def _follow_registry(self, registry, period: str, provinces: str) -> None:
        """After `t` (or a period step across the merger), show the same place on the registry
        the rest of the app is on: an old province becomes the new one that absorbed it; a new
        province becomes the old one it stands for (the registry's namesake)."""
        from de06tui.core.ranking import RankingError, target_era

        try:
            era = target_era(period, provinces)
        except RankingError:
            return  # the app refuses that choice and says why; the detail stays as it is
        if era == self.era:
            return
        try:
            code = registry.successor(self.code) if era == 34 else registry.namesake(self.code)
        except KeyError:
            return
        if code is None:
            return
        self.code, self.era = code, era

    def compute(self, key: tuple, ds, changed: frozenset) -> DetailView:
        _, code, era, period, metric, compare = key[:6]
        view = detail_view(ds, code, era, period, metric, compare=compare)
        if len(key) > 6:  # a recorded source: the chart and ranks from its snapshots
            from de06tui.tui.views.recorded import history

            days = history(key[6], view.code, period, metric, ds.catalog[metric].higher_is_better)
            if days:
                view = replace(view, history=days)
        return view

    def adopt(self, key: tuple) -> DetailView | None:
        ds = self.de06.dataset
        if ds is None or len(key) > 6:  # a recorded source's history is read in the worker
            return None
        _, code, era, period, metric, compare = key
        return ready_detail(ds, code, era, period, metric, compare)

    def _paint(self) -> None:
        view, app = self.view, self.de06
        if view is None:
            return
        lang = app.lang
        self.view_title = f"{self.t('detail')}: {view.name}"
        self.view_period = P.label(view.period, lang)
        self.query_one("#detail-name", Static).update(Text(view.name, style="bold"))
        absorbed = self.query_one("#detail-absorbed", Static)
        absorbed.update(Text(self.t("absorbed", names=", ".join(view.absorbed))) if view.absorbed else "")
        absorbed.display = bool(view.absorbed)
        table = self.query_one("#detail-metrics", LineTable)
        heads = [cells.Cell(self.t(k)) for k in
                 ("col_metric", "col_value", "col_of", "col_change", "col_value_change")]
        lines, keys = [], []
        synthetic = bool(app.dataset and app.dataset.provenance.synthetic)
        for line in view.lines:
            m = app.catalog[line.metric]
            value = cells.value(figure(m, line.value, lang), line.approx, line.real, synthetic)
            value.append(f" {m.unit_label(lang)}" if line.value is not None else "")
            rank = self.t("rank_of", rank=line.rank, of=line.of) if line.rank is not None else "–"
            style = "bold" if line.metric == self.metric else ""
            delta = None if line.value_change is None else figure(m, abs(line.value_change), lang)
            lines.append(TableRow([cells.Cell(m.title(lang), style), value, cells.Cell(rank),
                                   cells.change(line.rank_change), cells.value_change(delta, line.value_change)]))
            keys.append(line.metric)
        table.set_rows(heads, lines, cursor=table.cursor_row, row_keys=keys)
        self.query_one("#detail-vs", Static).update(
            Text(self.t("change_vs", vs=app.compare_label(view.against)), style="dim"))
        m = app.catalog[self.metric]
        self.query_one("#detail-chart-title", Static).update(
            Text(self.t("history", metric=m.title(lang)) + f" ({m.unit_label(lang)})", style="bold"))
        chart = self.query_one("#detail-chart", HistoryChart)
        chart.low, chart.high = axis_range([v for _, v in view.series], m.low, m.high)
        chart.highlight = view.period
        chart.approx = frozenset(h.period for h in view.history if h.approx)
        chart.series = view.series
        periods = [h.period for h in view.history]
        merged = view.era == 34 and any(p < P.MERGER_MONTH for p in periods) \
            and any(p >= P.MERGER_MONTH for p in periods)
        notes = ([self.t("merger_mark")] if merged else []) + ([self.t("approx_mark")] if chart.approx else [])
        self.query_one("#detail-axis-note", Static).update(Text(" · ".join(notes)))
        self.query_one("#detail-ranks", Static).update(self._ranks_text(view))

    def _ranks_text(self, view: DetailView) -> Text:
        """The rank trajectory of the last 12 periods: "01/26 #5 · 02/26 #3 …", merger marked │."""
        out = Text(self.t("rank_trajectory") + ": ", style="bold")
        shown = [h for h in view.history if h.rank is not None][-12:]
        for i, h in enumerate(shown):
            period, rank, of, approx = h.period, h.rank, h.of, h.approx
            if i:
                out.append(" │ " if period == P.MERGER_MONTH else " · ", style="dim")
            label = short_label(period)
            out.append(f"{label} ", style="dim")
            out.append(f"{'≈' if approx else ''}{rank}/{of}", style="bold" if period == view.period else "")
        return out

    @on(LineTable.RowSelected, "#detail-metrics")
    def _chart_metric(self, event: LineTable.RowSelected) -> None:
        """Enter on a metric charts its history."""
        metric = event.table.row_keys[event.row]
        if metric != self.metric:
            self.metric = metric
            self.refresh_view()

    def action_copy_row(self) -> None:
        view = self.view
        if view is None:
            return
        app = self.de06
        lines = [f"{view.name} — {P.label(view.period, app.lang)}"]
        for line in view.lines:
            m = app.catalog[line.metric]
            if line.value is not None:
                lines.append(f"{m.title(app.lang)}\t{m.fmt(line.value)} {m.unit_label(app.lang)}\t"
                             f"{line.rank}/{line.of}")
        app.copy("\n".join(lines))


def open_detail(app: De06App, code: str, era: int, metric: str) -> None:
    """Push a province's detail. Each mode keeps one detail screen and aims it at the province
    asked for, rather than build a screen's widgets and styles on every Enter (one more is made
    when it is already open: the palette opens a province from it)."""
    from de06tui.tui.kept_screens import push_kept

    push_kept(app, f"detail:{app.current_mode}", lambda: DetailScreen(code, era, metric),
              lambda screen: cast("DetailScreen", screen).aim(code, era, metric))
